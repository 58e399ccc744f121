"""Who an API request is: a personal access token (`Authorization: Bearer hth_…`), or the browser's session (with
CSRF, DRF's SessionAuthentication). A token names its organization; a session uses the person's active one."""

from allauth.mfa.utils import is_mfa_enabled
from django.utils import timezone
from rest_framework import authentication, exceptions

from recovery.api.models import TOKEN_START, ApiToken
from recovery.api.services import needs_second_factor
from recovery.models import Membership
from recovery.tenancy import scopes_disabled

INVALID = "The token is not valid: it is unknown, revoked or expired. Make a new one on the API tokens page."


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>`: the token's person, as a member of the token's organization.

    Returns (user, token) and sets `user.hearth_membership` (so the `rules` predicates see the role at the time of
    the request). Raises AuthenticationFailed (401) for an unknown, revoked or expired token, a person no longer
    an active member, or a role that needs a second factor the person no longer has. No header: None (the next
    authenticator, the session, is asked).
    """

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the token as `Authorization: Bearer <token>`.")
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(INVALID) from error
        if not secret.startswith(TOKEN_START) or len(secret) > 100:
            raise exceptions.AuthenticationFailed(INVALID)
        with scopes_disabled():
            token = (
                ApiToken.objects.select_related("user", "organization")
                .filter(token_hash=ApiToken.hash_token(secret))
                .first()
            )
            if token is None or token.revoked_at is not None or token.expires_at <= timezone.now():
                raise exceptions.AuthenticationFailed(INVALID)
            membership = (
                Membership.objects.select_related("organization", "user")
                .filter(user=token.user, organization=token.organization, is_active=True)
                .first()
            )
        if membership is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("The token's owner is no longer a member of this organization.")
        if needs_second_factor(membership) and not is_mfa_enabled(token.user):
            raise exceptions.AuthenticationFailed(
                "The token's owner has no second sign-in step any more, which their role needs for API tokens."
            )
        user = membership.user
        user.hearth_membership = membership
        request.api_token = token
        return user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """The browser's session, with CSRF enforced on changes (DRF's); the tenant middleware has already found the
    person's active membership."""
