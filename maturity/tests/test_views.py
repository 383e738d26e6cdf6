import datetime
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from maturity.choices import AssessmentMethod
from maturity.models import MaturityAssessment
from maturity.tests.factories import AssessmentFactory, CapabilityAreaFactory, MemberStateFactory

pytestmark = pytest.mark.django_db

HEATMAP = reverse("maturity:heatmap")
ADD = reverse("maturity:assessment_add")


def series_url(state, area):
    return reverse("maturity:series", args=[state.pk, area.pk])


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 5, 20, 15, 0, tzinfo=datetime.UTC), tick=False):
        yield


# --- heatmap ---------------------------------------------------------------------------


def test_heatmap_needs_sign_in(client):
    response = client.get(HEATMAP)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_heatmap_shows_levels_as_numbers_colours_and_can_host(client, officer, belize, jamaica, accreditation):
    AssessmentFactory(
        state=belize, area=accreditation, level=1, method=AssessmentMethod.SELF, assessed_on=datetime.date(2026, 5, 12)
    )
    AssessmentFactory(
        state=jamaica, area=accreditation, level=4, method=AssessmentMethod.PEER, assessed_on=datetime.date(2025, 5, 12)
    )
    client.force_login(officer)
    html = client.get(HEATMAP).content.decode()

    belize_cell = _cell(html, series_url(belize, accreditation))
    assert 'class="maturity-cell maturity-level-1"' in belize_cell
    assert 'aria-label="Belize, Accreditation and equivalency: level 1, self-assessment"' in belize_cell
    assert "can host" not in belize_cell

    jamaica_cell = _cell(html, series_url(jamaica, accreditation))
    assert "maturity-level-4" in jamaica_cell
    assert "peer review, can host" in jamaica_cell
    assert '<span class="visually-hidden">can host</span>' in jamaica_cell
    assert "★" in jamaica_cell

    assert '<th scope="row" class="maturity-sticky">Belize</th>' in html
    assert '<th scope="col">Accreditation and equivalency</th>' in html
    assert "<caption" in html and "table-responsive" in html
    assert "maturity/maturity.css" in html


def test_heatmap_marks_unassessed_cells(client, officer, belize, accreditation):
    client.force_login(officer)
    cell = _cell(client.get(HEATMAP).content.decode(), series_url(belize, accreditation))
    assert "maturity-empty" in cell
    assert 'aria-label="Belize, Accreditation and equivalency: not assessed"' in cell
    assert '<span class="visually-hidden">not assessed</span>' in cell


def _cell(html, url):
    match = re.search(r'<td class="maturity-cell[^"]*">\s*<a href="' + re.escape(url) + r'".*?</td>', html, re.S)
    assert match, f"no cell links to {url}"
    return match.group(0)


def _build(n):
    areas = [CapabilityAreaFactory() for _ in range(n)]
    states = MemberStateFactory.create_batch(n)
    for state in states:
        for area in areas:
            AssessmentFactory(state=state, area=area, level=(state.pk + area.pk) % 5)
    return states, areas


