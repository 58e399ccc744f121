"""Accounts: one per email address, whatever its letter case."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_account_for_an_address_in_other_letter_case():
    User = get_user_model()
    User.objects.create_user("Sam.Rivera@Example.org", "a long enough password")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("sam.rivera@example.org", "a long enough password")
    assert User.objects.count() == 1


def test_a_form_or_admin_creating_the_same_address_in_other_case_gets_a_clear_message():
    User = get_user_model()
    User.objects.create_user("Sam.Rivera@Example.org", "a long enough password")
    with pytest.raises(ValidationError, match="An account with this email address already exists"):
        User(email="SAM.RIVERA@EXAMPLE.ORG").validate_constraints()


def test_an_account_is_found_by_its_address_in_any_case():
    User = get_user_model()
    user = User.objects.create_user("Sam.Rivera@Example.org", "a long enough password")
    assert User.objects.get_by_natural_key("sam.rivera@EXAMPLE.org") == user
