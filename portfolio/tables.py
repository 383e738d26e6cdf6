"""The catalogue of practices: the columns a list or an export shows, rendered here as cards."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from community.tables import VisibilityColumn
from core.tables import DateColumn, StatusColumn, Table, VisibleRelatedColumn
from portfolio.models import Practice


class PracticeTable(Table):
    """Rows come from `selectors.practice_list` (state, institution, areas and languages joined).

    The catalogue shows each practice as a card (`portfolio/practice_catalogue.html`); the
    optional columns are the parts of a card a reader may hide."""

    title = tables.Column(verbose_name=_("Title"), linkify=True, orderable=True)
    state = tables.Column(verbose_name=_("Member state"), accessor="state__name", orderable=True)
    institution = VisibleRelatedColumn(verbose_name=_("Institution"), accessor="institution__name")
    in_operation_since = DateColumn(verbose_name=_("In operation since"), orderable=True)
    status = StatusColumn(verbose_name=_("Status"))
    visibility = VisibilityColumn()
    description = tables.Column(verbose_name=_("Description"))
    areas = tables.ManyToManyColumn(verbose_name=_("Capability areas"), separator=", ")
    target_population = tables.Column(verbose_name=_("Target population"))
    languages = tables.ManyToManyColumn(verbose_name=_("Languages"), separator=", ")

    optional_columns = ("description", "areas", "target_population", "languages")

    class Meta(Table.Meta):
        model = Practice
        fields = ()
        template_name = "portfolio/practice_catalogue.html"
