import datetime

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.tests.factories import CapabilityAreaFactory, MemberStateFactory
from core.testing import edit_data
from decisions.choices import ImplementationStatus as S
from decisions.models import Decision, ImplementationReport, RequiredAction
from decisions.tests import factories as f

pytestmark = pytest.mark.django_db

READERS = ["officer", "admin", "focal_bz", "partner", "expert", "host_jm"]
NOT_SECRETARIAT = ["focal_bz", "partner", "expert", "host_jm"]

DECISION_FORM = {
    "reference": "HGC/2002/23/MSP",
    "title": "Free movement of skilled persons",
    "organ": "Conference of Heads of Government",
    "meeting": "Twenty-Third Regular Meeting",
    "date": "2002-07-05",
    "text": "Member states shall enact legislation.",
}
ACTION_FORM = {
    "position": "3",
    "description": "Designate the competent authority",
    "timeframe": "immediate",
    "due_date": "2003-07-05",
}


def series_url(state, action):
    return reverse("decisions:implementation_series", args=[state.pk, action.pk])


@pytest.fixture
def decision(belize, jamaica, trinidad):
    """Two actions; three states (the expert persona brings Trinidad and Tobago anyway)."""
    decision = f.DecisionFactory(
        reference="COTED/2005/20/ACC",
        organ="COTED",
        date=datetime.date(2005, 5, 12),
        title="National accreditation bodies",
    )
    first = f.RequiredActionFactory(
        decision=decision, position=1, description="Establish a national accreditation body by law"
    )
    second = f.RequiredActionFactory(decision=decision, position=2, description="Adopt and publish procedures")
    f.ImplementationReportFactory(state=belize, action=first, status=S.DONE)
    f.ImplementationReportFactory(state=belize, action=second, status=S.IN_PROGRESS)
    f.ImplementationReportFactory(state=jamaica, action=first, status=S.NO_ACTION_REQUIRED)
    return decision


# --- pages need a sign-in --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,args",
    [("decision_list", []), ("decision_add", []), ("implementation_heatmap", [])],
)
def test_pages_send_anonymous_visitors_to_sign_in(client, name, args):
    response = client.get(reverse(f"decisions:{name}", args=args))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_series_and_detail_send_anonymous_visitors_to_sign_in(client, decision, belize):
    for url in (decision.get_absolute_url(), series_url(belize, decision.actions.first())):
        assert client.get(url).status_code == 302


# --- decisions list ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_every_signed_in_role_reads_the_list_with_compliance(persona, request, as_user, decision):
    response = as_user(request.getfixturevalue(persona)).get(reverse("decisions:decision_list"))
    assert response.status_code == 200
    row = response.context["object_list"][0]
    # Belize: 1 done of 2; Jamaica: §1 needs no action, §2 unreported (not started);
    # Trinidad and Tobago: nothing reported. 1 of 5 applicable overall.
    assert (row.complied_count, row.applicable_count) == (1, 5)
    assert "20&nbsp;%" in response.content.decode()
    assert "1 of 5" in response.content.decode()


def test_list_filters_by_organ_year_and_search(as_user, officer, decision):
    other = f.DecisionFactory(
        reference="HGC/2019/40",
        organ="Conference of Heads of Government",
        date=datetime.date(2019, 7, 4),
        title="Labour market information",
    )
    client = as_user(officer)
    url = reverse("decisions:decision_list")

    def listed(**params):
        return list(client.get(url, params).context["object_list"])

    assert listed(organ="COTED") == [decision]
    assert listed(year="2019") == [other]
    assert listed(q="labour market") == [other]
    assert listed(q="COTED/2005") == [decision]
    assert listed() == [other, decision]


