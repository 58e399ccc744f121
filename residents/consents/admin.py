"""Django admin for consents and disclosures, for platform support: read-only. Consents are granted and revoked,
and disclosures made, only through the consent services; the disclosure log is append-only. Lists show no names."""

from django.contrib import admin

from recovery.admin import ReadOnlyTenantAdmin
from residents.consents.models import Consent, ConsentRecipient, Disclosure


class ConsentAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "expires_on", "signed_at", "signature_method", "revoked_at", "created_at"]


class ConsentRecipientAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "consent_id", "revoked_at"]


class DisclosureAdmin(ReadOnlyTenantAdmin):
    list_display = ["pk", "consent_id", "channel", "disclosed_at"]
    list_filter = ["channel"]
    date_hierarchy = "disclosed_at"


admin.site.register(Consent, ConsentAdmin)
admin.site.register(ConsentRecipient, ConsentRecipientAdmin)
admin.site.register(Disclosure, DisclosureAdmin)
