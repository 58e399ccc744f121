"""How a page shows a time that belongs to one home: on that home's clock, naming the zone when it is not the
viewer's.

The viewer's clock (`request.time_zone`, set by `recovery.middleware.request_time_zone`) is their own home's, else
the organization's. A page that shows one home's things to someone with another clock (staff over several homes)
renders their times on the home's clock, so a Denver home's incident at 9:00 p.m. reads "9:00 p.m. MST" to a New
York admin, never "11:00 p.m." (issue 15, item 6): `{% home_time moment residence "format" %}` for one time, or a
whole page in `{% timezone residence|home_clock %}` (Django's tag) with `{% home_zone residence %}` after the times.
Wall times (a curfew, a meeting's time: TimeFields) are shown as stored and only get the zone's name.
"""

from django import template
from django.utils import formats, timezone

from recovery.tenancy import home_time_zone

register = template.Library()


def _viewer_zone(context):
    """The viewer's clock: the request's (`request.time_zone`), else the active zone (outside a request)."""
    request = context.get("request")
    return getattr(request, "time_zone", None) or timezone.get_current_timezone()


def _abbreviation_if_other(moment, zone, viewer_zone) -> str:
    """ " MST": `zone`'s abbreviation at `moment` (aware) after a space, when its clock then reads differently
    from `viewer_zone`'s; else ""."""
    local = timezone.localtime(moment, zone)
    return "" if local.utcoffset() == timezone.localtime(moment, viewer_zone).utcoffset() else f" {local.tzname()}"


@register.filter
def home_clock(residence):
    """`residence`'s time zone (`home_time_zone`; None: the organization's): `{% timezone residence|home_clock %}`."""
    return home_time_zone(residence)


@register.simple_tag(takes_context=True)
def home_time(context, moment, residence, format_string="D M j, g:i a"):
    """`moment` (an aware datetime; None or "": "") on `residence`'s clock (`home_time_zone`; None: the
    organization's), formatted with Django's date format `format_string`, then the zone's abbreviation ("MST") when
    that clock reads differently from the viewer's: a str."""
    if moment is None or moment == "":
        return ""
    zone = home_time_zone(residence)
    text = formats.date_format(timezone.localtime(moment, zone), format_string)
    return text + _abbreviation_if_other(moment, zone, _viewer_zone(context))


@register.simple_tag(takes_context=True)
def home_zone(context, residence):
    """ " MST": the abbreviation of `residence`'s time zone now, after a space, when its clock reads differently
    from the viewer's; else "". Put after a home's wall times (its curfew, its meetings' time) and after times
    shown inside `{% timezone residence|home_clock %}`."""
    return _abbreviation_if_other(timezone.now(), home_time_zone(residence), _viewer_zone(context))
