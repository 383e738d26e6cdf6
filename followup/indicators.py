"""The follow-up's computed indicator source, registered into results' registry: officials
trained in the activities serving a result and still in post (followup's retention logic)."""

from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext_lazy

from followup.selectors import retention_rows
from results.computed import activity_ids_serving
from results.sources import indicator_source_register

OFFICIALS_IN_POST = "followup.officials_trained_in_post"


def officials_in_post(indicator, period) -> tuple[Decimal, dict]:
    """Confirmed participants, present at least one day, of the closed activities linked to the
    node's outputs whose last day falls in the period, who still hold the post they were
    nominated in; each official counts once (in post if so after any of their trainings
    there), by nominating state."""
    activity_ids = activity_ids_serving(indicator.node)
    in_post: dict[int, str] = {}
    for row in retention_rows(activity_ids=activity_ids):
        nomination = row["nomination"]
        end = nomination.activity.end_date
        if row["in_post"] and period.start_date <= end <= period.end_date:
            in_post.setdefault(nomination.person_id, nomination.state.iso_code)
    counts = Counter(in_post.values())
    return Decimal(len(in_post)), ({"state": dict(sorted(counts.items()))} if counts else {})


def register() -> None:
    indicator_source_register(
        code=OFFICIALS_IN_POST,
        label=gettext_lazy("Officials trained in the activities serving the result and still in post"),
        compute=officials_in_post,
    )
