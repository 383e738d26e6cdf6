"""The invitations lists: one table per kind of invitation, shown as cards with their answers."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import StatusColumn, Table, VisibleRelatedColumn
from matching.models import ExpertInvitation, HostInvitation


class InvitationTable(Table):
    """What every invitation shows; rows keep the selector's order (those awaiting an answer first)."""

    reference = tables.Column(verbose_name=_("Reference"), accessor="request__reference")
    request = tables.Column(verbose_name=_("Request"), accessor="request__title")
    requesting_state = tables.Column(verbose_name=_("Member state"), accessor="request__state__name")
    status = StatusColumn(verbose_name=_("Status"))
    invited_by = tables.Column(verbose_name=_("Invited by"))
    created_at = tables.DateTimeColumn(verbose_name=_("Invited on"), format="DATE_FORMAT")
    responded_by = tables.Column(verbose_name=_("Answered by"))

    kind = ""  # the card's id prefix and form targets: "host" or "expert"

    class Meta(Table.Meta):
        template_name = "matching/invitation_cards.html"
        fields = ()
        # A card (the request, the answer forms, a host's contact choices) weighs a dozen rows.
        per_page = 10


class HostInvitationTable(InvitationTable):
    host = tables.Column(verbose_name=_("Host"), accessor="state__name")
    institution = VisibleRelatedColumn(verbose_name=_("Institution"), accessor="institution__name")

    kind = "host"

    class Meta(InvitationTable.Meta):
        model = HostInvitation
        sequence = ("host", "institution", "...")
        empty_text = _("No invitations to host.")


class ExpertInvitationTable(InvitationTable):
    person = tables.Column(verbose_name=_("Expert"))

    kind = "expert"

    class Meta(InvitationTable.Meta):
        model = ExpertInvitation
        sequence = ("person", "...")
        empty_text = _("No invitations to serve as an expert.")
