"""Pages name people who may be gone: an author, reporter or owner whose account was removed (SET_NULL)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from recovery.models import Role
from recovery.tenancy import tenant_scope
from residences.models import Application, ApplicationNote
from tests.recovery.builders import make_member

# A filter's argument is resolved strictly: `|default:note.author.email` raises when `note.author` is None, and the
# page answers 500. An argument that walks more than one step (`a.b.c`) walks through something that may be None.
FILTER_ARGUMENT_THROUGH_A_RELATION = re.compile(r"\|\s*\w+\s*:\s*([A-Za-z_]\w*(?:\.\w+){2,})")


def project_templates():
    apps = ("recovery", "residences", "residents", "peer_support", "governance")
    roots = [Path(settings.BASE_DIR) / app for app in apps]
    for root in roots:
        yield from (path for path in root.rglob("*.html") if "templates" in path.parts)


def test_no_template_passes_a_filter_an_argument_that_walks_through_a_relation():
    templates = list(project_templates())
    assert len(templates) > 100
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}: {match.group(1)}"
        for path in templates
        for number, line in enumerate(path.read_text().splitlines(), 1)
        for match in FILTER_ARGUMENT_THROUGH_A_RELATION.finditer(line)
    ]
    assert not offenders, "Use the `person` filter or {% firstof %} instead:\n" + "\n".join(offenders)


@pytest.mark.django_db
def test_an_application_whose_note_author_was_removed_still_opens_and_says_someone_wrote_it(client, harbor):
    with tenant_scope(harbor):
        application = Application.objects.create(first_name="Sam", last_name="Rivera", email="sam@example.org")
        ApplicationNote.objects.create(application=application, author=None, text="Called back on Tuesday")
    client.force_login(make_member(harbor, Role.ADMIN))
    response = client.get(reverse("residences:application_detail", kwargs={"pk": application.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Called back on Tuesday" in html and "Someone," in html
