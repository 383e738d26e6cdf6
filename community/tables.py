"""The registry's list tables: what each list shows, written once for the page and exports."""

import django_tables2 as tables
from django.template.defaultfilters import yesno
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from community import models
from core.tables import SECONDARY, DateColumn, Table, VisibleRelatedColumn
from core.templatetags.access import visibility_badge

REGIONAL = _("Regional")


class VisibilityColumn(tables.Column):
    """Shared or restricted, as the badge the registry pages use."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("Visibility"))
        kwargs.setdefault("attrs", SECONDARY)
        kwargs.setdefault("empty_values", ())
        super().__init__(**kwargs)

    def render(self, record):
        return visibility_badge(record)

    def value(self, record):
        return record.get_visibility_display()


def _languages(**kwargs):
    return tables.ManyToManyColumn(verbose_name=_("Languages"), separator=", ", **kwargs)


class MemberStateTable(Table):
    name = tables.Column(verbose_name=_("Name"), linkify=True, orderable=True)
    iso_code = tables.Column(verbose_name=_("Code"), orderable=True)
    membership = tables.Column(verbose_name=_("Membership"), attrs=SECONDARY, orderable=True)
    single_market = tables.Column(verbose_name=_("Single market"), attrs=SECONDARY, orderable=True)
    official_languages = _languages(attrs=SECONDARY)
    capital = tables.Column(verbose_name=_("Capital"), orderable=True)

    optional_columns = ("membership", "single_market", "official_languages", "capital")

    class Meta(Table.Meta):
        model = models.MemberState
        fields = ()

    def render_single_market(self, value):
        return yesno(value, gettext("yes,no"))


class InstitutionTable(Table):
    name = tables.Column(verbose_name=_("Name"), orderable=True)
    kind = tables.Column(verbose_name=_("Kind"), orderable=True)
    state = tables.Column(verbose_name=_("Member state"), accessor="state__name", default=REGIONAL, orderable=True)
    parent = tables.Column(verbose_name=_("Part of"), accessor="parent__name", attrs=SECONDARY, orderable=True)
    status = tables.Column(verbose_name=_("Status"), attrs=SECONDARY, orderable=True)
    visibility = VisibilityColumn()

    optional_columns = ("parent", "status", "visibility")

    class Meta(Table.Meta):
        model = models.Institution
        fields = ()

    def render_name(self, value, record):
        link = format_html('<a href="{}">{}</a>', record.get_absolute_url(), value)
        if record.acronym:
            return format_html('{} <span class="text-body-secondary">({})</span>', link, record.acronym)
        return link


class PersonTable(Table):
    full_name = tables.Column(verbose_name=_("Name"), orderable=True)
    post = tables.Column(verbose_name=_("Post"), orderable=True)
    institution = VisibleRelatedColumn(verbose_name=_("Institution"), accessor="institution__name", attrs=SECONDARY)
    state = tables.Column(verbose_name=_("Member state"), accessor="state__name", default=REGIONAL, orderable=True)
    languages = _languages(attrs=SECONDARY)
    visibility = VisibilityColumn()

    optional_columns = ("post", "institution", "languages", "visibility")

    class Meta(Table.Meta):
        model = models.Person
        fields = ()

    def render_full_name(self, value, record):
        link = format_html('<a href="{}">{}</a>', record.get_absolute_url(), value)
        if record.is_expert:
            return format_html('{} <span class="badge text-bg-info">{}</span>', link, gettext("Expert"))
        return link


class CommitteeMeetingTable(Table):
    date = DateColumn(verbose_name=_("Date"), linkify=True, orderable=True)
    committee = tables.Column(verbose_name=_("Committee"), accessor="committee__name", orderable=True)
    state = tables.Column(
        verbose_name=_("Member state"), accessor="committee__state__name", default=REGIONAL, orderable=True
    )
    place = tables.Column(verbose_name=_("Place"), attrs=SECONDARY, orderable=True)
    visibility = VisibilityColumn()

    optional_columns = ("place", "visibility")

    class Meta(Table.Meta):
        model = models.CommitteeMeeting
        fields = ()


class NetworkTable(Table):
    name = tables.Column(verbose_name=_("Name"), linkify=True, orderable=True)
    areas = tables.ManyToManyColumn(verbose_name=_("Capability areas"), separator=", ")
    member_count = tables.Column(verbose_name=_("Members"), orderable=True)
    established = DateColumn(verbose_name=_("Established"), orderable=True, attrs=SECONDARY)

    optional_columns = ("areas", "member_count", "established")

    class Meta(Table.Meta):
        model = models.Network
        fields = ()


class CapabilityAreaTable(Table):
    """The taxonomy as a tree: rows keep its order (by path), names indented by depth."""

    code = tables.Column(verbose_name=_("Code"), orderable=True)
    name = tables.Column(verbose_name=_("Name"))
    parent = tables.Column(verbose_name=_("Within"), accessor="parent__name", attrs=SECONDARY)

    class Meta(Table.Meta):
        model = models.CapabilityArea
        fields = ()

    def render_code(self, value):
        return format_html("<code>{}</code>", value)

    def render_name(self, value, record):
        return format_html(
            '<span style="padding-left: {}rem"><a href="{}">{}</a></span>',
            record.depth,
            record.get_absolute_url(),
            value,
        )


class RegionalMeetingTable(Table):
    start_date = DateColumn(verbose_name=_("From"), linkify=True, orderable=True)
    end_date = DateColumn(verbose_name=_("Until"), orderable=True)
    body = tables.Column(verbose_name=_("Organ or council"), orderable=True)
    host_state = tables.Column(verbose_name=_("Held in"), accessor="host_state__name", orderable=True)
    venue = tables.Column(verbose_name=_("Venue"), attrs=SECONDARY, orderable=True)

    optional_columns = ("venue",)

    class Meta(Table.Meta):
        model = models.RegionalMeeting
        fields = ()


class NonWorkingDayTable(Table):
    date = DateColumn(verbose_name=_("Date"), linkify=True, orderable=True)
    state = tables.Column(verbose_name=_("Member state"), accessor="state__name", orderable=True)
    name = tables.Column(verbose_name=_("Name"), orderable=True)

    class Meta(Table.Meta):
        model = models.NonWorkingDay
        fields = ()
