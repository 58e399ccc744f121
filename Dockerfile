# One image for web, worker and beat (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# pg_dump and pg_restore for `manage.py backup` and `restore` (Debian 12's client is 15, like compose's server);
# Pango and HarfBuzz for WeasyPrint's PDFs (recovery/pdf.py); gettext for compilemessages.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client gettext \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 hearth

COPY pyproject.toml setup.py README.md constraints.txt ./
COPY templates ./templates
COPY static ./static
COPY recovery ./recovery
COPY residences ./residences
COPY residents ./residents
COPY peer_support ./peer_support
COPY governance ./governance
# The exact versions CI tested (constraints.txt), so two builds of one commit install the same thing.
RUN pip install --no-cache-dir -c constraints.txt .

COPY . .
# collectstatic needs settings but no database; the key is thrown away with this layer.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && SECRET_KEY=collectstatic-only python manage.py compilemessages -v 0 \
    && mkdir -p /app/var/media && chown -R hearth:hearth /app/var

USER hearth
EXPOSE 8000
CMD ["gunicorn", "-c", "python:recovery.gunicorn_conf", "recovery.wsgi"]