def test_list_htmx_request_gets_the_results_only(as_user, officer, decision):
    response = as_user(officer).get(reverse("decisions:decision_list"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">') and "<html" not in body
    assert "HX-Request" in response["Vary"]


def _count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_list_takes_a_constant_number_of_queries(as_user, officer, belize):
    client = as_user(officer)
    url = reverse("decisions:decision_list")
    for decision in f.DecisionFactory.create_batch(2):
        f.ImplementationReportFactory(state=belize, action=f.RequiredActionFactory(decision=decision))
    small = _count_queries(client, url)
    for decision in f.DecisionFactory.create_batch(8):
        for action in f.RequiredActionFactory.create_batch(3, decision=decision):
            f.ImplementationReportFactory(state=belize, action=action, status=S.DONE)
    assert _count_queries(client, url) == small


# --- decision detail and CRUD ------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_every_role_reads_a_decision_with_actions_and_statuses(persona, request, as_user, decision, belize):
    user = request.getfixturevalue(persona)
    response = as_user(user).get(decision.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Establish a national accreditation body by law" in body
    assert series_url(belize, decision.actions.get(position=1)) in body
    assert response.context["heatmap"].overall.percent == 20.0
    secretariat = user.is_secretariat
    assert (reverse("decisions:decision_edit", args=[decision.pk]) in body) == secretariat
    assert (reverse("decisions:requiredaction_add", args=[decision.pk]) in body) == secretariat


def test_missing_decision_is_404(as_user, officer):
    assert as_user(officer).get(reverse("decisions:decision_detail", args=[999])).status_code == 404


def test_officer_adds_edits_and_deletes_a_decision_with_history(as_user, officer):
    client = as_user(officer)
    response = client.post(reverse("decisions:decision_add"), DECISION_FORM)
    decision = Decision.objects.get(reference="HGC/2002/23/MSP")
    assert response.status_code == 302 and response["Location"] == decision.get_absolute_url()

    client.post(
        reverse("decisions:decision_edit", args=[decision.pk]),
        edit_data(decision, DECISION_FORM, title="Skilled persons: categories"),
    )
    decision.refresh_from_db()
    assert decision.title == "Skilled persons: categories"
    history = client.get(decision.get_absolute_url()).context["history"]
    assert [entry.action for entry in history] == [LogEntry.Action.UPDATE, LogEntry.Action.CREATE]
    assert history[0].actor == officer

    response = client.post(reverse("decisions:decision_delete", args=[decision.pk]))
    assert response.status_code == 302 and not Decision.objects.exists()
    assert LogEntry.objects.get_for_object(decision).filter(action=LogEntry.Action.DELETE).exists()


def test_bad_decision_post_gives_field_errors_and_saves_nothing(as_user, officer, decision):
    response = as_user(officer).post(
        reverse("decisions:decision_add"),
        {**DECISION_FORM, "reference": decision.reference, "date": "5 July", "title": ""},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"reference", "date", "title"}
    assert Decision.objects.count() == 1


@pytest.mark.parametrize("persona", NOT_SECRETARIAT)
def test_only_the_secretariat_changes_decisions(persona, request, as_user, decision):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(reverse("decisions:decision_add")).status_code == 403
    assert client.post(reverse("decisions:decision_add"), DECISION_FORM).status_code == 403
    assert client.post(reverse("decisions:decision_edit", args=[decision.pk]), DECISION_FORM).status_code == 403
    assert client.post(reverse("decisions:decision_delete", args=[decision.pk])).status_code == 403
    assert Decision.objects.get() == decision and decision.title == Decision.objects.get().title


# --- required actions, inline --------------------------------------------------------------------


def test_officer_adds_an_action_without_javascript(as_user, officer, decision):
    client = as_user(officer)
    url = reverse("decisions:requiredaction_add", args=[decision.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"].initial["position"] == 3
    response = client.post(url, ACTION_FORM)
    action = decision.actions.get(position=3)
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    assert action.description == "Designate the competent authority" and action.timeframe == "immediate"


def test_officer_adds_an_action_with_htmx(as_user, officer, decision):
    response = as_user(officer).post(
        reverse("decisions:requiredaction_add", args=[decision.pk]),
        ACTION_FORM,
        HTTP_HX_REQUEST="true",
    )
    # The form sits on the decision page: it reloads to show the new action everywhere.
    assert response.status_code == 200 and response["HX-Refresh"] == "true"
    assert decision.actions.filter(position=3).exists()


def test_bad_action_post_gives_field_errors_and_saves_nothing(as_user, officer, decision):
    client = as_user(officer)
    url = reverse("decisions:requiredaction_add", args=[decision.pk])
    bad = {**ACTION_FORM, "description": "", "timeframe": "someday", "due_date": "soon"}
    response = client.post(url, bad)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"description", "timeframe", "due_date"}
    # htmx gets the form back on its own, with a status htmx swaps.
    response = client.post(url, bad, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith("<form") and "is-invalid" in body
    assert decision.actions.count() == 2


def test_officer_edits_an_action_inline_and_the_change_is_in_the_history(as_user, officer, decision):
    client = as_user(officer)
    action = decision.actions.get(position=1)
    url = reverse("decisions:requiredaction_edit", args=[action.pk])
    row = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert row.lstrip().startswith(f'<tr id="action-{action.pk}">') and 'hx-target="closest tr"' in row
    response = client.post(url, edit_data(action, ACTION_FORM, position="1", description="Enact the accreditation act"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.description == "Enact the accreditation act" and action.timeframe == "immediate"
    page = client.get(decision.get_absolute_url())
    assert [entry.action for entry in page.context["action_history"]][0] == LogEntry.Action.UPDATE
    assert "Enact the accreditation act" in page.content.decode()


def test_deleting_an_action_asks_first_and_names_the_reports_lost(as_user, officer, decision):
    client = as_user(officer)
    action = decision.actions.get(position=1)
    url = reverse("decisions:requiredaction_delete", args=[action.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and confirm.context["report_count"] == 2
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == decision.get_absolute_url()
    assert not RequiredAction.objects.filter(pk=action.pk).exists()
    # The deletion stays in the decision's action history.
    history = client.get(decision.get_absolute_url()).context["action_history"]
    assert history[0].action == LogEntry.Action.DELETE


@pytest.mark.parametrize("persona", NOT_SECRETARIAT)
def test_only_the_secretariat_changes_actions(persona, request, as_user, decision):
    client = as_user(request.getfixturevalue(persona))
    action = decision.actions.get(position=1)
    assert client.get(reverse("decisions:requiredaction_add", args=[decision.pk])).status_code == 403
    assert client.post(reverse("decisions:requiredaction_add", args=[decision.pk]), ACTION_FORM).status_code == 403
    assert client.post(reverse("decisions:requiredaction_edit", args=[action.pk]), ACTION_FORM).status_code == 403
    assert client.post(reverse("decisions:requiredaction_delete", args=[action.pk])).status_code == 403
    assert decision.actions.count() == 2


def test_missing_actions_are_404(as_user, officer):
    client = as_user(officer)
    assert client.get(reverse("decisions:requiredaction_add", args=[999])).status_code == 404
    assert client.get(reverse("decisions:requiredaction_edit", args=[999])).status_code == 404
    assert client.post(reverse("decisions:requiredaction_delete", args=[999])).status_code == 404


# --- heatmap -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_every_role_reads_the_heatmap(persona, request, as_user, decision, belize, jamaica):
    response = as_user(request.getfixturevalue(persona)).get(reverse("decisions:implementation_heatmap"))
    assert response.status_code == 200
    body = response.content.decode()
    first = decision.actions.get(position=1)
    # Each cell: a link to the series, the status as text (abbreviation + accessible label).
    assert f'href="{series_url(belize, first)}"' in body
    hidden = '<span class="visually-hidden">Belize, COTED/2005/20/ACC §1: Done</span>'
    assert f'<span aria-hidden="true">DN</span>{hidden}' in body
    assert '<span aria-hidden="true">NA</span>' in body
    assert "No report yet (counts as not started)" in body  # Belize §2, and the legend
    assert '<th scope="colgroup" colspan="2"' in body and '<th scope="row"' in body and "<caption" in body
    heatmap = response.context["heatmap"]
    assert [row.compliance for row in heatmap.rows] == [50.0, 0.0, 0.0]
    assert heatmap.overall.percent == 20.0


def test_heatmap_filters_without_javascript(as_user, officer, decision, belize, jamaica):
    client = as_user(officer)
    url = reverse("decisions:implementation_heatmap")
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    skills = CapabilityAreaFactory(code="skills", name="Skills", parent=csme)
    other_action = f.RequiredActionFactory(area=skills)
    associate = MemberStateFactory.for_iso("AI")

    def shown(**params):
        heatmap = client.get(url, params).context["heatmap"]
        return [row.state for row in heatmap.rows], heatmap.actions

    assert shown(decision=decision.pk)[1] == list(decision.actions.all())
    assert shown(within=csme.pk)[1] == [other_action]
    assert shown(sub_region="Central America")[0] == [belize]
    assert shown(membership="associate")[0] == [associate]
    # An unknown value is reported on the form and left out, not a server error.
    response = client.get(url, {"decision": "999", "membership": "associate"})
    assert response.status_code == 200 and "decision" in response.context["form"].errors
    assert "These filters were not understood" in response.content.decode()
    assert [row.state for row in response.context["heatmap"].rows] == [associate]


def test_heatmap_shows_compliance_by_area_and_drills_down(as_user, officer, belize):
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    skills = CapabilityAreaFactory(code="skills", name="Skills", parent=csme)
    f.ImplementationReportFactory(state=belize, action=f.RequiredActionFactory(area=skills), status=S.DONE)
    client = as_user(officer)
    response = client.get(reverse("decisions:implementation_heatmap"))
    assert response.context["by_area"].areas == [csme]
    assert f"within={csme.pk}" in response.content.decode()
    response = client.get(reverse("decisions:implementation_heatmap"), {"within": csme.pk})
    assert response.context["by_area"].areas == [skills]


def test_heatmap_htmx_request_gets_the_results_only(as_user, officer, decision):
    response = as_user(officer).get(reverse("decisions:implementation_heatmap"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">') and "<form" not in body
    assert "HX-Request" in response["Vary"]


def test_heatmap_without_actions_says_so(as_user, officer):
    response = as_user(officer).get(reverse("decisions:implementation_heatmap"))
    assert "No decision requires any national action yet." in response.content.decode()


def test_heatmap_and_detail_take_a_constant_number_of_queries(as_user, officer):
    client = as_user(officer)
    url = reverse("decisions:implementation_heatmap")
    area = CapabilityAreaFactory()

    def grow(states, actions):
        """More states and a new decision with more actions, every cell reported on."""
        decision = f.DecisionFactory()
        new_states = MemberStateFactory.create_batch(states)
        for action in f.RequiredActionFactory.create_batch(actions, decision=decision, area=area):
            for state in new_states:
                f.ImplementationReportFactory(state=state, action=action, status=S.DONE)
        return decision

    small = grow(2, 2)
    heatmap_queries, detail_queries = (
        _count_queries(client, url),
        _count_queries(client, small.get_absolute_url()),
    )
    big = grow(8, 8)  # 10 states × 10 actions on the map; 8 actions on the decision page
    response = client.get(url)
    assert len(response.context["heatmap"].rows) == 10 and len(response.context["heatmap"].actions) == 10
    assert _count_queries(client, url) == heatmap_queries
    assert _count_queries(client, big.get_absolute_url()) == detail_queries
    # Filtered pages too.
    assert _count_queries(client, url, decision=big.pk, within=area.pk) == heatmap_queries + 2


# --- series and reporting ------------------------------------------------------------------------


def test_focal_point_reports_on_its_own_state(as_user, focal_bz, belize, decision):
    client = as_user(focal_bz)
    action = decision.actions.get(position=2)
    url = series_url(belize, action)
    page = client.get(url)
    assert page.status_code == 200
    assert S.VERIFIED not in dict(page.context["form"].fields["status"].choices)
    response = client.post(url, {"status": S.DONE, "status_date": "2025-01-10", "evidence": "Procedures gazetted"})
    assert response.status_code == 302 and response["Location"] == url
    reports = client.get(url).context["reports"]
    assert [r.status for r in reports] == [S.DONE, S.IN_PROGRESS]  # newest first; history kept
    assert reports[0].reported_by == focal_bz and reports[0].evidence == "Procedures gazetted"


@pytest.mark.parametrize("persona", ["focal_jm", "partner", "expert", "host_jm"])
def test_others_see_no_form_and_may_not_post(persona, request, as_user, belize, decision):
    client = as_user(request.getfixturevalue(persona))
    url = series_url(belize, decision.actions.get(position=1))
    page = client.get(url)
    assert (
        page.status_code == 200
        and page.context["form"] is None
        and '<form method="post" class="card' not in page.content.decode()
    )
    assert client.post(url, {"status": S.DONE, "status_date": "2025-01-10"}).status_code == 403
    assert ImplementationReport.objects.count() == 3


def test_focal_point_cannot_verify(as_user, focal_bz, belize, decision):
    url = series_url(belize, decision.actions.get(position=1))
    response = as_user(focal_bz).post(url, {"status": S.VERIFIED, "status_date": "2025-01-10"})
    assert response.status_code == 400 and "status" in response.context["form"].errors
    assert ImplementationReport.objects.count() == 3


def test_officer_verifies(as_user, officer, jamaica, decision):
    client = as_user(officer)
    url = series_url(jamaica, decision.actions.get(position=2))
    assert S.VERIFIED in dict(client.get(url).context["form"].fields["status"].choices)
    assert client.post(url, {"status": S.VERIFIED, "status_date": "2025-01-10"}).status_code == 302
    assert ImplementationReport.objects.filter(state=jamaica, status=S.VERIFIED, reported_by=officer).exists()


@pytest.mark.parametrize(
    "data,field",
    [
        ({"status": "", "status_date": "2025-01-10"}, "status"),
        ({"status": "finished", "status_date": "2025-01-10"}, "status"),
        ({"status": S.DONE, "status_date": "tomorrow"}, "status_date"),
        (
            {"status": S.DONE, "status_date": "2999-01-01"},
            "status_date",
        ),  # the service refuses the future
    ],
)
def test_bad_report_gives_field_errors_and_saves_nothing(data, field, as_user, focal_bz, belize, decision):
    response = as_user(focal_bz).post(series_url(belize, decision.actions.get(position=1)), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert ImplementationReport.objects.count() == 3


def test_series_of_missing_state_or_action_is_404(as_user, officer, belize, decision):
    client = as_user(officer)
    action = decision.actions.first()
    assert client.get(reverse("decisions:implementation_series", args=[999, action.pk])).status_code == 404
    assert client.get(reverse("decisions:implementation_series", args=[belize.pk, 999])).status_code == 404
    assert client.post(reverse("decisions:implementation_series", args=[999, action.pk]), {}).status_code == 404


def test_report_absolute_url_is_the_series_page(belize, decision):
    report = ImplementationReport.objects.filter(state=belize).first()
    assert report.get_absolute_url() == series_url(belize, report.action)


# --- the map's window --------------------------------------------------------------------------


@pytest.fixture
def small_windows(monkeypatch):
    """Windows of 2 states × 1 action, so that three states and two actions need paging."""
    from decisions import selectors

    monkeypatch.setattr(selectors, "STATES_PER_PAGE", 2)
    monkeypatch.setattr(selectors, "ACTIONS_PER_PAGE", 1)


def test_heatmap_pages_through_states_and_actions_with_plain_links(as_user, officer, decision, small_windows):
    client = as_user(officer)
    url = reverse("decisions:implementation_heatmap")
    response = client.get(url, {"sub_region": ""})
    heatmap = response.context["heatmap"]
    assert [row.state.name for row in heatmap.rows] == ["Belize", "Jamaica"]
    assert heatmap.actions == [decision.actions.get(position=1)]
    # Belize: done on §1 of the window; Jamaica: §1 needs no action.
    assert [row.compliance for row in heatmap.rows] == [100.0, None]
    body = response.content.decode()
    assert "States 1–2 of 3" in body and "Actions 1–1 of 2" in body
    window = response.context["window"]
    assert window["state_previous"] == "" and window["action_previous"] == ""
    assert f'href="?{window["state_next"]}"' in body.replace("&amp;", "&")
    assert 'hx-target="#results"' in body

    following = client.get(f"{url}?{window['state_next']}")
    assert [row.state.name for row in following.context["heatmap"].rows] == ["Trinidad and Tobago"]
    assert following.context["window"]["state_previous"]
    older = client.get(f"{url}?{window['action_next']}")
    assert older.context["heatmap"].actions == [decision.actions.get(position=2)]
    # The filters stay as they were; a new filter starts again from the first window.
    assert "sub_region=" in window["action_next"]


def test_heatmap_window_survives_page_numbers_out_of_range(as_user, officer, decision, small_windows):
    url = reverse("decisions:implementation_heatmap")
    response = as_user(officer).get(url, {"state_page": "99", "action_page": "x"})
    assert response.status_code == 200
    heatmap = response.context["heatmap"]
    assert heatmap.state_page.number == 2 and heatmap.action_page.number == 1


def test_heatmap_window_htmx_request_gets_the_results_only(as_user, officer, decision, small_windows):
    response = as_user(officer).get(
        reverse("decisions:implementation_heatmap"), {"state_page": 2}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">') and "Trinidad and Tobago" in body


def test_decision_page_pages_through_states(as_user, officer, decision, small_windows):
    client = as_user(officer)
    response = client.get(decision.get_absolute_url())
    heatmap = response.context["heatmap"]
    assert len(heatmap.rows) == 2 and len(heatmap.actions) == 2  # all its actions, a window of states
    # The decision's progress still counts every state: Belize 1 of 2, Jamaica 0 of 1, Trinidad 0 of 2.
    assert heatmap.overall.complied == 1 and heatmap.overall.applicable == 5
    following = client.get(decision.get_absolute_url(), {"state_page": 2})
    assert [row.state.name for row in following.context["heatmap"].rows] == ["Trinidad and Tobago"]
    assert "hx-target" not in following.content.decode().split('id="decision-heatmap"')[0].split("heatmap-window")[-1]


def test_heatmap_cells_link_to_each_series_without_a_url_per_cell(as_user, officer, decision, belize):
    from decisions import selectors

    response = as_user(officer).get(reverse("decisions:implementation_heatmap"))
    assert response.context["series_prefix"] == selectors.series_url_prefix()
    for action in decision.actions.all():
        assert f'href="{series_url(belize, action)}"' in response.content.decode()
