"""The public routes (residences/public/urls.py): the application form and the free-bed page and feed, keyed by an
organization's slug and public by design."""

_PUBLIC = "public page by design: shows only what the operator published (tests/residences/test_public.py)"
NOT_TENANT_ROUTES = {
    "public_apply": _PUBLIC,
    "public_availability": _PUBLIC,
    "public_availability_feed": _PUBLIC,
}
