"""Django admin for give-and-receive, workshops, community and announcements (platform support; TenantAdmin
audits every opening). Importing this module registers them."""

from django.contrib import admin

from peer_support.give_and_receive.models import HelpExchange
from recovery.admin import TenantAdmin


class HelpExchangeAdmin(TenantAdmin):
    list_display = ["pk", "kind", "on", "confirmed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["giver", "receiver", "logged_by"]


admin.site.register(HelpExchange, HelpExchangeAdmin)
