"""System checks of Hearth's own settings, run by `manage.py check` (`check --deploy` for the deploy-tagged ones)."""

from django.conf import settings
from django.core import checks

WEAK_HASHERS = {
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher",
}


@checks.register(checks.Tags.security, deploy=True)
def strong_password_hashing(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """An error when passwords would be hashed with MD5: HEARTH_TEST_FAST_PASSWORD_HASHER is for the test suite only.

    In: the settings' PASSWORD_HASHERS. Out: a list with one checks.Error (id hearth.E001), or empty.
    """
    if settings.PASSWORD_HASHERS and settings.PASSWORD_HASHERS[0] in WEAK_HASHERS:
        return [
            checks.Error(
                "Passwords are hashed with MD5, which is for the test suite only.",
                hint="Unset HEARTH_TEST_FAST_PASSWORD_HASHER in production.",
                id="hearth.E001",
            )
        ]
    return []