def test_heatmap_page_queries_do_not_grow_with_the_map(client, officer):
    client.force_login(officer)
    _build(2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(HEATMAP).status_code == 200
    _build(8)
    with CaptureQueriesContext(connection) as large:
        response = client.get(HEATMAP)
    assert response.content.decode().count('class="maturity-cell ') == 100
    assert len(small) == len(large)


def test_heatmap_filters_within_sub_region_and_membership(client, officer, belize, jamaica):
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    accreditation = CapabilityAreaFactory(code="accreditation", name="Accreditation", parent=csme)
    labour = CapabilityAreaFactory(code="labour-admin", name="Labour administration")
    inspection = CapabilityAreaFactory(code="labour-inspection", name="Labour inspection", parent=labour)
    anguilla = MemberStateFactory(iso_code="AI")
    client.force_login(officer)

    html = client.get(HEATMAP, {"within": csme.pk}).content.decode()
    assert series_url(belize, accreditation) in html
    assert series_url(belize, inspection) not in html

    html = client.get(HEATMAP, {"sub_region": "Greater Antilles"}).content.decode()
    assert series_url(jamaica, inspection) in html
    assert series_url(belize, inspection) not in html

    html = client.get(HEATMAP, {"membership": "associate"}).content.decode()
    assert series_url(anguilla, inspection) in html
    assert series_url(jamaica, inspection) not in html


def test_heatmap_ignores_filters_it_does_not_understand(client, officer, belize, accreditation):
    client.force_login(officer)
    response = client.get(HEATMAP, {"within": 999999, "membership": "galactic"})
    assert response.status_code == 200
    assert series_url(belize, accreditation) in response.content.decode()
    assert "were left out" in response.content.decode()


def test_heatmap_htmx_request_gets_the_table_only(client, officer, belize, accreditation):
    client.force_login(officer)
    response = client.get(HEATMAP, {"within": accreditation.pk}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="heatmap">')
    assert "Main navigation" not in html and series_url(belize, accreditation) in html
    assert "HX-Request" in response["Vary"]


def test_heatmap_hides_restricted_assessments_of_other_states(client, focal_bz, belize, jamaica, accreditation):
    AssessmentFactory(state=jamaica, area=accreditation, level=4, restricted=True)
    client.force_login(focal_bz)
    cell = _cell(client.get(HEATMAP).content.decode(), series_url(jamaica, accreditation))
    assert "not assessed" in cell and "level 4" not in cell


def test_heatmap_offers_recording_to_those_who_may(client, officer, partner, belize, accreditation):
    client.force_login(officer)
    assert ADD in client.get(HEATMAP).content.decode()
    client.force_login(partner)
    assert f'href="{ADD}"' not in client.get(HEATMAP).content.decode()


def test_heatmap_shows_a_page_of_states_and_links_to_the_others(client, officer, monkeypatch, accreditation):
    monkeypatch.setattr("maturity.selectors.STATES_PER_PAGE", 2)
    first, second, third = (MemberStateFactory(name=name) for name in ("Aruba", "Belize", "Cuba"))
    AssessmentFactory(state=third, area=accreditation, level=4)
    client.force_login(officer)

    html = client.get(HEATMAP, {"sub_region": ""}).content.decode()
    assert series_url(first, accreditation) in html and series_url(second, accreditation) in html
    assert series_url(third, accreditation) not in html
    assert "Member states 1–2 of 3" in html
    assert 'href="?sub_region=&amp;page=2"' in html
    assert html.count("Next states") == 2, "above the map and again under it"
    # The column counts every matching state, not only the page's.
    assert "<td>1</td>" in html.split("States that can host")[1]

    response = client.get(HEATMAP, {"page": 2}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="heatmap">')
    assert series_url(third, accreditation) in html and series_url(first, accreditation) not in html
    assert "Member states 3–3 of 3" in html and 'href="?page=1"' in html


def test_heatmap_pages_areas_and_offers_the_families(client, officer, belize, monkeypatch):
    monkeypatch.setattr("maturity.selectors.AREAS_PER_PAGE", 2)
    csme = CapabilityAreaFactory(code="csme", name="Single market regimes")
    accreditation = CapabilityAreaFactory(code="csme-accreditation", name="Accreditation", parent=csme)
    labour = CapabilityAreaFactory(code="labour", name="Labour administration")
    inspection = CapabilityAreaFactory(code="labour-inspection", name="Labour inspection", parent=labour)
    client.force_login(officer)

    html = client.get(HEATMAP).content.decode()
    # All areas, page by page: the umbrella areas (unassessed) take no column of their own.
    assert series_url(belize, accreditation) in html and series_url(belize, inspection) not in html
    assert "Capability areas 1–2 of 4" in html and 'href="?areas=2"' in html
    assert f'href="?within={labour.pk}"' in html and 'aria-current="page">All areas' in html
    html = client.get(HEATMAP, {"areas": 2}).content.decode()
    assert series_url(belize, inspection) in html and series_url(belize, accreditation) not in html

    html = client.get(HEATMAP, {"within": labour.pk}).content.decode()
    assert series_url(belize, inspection) in html and series_url(belize, accreditation) not in html
    assert f'href="?within={labour.pk}" aria-current="page">Labour administration' in html
    # The filter's choices are the families, not every area.
    assert f'<option value="{labour.pk}" selected>' in html and f'<option value="{inspection.pk}"' not in html


# --- series ----------------------------------------------------------------------------


def test_series_page_lists_assessments_newest_first_with_a_chart(client, officer, belize, accreditation):
    AssessmentFactory(
        state=belize, area=accreditation, level=0, assessed_on=datetime.date(2023, 2, 1), evidence="No council."
    )
    AssessmentFactory(
        state=belize,
        area=accreditation,
        level=1,
        assessed_on=datetime.date(2026, 5, 12),
        method=AssessmentMethod.SELF,
        assessor="Ministry of Education",
        evidence="Council appointed.",
        recorded_by=officer,
        evidence_file=SimpleUploadedFile("gazette.pdf", b"%PDF-1.4"),
    )
    client.force_login(officer)
    html = client.get(series_url(belize, accreditation)).content.decode()
    assert html.index("Council appointed.") < html.index("No council.")
    assert "Self-assessment" in html and "Ministry of Education" in html and "Marcus Thompson" in html
    latest = MaturityAssessment.objects.get(level=1)
    assert latest.evidence_document.get_absolute_url() in html
    # The chart: an SVG with a title and a description, a line through both points, and a table.
    assert '<svg class="maturity-chart"' in html and 'role="img"' in html
    assert '<title id="chart-title">' in html and '<desc id="chart-desc">' in html
    assert html.count('<circle class="series-point"') == 2 and "<polyline" in html
    assert "The chart as a table" in html
    # The area's level texts, with the current one marked.
    assert "National accreditation body appointed but without procedures." in html
    assert "(current)" in html
    assert "Change history" in html


def test_series_chart_numbers_are_not_localised(client, officer, belize, accreditation):
    AssessmentFactory(state=belize, area=accreditation, level=1, assessed_on=datetime.date(2023, 2, 1))
    AssessmentFactory(state=belize, area=accreditation, level=2, assessed_on=datetime.date(2024, 7, 9))
    client.force_login(officer)
    html = client.get(series_url(belize, accreditation), headers={"Accept-Language": "fr"}).content.decode()
    points = re.search(r'<polyline class="series-line" points="([^"]+)"', html).group(1)
    assert re.fullmatch(r"[\d.]+,[\d.]+ [\d.]+,[\d.]+", points)


def test_series_page_of_another_state_shows_only_visible_assessments(client, focal_bz, jamaica, accreditation):
    AssessmentFactory(state=jamaica, area=accreditation, level=2, evidence="Shared review.")
    AssessmentFactory(state=jamaica, area=accreditation, level=4, restricted=True, evidence="Confidential review.")
    client.force_login(focal_bz)
    response = client.get(series_url(jamaica, accreditation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Shared review." in html and "Confidential review." not in html
    assert "Record an assessment" not in html


def test_series_page_offers_recording_for_own_state_only(client, focal_bz, belize, jamaica, accreditation):
    client.force_login(focal_bz)
    own = client.get(series_url(belize, accreditation)).content.decode()
    assert f"{ADD}?state={belize.pk}&amp;area={accreditation.pk}" in own
    assert "Not assessed yet." in own
    assert ADD not in client.get(series_url(jamaica, accreditation)).content.decode()


def test_series_page_404_for_unknown_state_or_area(client, officer, belize, accreditation):
    client.force_login(officer)
    assert client.get(reverse("maturity:series", args=[999999, accreditation.pk])).status_code == 404
    assert client.get(reverse("maturity:series", args=[belize.pk, 999999])).status_code == 404


def test_evidence_file_is_served_only_to_those_who_see_the_assessment(
    client, focal_bz, focal_jm, jamaica, accreditation
):
    assessment = AssessmentFactory(
        state=jamaica,
        area=accreditation,
        restricted=True,
        evidence_file=SimpleUploadedFile("review.pdf", b"%PDF-1.4 review"),
    )
    url = assessment.evidence_document.get_absolute_url()
    client.force_login(focal_bz)
    assert client.get(url).status_code == 404
    client.force_login(focal_jm)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 review"


# --- recording -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona,status",
    [("officer", 200), ("admin_user", 200), ("focal_bz", 200), ("partner", 403), ("expert", 403), ("host_jm", 403)],
)
def test_add_page_by_role(request, client, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(ADD).status_code == status


def test_add_page_needs_sign_in(client):
    assert client.get(ADD).status_code == 302


def test_add_page_for_a_focal_point_fixes_state_and_method(client, focal_bz, belize, jamaica, accreditation):
    client.force_login(focal_bz)
    form = client.get(ADD, {"state": jamaica.pk, "area": accreditation.pk}).context["form"]
    assert list(form.fields["state"].queryset) == [belize]
    assert form.fields["state"].disabled and form["state"].value() == belize.pk
    assert [value for value, _label in form.fields["method"].choices] == [AssessmentMethod.SELF]


def test_add_page_prefills_and_shows_the_area_level_texts(client, officer, belize, accreditation):
    client.force_login(officer)
    response = client.get(ADD, {"state": belize.pk, "area": accreditation.pk})
    html = response.content.decode()
    assert response.context["form"]["state"].value() == str(belize.pk)
    assert "National accreditation body appointed but without procedures." in html
    assert 'enctype="multipart/form-data"' in html
    assert {value for value, _label in response.context["form"].fields["method"].choices} == set(AssessmentMethod)


def test_add_page_without_an_area_shows_the_generic_levels(client, officer):
    client.force_login(officer)
    html = client.get(ADD).content.decode()
    for label in ("0 · Absent", "1 · Initial", "2 · Developing", "3 · Established", "4 · Model"):
        assert label in html
    assert "Choose an area to see what each level means" in html


def test_changing_the_area_re_renders_the_level_texts(client, officer, accreditation):
    client.force_login(officer)
    response = client.get(
        ADD, {"area": accreditation.pk, "level": "3"}, headers={"HX-Request": "true", "HX-Target": "level-field"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<fieldset id="level-field"')
    assert "Accreditation body operating with published procedures." in html
    assert re.search(r'value="3" id="[^"]+" checked', html)


def _post_data(state, area, **overrides):
    data = {
        "state": state.pk,
        "area": area.pk,
        "level": "1",
        "method": AssessmentMethod.SELF,
        "assessed_on": "2026-05-12",
        "assessor": "Ministry of Education",
        "evidence": "Council appointed; no procedures.",
        "notes": "",
        "visibility": "shared",
    }
    data.update(overrides)
    return data


def test_focal_point_records_a_self_assessment(client, focal_bz, belize, accreditation):
    AssessmentFactory(state=belize, area=accreditation, level=0, assessed_on=datetime.date(2024, 1, 1))
    client.force_login(focal_bz)
    data = _post_data(belize, accreditation, evidence_file=SimpleUploadedFile("gazette.pdf", b"%PDF-1.4 gazette"))
    response = client.post(ADD, data)
    assert response.status_code == 302
    assert response["Location"] == series_url(belize, accreditation)
    assessment = MaturityAssessment.objects.get(level=1)
    assert (assessment.recorded_by, assessment.method, assessment.state) == (focal_bz, AssessmentMethod.SELF, belize)
    assert assessment.evidence_document.file.read() == b"%PDF-1.4 gazette"
    assert MaturityAssessment.objects.count() == 2  # the earlier assessment is kept
    # The change history shows who recorded it.
    html = client.get(series_url(belize, accreditation)).content.decode()
    history = html[html.index('id="history-heading"') :]
    assert "Create" in history and "Elena Castillo" in history


def test_focal_point_posting_another_state_records_own_state(client, focal_bz, belize, jamaica, accreditation):
    client.force_login(focal_bz)
    client.post(ADD, _post_data(jamaica, accreditation))
    assert list(MaturityAssessment.objects.values_list("state", flat=True)) == [belize.pk]


def test_focal_point_may_not_post_a_secretariat_assessment(client, focal_bz, belize, accreditation):
    client.force_login(focal_bz)
    response = client.post(ADD, _post_data(belize, accreditation, method=AssessmentMethod.SECRETARIAT))
    assert response.status_code == 400
    assert response.context["form"].errors["method"]
    assert not MaturityAssessment.objects.exists()


@pytest.mark.parametrize("persona", ["partner", "expert", "host_jm"])
def test_other_roles_may_not_post(request, client, persona, jamaica, accreditation):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(ADD, _post_data(jamaica, accreditation)).status_code == 403
    assert not MaturityAssessment.objects.exists()


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"level": "5"}, "level"),
        ({"level": ""}, "level"),
        ({"assessed_on": "2026-13-01"}, "assessed_on"),
        ({"assessed_on": "2026-06-30"}, "assessed_on"),  # in the future
        ({"area": "999999"}, "area"),
        ({"visibility": "public"}, "visibility"),
        ({"evidence_file": "page"}, "evidence_file"),
    ],
)
def test_bad_input_gives_field_errors_and_saves_nothing(client, officer, belize, accreditation, overrides, field):
    if overrides.get("evidence_file") == "page":
        overrides = {
            "evidence_file": SimpleUploadedFile("evidence.html", b"<script>alert(1)</script>", content_type="text/html")
        }
    client.force_login(officer)
    data = _post_data(belize, accreditation, method=AssessmentMethod.SECRETARIAT)
    data.update(overrides)
    response = client.post(ADD, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "Please correct the errors below." in response.content.decode()
    assert not MaturityAssessment.objects.exists()


# --- deleting --------------------------------------------------------------------------


def test_secretariat_deletes_an_assessment(client, officer, belize, accreditation):
    assessment = AssessmentFactory(state=belize, area=accreditation)
    url = reverse("maturity:assessment_delete", args=[assessment.pk])
    client.force_login(officer)
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response["Location"] == series_url(belize, accreditation)
    assert not MaturityAssessment.objects.exists()


def test_focal_point_may_not_delete_even_own_state(client, focal_bz, belize, accreditation):
    assessment = AssessmentFactory(state=belize, area=accreditation)
    client.force_login(focal_bz)
    assert client.post(reverse("maturity:assessment_delete", args=[assessment.pk])).status_code == 403
    assert MaturityAssessment.objects.exists()
