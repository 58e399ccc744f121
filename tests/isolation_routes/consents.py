"""The consents' routes (residents/consents/urls.py): a resident's consents, one consent, signing (by the resident,
or recorded in person, and its captured signature), revoking and disclosing under it."""

from tests.residents.builders import make_consent


def _resident(org):
    return {"resident_pk": make_consent(org).resident_id}


def _consent(org):
    return {"pk": make_consent(org).pk}


def _unsigned_consent(org):
    return {"pk": make_consent(org, signed=False).pk}


OBJECT_ROUTES = {
    "residents:consents": _resident,
    "residents:consent_new": _resident,
    "residents:consent_detail": _consent,
    "residents:consent_sign": _unsigned_consent,
    "residents:consent_sign_in_person": _unsigned_consent,
    "residents:consent_signature": _consent,
    "residents:consent_revoke": _consent,
    "residents:disclose": _consent,
    "residents:consent_event_happened": _consent,
}
