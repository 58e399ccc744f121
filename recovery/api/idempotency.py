"""`Idempotency-Key`: a change sent twice with the same key is done once, and the second sending gets the first
one's answer (the draft IETF header "Idempotency-Key"). For money: a client that times out posting a payment sends
it again with the same key and records one payment. This replaces the pages' "the same amount was posted a few
minutes ago, is this another one?" question (commit c337725): an API client says which sendings are one.

Rules: the key is 1 to 200 printable ASCII characters, chosen by the client (a UUID is good), unique per
organization; the same key with a different request (another body, path or person) is a 422 problem; a key is
released when the change fails (a problem answer), so the corrected request may use it again.
"""

import hashlib
import json

from django.db import IntegrityError, transaction
from rest_framework import exceptions
from rest_framework.response import Response

from recovery.api.errors import Unprocessable
from recovery.api.models import IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"


def key_of(request, *, required: bool) -> str | None:
    """The request's Idempotency-Key (stripped), None when absent and not `required`; a 400 problem when malformed
    or required and absent."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        if required:
            raise exceptions.ValidationError(
                {HEADER: ["Send an Idempotency-Key header (a UUID you make) so that a retry never posts twice."]}
            )
        return None
    if len(key) > 200 or not key.isascii() or not key.isprintable():
        raise exceptions.ValidationError({HEADER: ["Use 1 to 200 printable ASCII characters, e.g. a UUID."]})
    return key


def fingerprint_of(request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str)
    text = "\n".join([str(request.user.pk), request.method, request.path, body])
    return hashlib.sha256(text.encode()).hexdigest()


def once(request, perform, *, reread, required: bool = True) -> Response:
    """Answer `perform() -> Response` once per Idempotency-Key: the first sending runs it and keeps its answer, in
    the same transaction as the change (so a change and its key commit or roll back together); a later sending with
    the same key and request gets the kept answer with `Idempotent-Replayed: true`; with another request, a 422
    problem. A concurrent second sending waits for the first one's commit on the unique key, then replays it.
    Runs in the request's tenant scope. Without a key (and not `required`), just `perform()`.

    A replay shows the record again, so it is a read like any other: `reread(kept body)` loads the record the kept
    answer names through the resource's own queryset (raising a 404 problem when the person may no longer see it),
    which writes the read to the audit log (42 CFR Part 2: every disclosure of a record is written down)."""
    key = key_of(request, required=required)
    if key is None:
        return perform()
    fingerprint = fingerprint_of(request)
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = IdempotentRequest.objects.create(
                    key=key, user=request.user, fingerprint=fingerprint, status_code=0, response_body={}
                )
        except IntegrityError:
            claim = None
        if claim is None:
            earlier = IdempotentRequest.objects.get(key=key)
            if earlier.fingerprint != fingerprint:
                raise Unprocessable(
                    "This Idempotency-Key was used for a different request. Use a new key for a new request."
                )
            reread(earlier.response_body)
            return Response(earlier.response_body, status=earlier.status_code, headers={REPLAYED: "true"})
        response = perform()
        if response.status_code >= 400:
            transaction.set_rollback(True)
            return response
        claim.status_code, claim.response_body = (
            response.status_code,
            json.loads(json.dumps(response.data, default=str)),
        )
        claim.save(update_fields=["status_code", "response_body"])
        return response
