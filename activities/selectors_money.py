"""Reads of an activity's money: its lines and their totals, added up in the database and never
across currencies (a total in US dollars and one in East Caribbean dollars are two totals)."""

from django.db.models import Count, DecimalField, Sum, Value
from django.db.models.functions import Coalesce

from activities.choices import BudgetCategory
from activities.models import Activity, BudgetLine
from core.access import can, sees_everything

ZERO = Value(0, output_field=DecimalField(max_digits=14, decimal_places=2))


def budget_readable(*, user, activity) -> bool:
    """Whether `user` reads the activity's money: the secretariat, the host institution and the
    states taking part (BudgetLine's rule, asked of the activity so an empty budget answers too);
    never a reader who sees the activity only because it is shared, nor its experts."""
    if sees_everything(user):
        return True
    if not can(user, "view", BudgetLine):
        return False  # no reading right at all (an expert, a partner): no query
    taking_part = Activity.access.owner_q(user, for_view=True)
    return Activity.objects.filter(taking_part, pk=activity.pk).exists()


def budget_lines(*, user, activity):
    return BudgetLine.objects.for_user(user).filter(activity=activity).order_by("category", "pk")


def _totals_query(lines, *keys):
    """One row per value of `keys` and currency: budgeted, spent and the lines' count."""
    return (
        lines.order_by()
        .values(*keys, "currency")
        .annotate(budgeted=Coalesce(Sum("amount"), ZERO), spent=Coalesce(Sum("actual"), ZERO), lines=Count("pk"))
        .order_by(*keys, "currency")
    )


def with_remaining(rows) -> list[dict]:
    """Rows of totals with what remains of each budget (in Python: exact on every database)."""
    return [{**row, "remaining": row["budgeted"] - row["spent"]} for row in rows]


def budget_totals(lines) -> dict[str, list[dict]]:
    """Totals of the given (already scoped) budget lines, in 3 queries whatever their number:
    per currency, per category and per funding source, each split by currency. (Per activity,
    a list as long as the activities, is `totals_by_activity`, read a page at a time.)"""
    labels = dict(BudgetCategory.choices)
    by_category = with_remaining(_totals_query(lines, "category"))
    for row in by_category:
        row["category_label"] = labels.get(row["category"], row["category"])
    return {
        "by_currency": with_remaining(_totals_query(lines)),
        "by_category": by_category,
        "by_funding_source": with_remaining(_totals_query(lines, "funding_source")),
    }


def totals_by_activity(lines):
    """The totals of the given (already scoped) budget lines per activity and currency, in the
    activities' order: a query to page through (`with_remaining` completes a page's rows)."""
    return _totals_query(lines, "activity", "activity__title")
