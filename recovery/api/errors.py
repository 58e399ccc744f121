"""Every API error in one shape: RFC 9457 problem details (`application/problem+json`).

```
{"type": "https://hearth.invalid/problems/validation", "title": "Your request has invalid fields.", "status": 400,
 "detail": "…", "errors": {"amount": ["A valid number is required."]}}
```
`type` names the kind of problem (a stable URI; the operators' page lists them), `title` is the same for every
problem of a kind, `detail` says what happened this time, and `errors` (validation only) maps each field to its
messages ("non_field_errors" for the request as a whole). No detail ever carries personal data.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

from recovery.errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_BASE = "https://hearth.invalid/problems/"

# status -> (type slug, title)
KINDS = {
    400: ("validation", "Your request has invalid fields."),
    401: ("unauthenticated", "Credentials are missing or not valid."),
    403: ("forbidden", "You may not do this."),
    404: ("not-found", "No such record."),
    405: ("method-not-allowed", "This method is not allowed here."),
    406: ("not-acceptable", "This representation is not available."),
    409: ("conflict", "The request conflicts with the record's state."),
    412: ("precondition-failed", "The record changed since you read it."),
    415: ("unsupported-media-type", "Send JSON."),
    422: ("unprocessable", "The request cannot be processed as sent."),
    428: ("precondition-required", "Send If-Match with the ETag you read."),
    429: ("throttled", "Too many requests."),
    500: ("server-error", "Something went wrong on our side."),
}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the record's current state."
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record changed since you read it: read it again, then send your change with its new ETag."
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "This change needs an If-Match header with the ETag of the record as you read it."
    default_code = "precondition_required"


class Unprocessable(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The request cannot be processed as sent."
    default_code = "unprocessable"


def problem(status_code: int, detail: str = "", *, errors=None, **extra) -> dict:
    """The problem-details body for `status_code` (an int), with `detail` (a sentence without personal data) and,
    for validation errors, `errors` ({field: [message, ...]})."""
    slug, title = KINDS.get(status_code, ("error", "The request failed."))
    body = {"type": PROBLEM_BASE + slug, "title": title, "status": status_code, "detail": detail or title}
    if errors is not None:
        body["errors"] = errors
    body.update(extra)
    return body


def _messages(data):
    """DRF's error detail (a list, a dict or a string, nested) as plain strings, keeping the field structure."""
    if isinstance(data, dict):
        return {str(key): _messages(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_messages(value) for value in data]
    return str(data)


def problem_exception_handler(exc, context):
    """DRF's exception handler, answering every handled error as problem details. An exception DRF does not know
    (a bug) is left to Django, whose 500 handler answers problem details for /api/ (`recovery.views.server_error`).
    """
    if isinstance(exc, DomainError):
        exc = Unprocessable(str(exc))  # a rule of the house said no: its sentence says why and what to do
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("No such record.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = _messages(data if isinstance(data, dict) else {"non_field_errors": data})
        body = problem(400, "Correct the fields named in `errors` and send the request again.", errors=errors)
    else:
        detail = data.get("detail", "") if isinstance(data, dict) else ""
        body = problem(response.status_code, str(detail))
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def problem_response(status_code: int, detail: str = "") -> JsonResponse:
    """A plain Django response with problem details, for handlers outside DRF (an unknown /api/ URL, a 500)."""
    return JsonResponse(problem(status_code, detail), status=status_code, content_type=PROBLEM_CONTENT_TYPE)
