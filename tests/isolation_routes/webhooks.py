"""The webhook pages' routes: every one names an endpoint."""

from tests.recovery.builders import MARKER, make_webhook_endpoint


def _endpoint(org):
    return {"pk": make_webhook_endpoint(org, description=MARKER, url=f"https://{MARKER}.example.org/").pk}


OBJECT_ROUTES = {
    f"webhooks:{name}": _endpoint
    for name in (
        "endpoint_detail",
        "endpoint_edit",
        "endpoint_disable",
        "endpoint_enable",
        "endpoint_rotate_secret",
        "endpoint_test",
    )
}
