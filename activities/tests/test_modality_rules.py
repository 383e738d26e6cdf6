"""The modality rules settings: every modality with the rule in force (saved or default from
practice); the secretariat changes them, inconsistent values are refused beside their field."""

import pytest
from django.urls import reverse

from activities.choices import ACTIVITY_MODALITIES
from activities.models import ModalityRule
from activities.rules import modality_rule
from activities.services_money import modality_rule_save
from core.testing import edit_data

pytestmark = pytest.mark.django_db

LIST = reverse("activities:modalityrule_list")


def _edit(modality):
    return reverse("activities:modalityrule_update", args=[modality])


VALID = {
    "min_people": 2,
    "max_people": 4,
    "max_people_justified": "",
    "min_days": 5,
    "max_days": 10,
    "default_days": 5,
}


@pytest.mark.parametrize("role", ["officer", "focal_bz", "host_jm", "expert", "partner"])
def test_everyone_reads_every_modality_with_the_rule_in_force(role, persona, client_for):
    ModalityRule.objects.create(modality="workshop", min_people=12, min_days=1, max_days=5, default_days=3)
    response = client_for(persona(role)).get(LIST)
    assert response.status_code == 200
    rows = {row["modality"]: row for row in response.context["rows"]}
    assert list(rows) == [value for value, _label in ACTIVITY_MODALITIES]
    assert rows["workshop"]["saved"] and rows["workshop"]["rule"].min_people == 12
    assert not rows["attachment"]["saved"] and rows["attachment"]["rule"].max_people == 5  # from practice
    content = response.content.decode()
    assert "Set by the secretariat" in content and "Default from practice" in content
    assert (_edit("attachment") in content) is (role == "officer")


def test_an_officer_saves_a_rule_and_planning_reads_it(client_for, officer):
    client = client_for(officer)
    page = client.get(_edit("attachment"))
    assert page.status_code == 200 and page.context["form"].initial["max_people"] == 5  # the defaults
    response = client.post(_edit("attachment"), VALID)
    assert response.status_code == 302
    rule = modality_rule("attachment")
    assert rule.pk and (rule.min_people, rule.max_people, rule.max_days) == (2, 4, 10)
    response = client.post(_edit("attachment"), edit_data(rule, VALID, max_people=6))  # changes the same row
    assert response.status_code == 302 and ModalityRule.objects.get().max_people == 6


@pytest.mark.parametrize(
    "change,field",
    [
        ({"max_days": 3}, "max_days"),  # fewer than the fewest
        ({"default_days": 12}, "default_days"),  # outside min..max
        ({"max_people": 1}, "max_people"),  # below the fewest people
        ({"max_people_justified": 4}, "max_people_justified"),  # not above the ordinary cap
        ({"min_people": -1}, "min_people"),
        ({"max_days": 61}, "max_days"),
        ({"min_days": ""}, "min_days"),
    ],
)
def test_inconsistent_values_are_refused_beside_their_field(client_for, officer, change, field):
    response = client_for(officer).post(_edit("study_visit"), {**VALID, **change})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not ModalityRule.objects.exists()


def test_the_service_refuses_the_same_values(officer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        modality_rule_save(
            modality="study_visit", actor=officer, **{**VALID, "max_people_justified": None, "max_days": 3}
        )
    assert "max_days" in error.value.message_dict


@pytest.mark.parametrize("role", ["focal_bz", "host_jm", "expert", "partner"])
def test_only_the_secretariat_changes_the_rules(role, persona, client_for):
    client = client_for(persona(role))
    assert client.get(_edit("attachment")).status_code == 403
    assert client.post(_edit("attachment"), VALID).status_code == 403
    assert not ModalityRule.objects.exists()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        modality_rule_save(modality="attachment", actor=persona(role), **VALID)


def test_no_preference_and_unknown_modalities_have_no_rule(client_for, officer):
    assert client_for(officer).get(_edit("no_preference")).status_code == 404
    assert client_for(officer).get(_edit("picnic")).status_code == 404


def test_anonymous_users_are_sent_to_sign_in(client):
    assert client.get(LIST).status_code == 302
