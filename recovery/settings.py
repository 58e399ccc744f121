"""Hearth's one settings module: everything that differs between machines comes from the environment.

Every variable read here is documented in `.env.example`.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from recovery import redis_urls

BASE_DIR = Path(__file__).resolve().parent.parent


def site_folder(name: str) -> Path:
    """The site's own `templates/` or `static/`: at the top of the source tree when run from it, else (a wheel or
    image install, which has no source tree) inside the recovery package as `site_<name>`, where setup.py puts them."""
    in_source = BASE_DIR / name
    return in_source if in_source.is_dir() else Path(__file__).resolve().parent / f"site_{name}"


env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# Runtime state of the embedded default (SQLite file, Celery's file queue, cache) lives under var/.
# A relative HEARTH_VAR_DIR is taken from the project folder.
VAR_DIR = BASE_DIR / env.str("HEARTH_VAR_DIR", default="var")

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105 - DEBUG only
# With DEBUG off an unset key stays empty: commands that sign nothing (migrations, checks) still run, while the
# web server and the worker refuse to start (recovery/startup.py) and Django refuses any use of an empty key.

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "recovery",  # first, so its templates and the custom user model win
    "recovery.audit",
    "recovery.notifications",
    "recovery.webhooks",
    "recovery.apps.HearthAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.forms",  # Django's widget templates, for the site's form renderer (TemplatesSetting)
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # allauth's session list says "2 hours ago"
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, vendored: the reference page loads nothing from a CDN
    "recovery.api",
    "django_htmx",
    "django_celery_beat",
    "residences",
    "residents",
    "peer_support",
    "governance",
]

MIDDLEWARE = [
    # First: /healthz answers whatever the Host header, over plain HTTP (a container's check; recovery/middleware.py).
    "recovery.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # the browser's language (issue 18)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "recovery.languages.PersonLanguageMiddleware",  # the signed-in person's saved language beats the browser's
    "recovery.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "recovery.middleware.TenantMiddleware",
    "recovery.middleware.StaffSessionLifetimeMiddleware",
    "recovery.audit.reads.ResidentReadsMiddleware",
    "recovery.middleware.IdleTimeoutMiddleware",
    "recovery.middleware.RequireMFAMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: a form's one-time token is settled by the view's own answer (recovery/submissions.py).
    "recovery.submissions.OneSubmitMiddleware",
]

ROOT_URLCONF = "recovery.urls"
WSGI_APPLICATION = "recovery.wsgi.application"
AUTH_USER_MODEL = "recovery.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [site_folder("templates")],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            # {% csrf_token %} also renders the form's one-time token (issue 14, item 5).
            "builtins": ["recovery.templatetags.forms", "django.templatetags.i18n"],
        },
    },
]
# Every field on every page through one template (recovery/templates/recovery/forms/field.html).
FORM_RENDERER = "recovery.renderers.HearthFormRenderer"

# --- Database -------------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'hearth.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share one file: WAL and a busy timeout keep them from tripping on each other.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so that a Celery worker started by a test sees the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-hearth.sqlite3")}
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PgBouncer in transaction mode between Hearth and PostgreSQL: each transaction may run on another server
    # connection, so nothing may outlive one. Server-side cursors (.iterator()) do, and are switched off; Hearth sets no
    # session state (its one SET is SET LOCAL, inside a transaction). CONN_MAX_AGE then keeps the cheap connections
    # to PgBouncer, whose pool bounds PostgreSQL's (.ci/pgbouncer is the configuration CI runs the suite through).
    if env.bool("DATABASE_PGBOUNCER", default=False):
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis, cache and Celery ------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
# The master's name Redis Sentinel monitors, for any store given as sentinel://host:26379/N (recovery/redis_urls.py).
REDIS_SENTINEL_MASTER = env.str("REDIS_SENTINEL_MASTER", default="mymaster")

# How long Hearth waits on Redis before treating it as down, in seconds: a stopped or frozen Redis must cost a
# request about this long once, never the 20-30 s of the clients' defaults (issue 15, item 3).
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=1.0)

if REDIS_URL:
    # Three stores in three databases (issue 19): the broker and results keep REDIS_URL's database N, the cache takes
    # N + 1 and locks (with the scheduler's heartbeat) N + 2, so that clearing the cache (FLUSHDB) never deletes a
    # queued task. Each can live elsewhere, e.g. the cache on a Redis with an eviction policy.
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
    CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
    HEARTH_CACHE_URL = env.str("HEARTH_CACHE_URL", default=redis_urls.with_database(REDIS_URL, redis_urls.CACHE_OFFSET))
    HEARTH_LOCKS_URL = env.str("HEARTH_LOCKS_URL", default=redis_urls.with_database(REDIS_URL, redis_urls.LOCKS_OFFSET))
    _redis_options = {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT}

    def _cache_options(url):
        if redis_urls.is_sentinel(url):
            return {
                **_redis_options,
                "pool_class": "recovery.redis_urls.SentinelPool",
                "master_name": REDIS_SENTINEL_MASTER,
            }
        return _redis_options

    CACHES = {
        # The cache holds only throttles and counters: when Redis is unreachable it reads as empty and drops writes,
        # so sign-in fails open on rate limiting rather than failing (recovery/cache.py says why).
        "default": {
            "BACKEND": "recovery.cache.FailOpenRedisCache",
            "LOCATION": HEARTH_CACHE_URL,
            "OPTIONS": _cache_options(HEARTH_CACHE_URL),
        },
        # Locks and the scheduler's heartbeat (recovery/heartbeat.py): never cleared with the cache, never failing open.
        "locks": {
            "BACKEND": "recovery.cache.HearthRedisCache",
            "LOCATION": HEARTH_LOCKS_URL,
            "OPTIONS": _cache_options(HEARTH_LOCKS_URL),
        },
    }
    # Connect and socket timeouts everywhere Celery talks to Redis (publishing, consuming, results), and a bounded
    # number of reconnection attempts when publishing: a web request that queues a task after its commit gives
    # up within a few seconds, and the periodic dispatchers send what it could not (issue 15, item 3).
    CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT * 2
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": REDIS_TIMEOUT,
        "socket_timeout": REDIS_TIMEOUT * 3,
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
    }
    CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_TIMEOUT
    CELERY_REDIS_SOCKET_TIMEOUT = REDIS_TIMEOUT * 3
    CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 1, "timeout": REDIS_TIMEOUT * 2}}
    # Sentinel, as Celery spells it: sentinel:// URLs and the master's name in the transport options.
    if redis_urls.is_sentinel(CELERY_BROKER_URL):
        CELERY_BROKER_TRANSPORT_OPTIONS["master_name"] = REDIS_SENTINEL_MASTER
    if redis_urls.is_sentinel(CELERY_RESULT_BACKEND):
        CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS["master_name"] = REDIS_SENTINEL_MASTER
else:
    # The embedded default: no Redis, yet nothing scheduled is dropped. Kombu's filesystem transport keeps
    # the queue as files under var/, which web, worker and beat all see.
    HEARTH_CACHE_URL = HEARTH_LOCKS_URL = ""
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        },
        "locks": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "locks"),
        },
    }
    CELERY_QUEUE_DIR = VAR_DIR / "celery" / "queue"
    CELERY_BROKER_URL = "filesystem://localhost/"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR),
        "data_folder_out": str(CELERY_QUEUE_DIR),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{VAR_DIR / 'celery' / 'results'}"
    for folder in ("queue", "processed", "control", "results"):
        (VAR_DIR / "celery" / folder).mkdir(parents=True, exist_ok=True)
VAR_DIR.mkdir(parents=True, exist_ok=True)

CELERY_TIMEZONE = "UTC"
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged only once it has run, so a worker that dies mid-task does not lose it; this is
# safe because every Hearth task is idempotent (a unique key per scheduled occurrence in the database).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing is tried twice, briefly: whoever queues a task either has a dispatcher that catches up (notifications)
# or is a task that is retried itself.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
# No task runs forever (issue 15, item 4): at the soft limit a task gets SoftTimeLimitExceeded and can clean up; at
# the hard limit its worker process is replaced. The per-item tasks take well under a second; a dispatcher fans out
# a few thousand ids. A task known to take longer sets its own limits (`soft_time_limit=`/`time_limit=`).
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
# Email and SMS go out on their own queue, so check-ins, rent and alerts never wait behind a slow mail provider.
# A worker consumes both queues (`celery worker -Q celery,deliveries`, as the Procfile and docker-compose do), or
# one worker each: README, "Production".
HEARTH_DELIVERY_QUEUE = "deliveries"
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "notifications.deliver": {"queue": HEARTH_DELIVERY_QUEUE},
    "webhooks.deliver": {"queue": HEARTH_DELIVERY_QUEUE},
}
# Seconds since the scheduler's last heartbeat (sent every minute) after which /healthz answers 503.
HEARTH_BEAT_STALE_SECONDS = env.int("HEARTH_BEAT_STALE_SECONDS", default=5 * 60)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The home of Hearth's periodic dispatchers. Each entry runs a small task that finds what is due (check-in
# windows, reviews, rent) and fans out one idempotent task per item. Later features add their entries here.
CELERY_BEAT_SCHEDULE = {
    # The scheduler's heartbeat for /healthz (recovery/heartbeat.py); a heartbeat left in a backlog is worthless.
    "recovery.heartbeat": {"task": "recovery.heartbeat", "schedule": 60.0, "options": {"expires": 50}},
    # External notifications held back by quiet hours (or a broker that was down) go out when due.
    "notifications.dispatch_due": {"task": "notifications.dispatch_due_deliveries", "schedule": 60.0},
    # Webhook retries come due on the delivery's own clock (next_attempt_at); the dispatcher sends them.
    "webhooks.dispatch_due": {"task": "webhooks.dispatch_due_deliveries", "schedule": 60.0},
    # Hourly is safe: each home's step is reminded once (a unique key per home, expiry date and step).
    "residences.certification_reminders": {"task": "residences.certification_reminders", "schedule": 60 * 60},
    # Rent is posted once per period (a unique key per stay and period); hourly covers each organization's day.
    "residences.post_recurring_rent": {"task": "residences.post_recurring_rent_dispatch", "schedule": 60 * 60},
    "residences.advance_nonpayment_steps": {"task": "residences.advance_nonpayment_steps", "schedule": 60 * 60},
    # Progress reviews are created once per due date (a unique key per stay and date); self-care reminders once.
    "residents.create_due_reviews": {"task": "residents.create_due_reviews_dispatch", "schedule": 60 * 60},
    "residents.self_care_reminders": {"task": "residents.self_care_reminders", "schedule": 60 * 60},
    # Check-in reminders at each home's window opening, missed-check-in alerts at its close: once per stay and day.
    "peer_support.check_in_dispatch": {"task": "peer_support.check_in_dispatch", "schedule": 5 * 60},
    # Each home's next house meetings, once per home and date (a unique key), kept four weeks ahead.
    "governance.schedule_meetings": {"task": "governance.schedule_meetings_dispatch", "schedule": 6 * 60 * 60},
    # Follow-up and grievance reminders go once (a notice per key and person); a home's draw once per day.
    "governance.accountability": {"task": "governance.accountability_dispatch", "schedule": 60 * 60},
    # Overdue-back flags go out once per sign-out (a unique flag row); every 10 minutes keeps them timely.
    "governance.flag_overdue_back": {"task": "governance.flag_overdue_back_dispatch", "schedule": 10 * 60},
    # The chore rotation turns once per home per week (a unique week row); hourly covers each home's Monday.
    "governance.turn_chore_weeks": {"task": "governance.turn_chore_weeks_dispatch", "schedule": 60 * 60},
    # Last month's treasury audit is opened once per home (a unique audit per month); hourly catches each 1st.
    "governance.ask_for_treasury_audits": {"task": "governance.ask_for_treasury_audits", "schedule": 60 * 60},
    # A form's one-time token is kept two days (a page left open that long is sent again as a new form).
    "recovery.forget_old_form_submissions": {"task": "recovery.forget_old_form_submissions", "schedule": 6 * 60 * 60},
    # The API's Idempotency-Keys are kept a week (recovery/api/tasks.py).
    "api.forget_old_idempotency_keys": {"task": "api.forget_old_idempotency_keys", "schedule": 6 * 60 * 60},
}
# Task modules beyond each app's tasks.py (which autodiscovery finds by itself).

# --- Accounts (django-allauth) ----------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "recovery.permissions.PlatformStaffModelBackend",  # model permissions: platform staff only (Django admin)
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SESSION_REMEMBER = None  # ask: a shared house computer must be able to forget
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Hearth] "
# allauth's rate limits (sign-in failures, password resets, signups) are on by default; named here so that
# nobody turns them off by accident. They count in the cache, which is shared (Redis or files).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# A reset asked for an address with no account sends nothing: a mail saying "no account" would reach whoever
# owns the address typed, and tell them (or anyone reading their lock screen) that this person was looked for.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Adding, removing or choosing a primary email address asks for the password (or a code) again when the last one
# was given more than ACCOUNT_REAUTHENTICATION_TIMEOUT ago: otherwise a stolen session adds the thief's address,
# resets the password through it and takes the account (issue 12, item 9). Changing sign-in security always asks.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Everyone can list their own sessions (where and when each started) and end the others: Account, then Sessions.
# Tracking each session's last address and time would write to the database on every request, so it stays off.
USERSESSIONS_TRACK_ACTIVITY = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "Hearth"
# A code from the 30-second step before or after is accepted too: a phone's clock drifts, and a code typed as the
# step turns over is not a wrong code (allauth's default of 0 refuses it; RFC 6238 section 5.2 suggests one step).
MFA_TOTP_TOLERANCE = 1
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # passkeys on http://localhost while developing

# Notifications: the public address for links in emails and texts, and where SMS goes (the console by default,
# so nothing leaves the machine until an operator configures a real gateway).
HEARTH_BASE_URL = env.str("HEARTH_BASE_URL", default="http://127.0.0.1:8000")
HEARTH_SMS_BACKEND = env.str("HEARTH_SMS_BACKEND", default="recovery.notifications.sms.ConsoleSMSBackend")
# Seconds an SMS backend's network call (connect, send, each read) may wait before the delivery fails and is retried.
HEARTH_SMS_TIMEOUT = env.float("HEARTH_SMS_TIMEOUT", default=10.0)
# Web Push (issue 18): where pushes go (the console by default; recovery.notifications.push.WebPushBackend to send
# through browsers' push services), and this site's VAPID key pair (base64url; `vapid --gen` makes one) and contact.
HEARTH_PUSH_BACKEND = env.str("HEARTH_PUSH_BACKEND", default="recovery.notifications.push.ConsolePushBackend")
HEARTH_VAPID_PUBLIC_KEY = env.str("HEARTH_VAPID_PUBLIC_KEY", default="")
HEARTH_VAPID_PRIVATE_KEY = env.str("HEARTH_VAPID_PRIVATE_KEY", default="")
HEARTH_VAPID_SUBJECT = env.str("HEARTH_VAPID_SUBJECT", default="mailto:admin@localhost")
# A delivery still "sending" after this many seconds was interrupted (a worker died mid-send). Email and SMS through
# a backend without an idempotency key are then marked "unknown", never resent (at most once); an SMS backend that
# takes one (`idempotent = True`) is sent again with the same key. Keep it above the mail and SMS timeouts.
HEARTH_DELIVERY_SENDING_STALE_SECONDS = env.int("HEARTH_DELIVERY_SENDING_STALE_SECONDS", default=15 * 60)

# Webhooks (recovery/webhooks): seconds a receiver has to connect and to answer each read; how many deliveries in a
# row may fail every attempt before the endpoint is turned off; and whether endpoints may be http:// or lead to
# loopback, private or link-local addresses (off in production: it would let an admin probe the internal network).
HEARTH_WEBHOOK_TIMEOUT_SECONDS = env.float("HEARTH_WEBHOOK_TIMEOUT_SECONDS", default=10.0)
HEARTH_WEBHOOK_DISABLE_AFTER = env.int("HEARTH_WEBHOOK_DISABLE_AFTER", default=5)
HEARTH_WEBHOOKS_ALLOW_LOCAL = env.bool("HEARTH_WEBHOOKS_ALLOW_LOCAL", default=False)

# How long an invitation link works, and how long a person without a membership may idle (platform staff).
HEARTH_INVITATION_DAYS = env.int("HEARTH_INVITATION_DAYS", default=7)
HEARTH_DEFAULT_IDLE_MINUTES = env.int("HEARTH_DEFAULT_IDLE_MINUTES", default=30)
# Staff roles, coaches and platform staff are signed out this long after signing in, however active they are.
HEARTH_STAFF_SESSION_MAX_HOURS = env.int("HEARTH_STAFF_SESSION_MAX_HOURS", default=12)
LOGIN_REDIRECT_URL = "home"
LOGIN_URL = "account_login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Tests only (pyproject's pytest env sets it): a password hash costs half a second of CPU by design (PBKDF2, 1,000,000
# rounds), and the suite creates and signs in thousands of people. `check --deploy` refuses it (recovery/checks.py).
if env.bool("HEARTH_TEST_FAST_PASSWORD_HASHER", default=False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Email --------------------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# Seconds an SMTP connect, read or write may wait: a provider that accepts the connection and never answers fails
# the delivery (which is retried later) instead of holding a worker for ever (issue 15, item 4).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Hearth <hearth@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# --- Internationalisation -------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
# English and Spanish (issue 18): the catalogue is locale/es/LC_MESSAGES/django.po, compiled by `make run`/`make test`.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["recovery.formats"]  # Spanish as written in the US: $1,234.50, "1 de diciembre de 2026"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"  # each organization keeps its own time zone; storage is always UTC
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [site_folder("static")]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "media/"
# Hashed, compressed file names in production (after collectstatic); plain names in development and tests.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
# Where uploads (compliance documents, signed consents) live: "filesystem" (MEDIA_ROOT, the embedded default; give it a
# volume) or "s3", any S3-compatible store, so that web replicas and workers share them and a rebuild keeps them.
# Uploads are only ever served through Hearth's own tenant-checked pages, never by a public or presigned link.
HEARTH_STORAGE = env.str("HEARTH_STORAGE", default="filesystem")
if HEARTH_STORAGE == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("HEARTH_S3_BUCKET"),
            "endpoint_url": env.str("HEARTH_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("HEARTH_S3_REGION", default="") or None,
            "access_key": env.str("HEARTH_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("HEARTH_S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("HEARTH_S3_PREFIX", default=""),
            "default_acl": "private",
            "file_overwrite": False,
            "object_parameters": {"ServerSideEncryption": "AES256"},
        },
    }
elif HEARTH_STORAGE == "filesystem":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"HEARTH_STORAGE is {HEARTH_STORAGE!r}: use 'filesystem' (the default) or 's3'.")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Security ---------------------------------------------------------------------------------------------
# Off only in development: production is HTTPS, with cookies that never travel in the clear.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # container health checks speak plain HTTP inside the network
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
# Over HTTPS the cookies carry the __Host- prefix: the browser then keeps them to this exact host, secure and for
# every path, so a sibling subdomain can neither read nor plant them. Browsers refuse the prefix without Secure,
# so plain-HTTP development keeps the plain names.
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
if CSRF_COOKIE_SECURE:
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Whose address a request is (recovery.network.client_ip): the sign-in limits, the audit log and the public form
# all read it through allauth. Behind the TLS proxy, the proxy's X-Forwarded-For entry names the client; a
# deployment with more proxies, or a proxy that writes the address to its own header, says so here.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if BEHIND_TLS_PROXY else 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", default="") or None
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere: htmx and the CSS are files under static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# --- API ---------------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # A personal access token first (so a request without credentials is answered 401 with its challenge), then the
    # browser's session with CSRF.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "recovery.api.authentication.TokenAuthentication",
        "recovery.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "recovery.api.pagination.ApiPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["recovery.api.throttling.ApiTokenThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "recovery.api.errors.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Requests per token (or per signed-in person) and period, counted in the cache (recovery/api/throttling.py).
HEARTH_API_RATE = env.str("HEARTH_API_RATE", default="600/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "Hearth API",
    "DESCRIPTION": "The REST API of Hearth. Authenticate with a personal access token: `Authorization: Bearer hth_…`."
    " Errors are RFC 9457 problem details. The operators' guide is at /api/.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "recovery.api.schema.add_problem_responses",
    ],
    # A choice set used under two field names (a check-in's self_tag, an incident's self_category) keeps one name.
    "ENUM_NAME_OVERRIDES": {
        "SelfCategoryEnum": "residents.plans.models.SelfCategory",
        "DischargeReasonEnum": "residences.stays.models.DischargeReason",
        "IncidentKindEnum": "governance.incidents.models.IncidentKind",  # a ledger entry's "kind" is another set
    },
}

# --- Error reports: off unless SENTRY_DSN is set; personal data, request bodies and local variables never sent ------
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from importlib.metadata import PackageNotFoundError, version

    from recovery import error_reporting

    try:
        _release = f"hearth@{version('hearth')}"
    except PackageNotFoundError:
        _release = "hearth"
    error_reporting.start(SENTRY_DSN, environment=env.str("SENTRY_ENVIRONMENT", default="production"), release=_release)

# --- Logging: operational events only; never personal data --------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # URLs in log lines lose their secrets (an invitation's token, a reset key): recovery/redaction.py.
    "filters": {"redact_secrets": {"()": "recovery.redaction.RedactSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_secrets"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Request logs carry URLs and form errors; keep them at warnings.
        "django.request": {"level": "WARNING", "filters": ["redact_secrets"]},
        # runserver's request lines (`make run`): through the redacting handler, not Django's own.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False, "filters": ["redact_secrets"]},
    },
}
