"""The follow-up's registrations: its menu drop-down, its tab on the activity, its panel."""

import pytest
from django.urls import reverse

from activities.views.tabs import tabs_for
from core.registry import menu_for

pytestmark = pytest.mark.django_db

EXPECTED = {
    "admin": ["Action plans", "Evaluation results", "Results frameworks"],
    "officer": ["Action plans", "Evaluation results", "Results frameworks"],
    "focal_bz": ["Action plans", "Results frameworks"],
    "focal_jm": ["Action plans", "Results frameworks"],
    "host_jm": ["Action plans", "Results frameworks"],  # reads its state's plans
    "expert": ["Results frameworks"],  # shared programmes
    "partner": ["Results frameworks"],  # the programmes it funds
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_follow_up_menu_shows_to_the_personas_allowed(persona, role):
    groups = [entry for entry in menu_for(persona(role)) if entry.label == "Follow-up"]
    labels = [str(item.label) for item in groups[0].items] if groups else []
    assert labels == EXPECTED[role]


def test_the_evaluation_tab_is_on_the_activity(closed_activity, host_jm):
    tabs = tabs_for(activity=closed_activity, user=host_jm, current="evaluation")
    url = reverse("followup:activity_evaluation", args=[closed_activity.pk])
    assert {"label": "Evaluation", "url": url, "active": True} in [{**tab, "label": str(tab["label"])} for tab in tabs]
