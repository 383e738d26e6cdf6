"""The community kept between rankings (`matching.supply_cache`): a ranking from the kept
community is exactly the ranking from a fresh load, and any change of what matching reads makes
every process load again, including a process that did not make the change."""

import datetime
import hashlib
import re

import numpy as np
import pytest
from django.apps import apps
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from activities.tests.factories import ActivityFactory
from community.models import CapabilityArea, Institution, MemberState, Person
from community.tests.factories import NonWorkingDayFactory
from core import data_version
from core.models import DataVersion
from core.testing import commit
from matching import loaders, selectors, services, supply_cache
from maturity.models import MaturityAssessment
from maturity.services import assessment_delete, current_assessments_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def committed(request):
    """The fixtures' rows, committed: a community loaded in a transaction that changed matching's
    inputs is never kept (the transaction could yet be rolled back)."""
    for name in ("demo", "belize_request", "demo_officer", "approved", "focal_bz"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
    commit()


def shown(matches) -> dict:
    """Everything a page shows of a ranking, reasons and "why not higher" included."""

    def candidates(items):
        return [
            (
                item.id,
                round(item.score, 9),
                [(bar.factor, round(bar.value, 9)) for bar in item.factors],
                [(proposal.id, round(proposal.relevance, 9), proposal.because) for proposal in item.institutions],
                [reason.text for reason in item.reasons],
                [(row.factor, round(row.gap, 9)) for row in item.comparison],
            )
            for item in items
        ]

    return {
        "hosts": candidates(matches.hosts),
        "experts": candidates(matches.experts),
        "excluded": [(item.id, item.excluded_because) for item in matches.excluded],
        "experts_excluded": [(item.id, item.excluded_because) for item in matches.experts_excluded],
        "counts": (matches.host_count, matches.expert_count),
        "balance": matches.hosting_balance,
    }


def fresh(belize_request) -> dict:
    """The ranking from a community loaded now."""
    supply_cache.clear()
    return shown(selectors.request_matches(assistance_request=belize_request))


def fingerprint(hosts, experts) -> str:
    """A digest of every array and name of the supplies (the BM25 indexes follow from the tokens)."""
    digest = hashlib.sha256()

    def visit(value):
        if isinstance(value, np.ndarray):
            digest.update(value.tobytes())
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                visit(getattr(value, name))
        elif isinstance(value, tuple | list | str | int | float | dict | frozenset):
            digest.update(repr(value).encode())

    visit(hosts)
    visit(experts)
    return digest.hexdigest()


def test_the_loaders_read_only_tables_whose_changes_are_counted(demo):
    with CaptureQueriesContext(connection) as captured:
        hosts = loaders.load_host_supply(today=demo)
        loaders.load_expert_supply(hosts)
    tables = {name for query in captured for name in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"])}
    by_table = {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}
    watched = {*supply_cache.watched_models(), *map(apps.get_model, supply_cache.DERIVED_INPUTS)}
    assert tables and tables <= set(by_table)
    assert {by_table[name]._meta.label for name in tables if by_table[name] not in watched} == set()


def test_a_second_ranking_reads_the_kept_community_and_ranks_exactly_as_a_fresh_load(belize_request):
    first = shown(selectors.request_matches(assistance_request=belize_request))
    with CaptureQueriesContext(connection) as captured:
        again = shown(selectors.request_matches(assistance_request=belize_request))
    # The version, then the request's own rows: weights, exclusions, areas, invitations, answerers.
    assert len(captured) <= 10 and "core_dataversion" in captured[1]["sql"]
    loader_tables = {"maturity_maturityassessment", "activities_activity", "portfolio_practice"}
    assert not any(table in query["sql"] for query in captured for table in loader_tables)
    assert again == first == fresh(belize_request)


def test_at_most_two_days_are_kept(belize_request, demo):
    for days in range(4):
        supply_cache.supplies(today=demo + datetime.timedelta(days=days))
    assert sorted(supply_cache._kept) == [demo + datetime.timedelta(days=2), demo + datetime.timedelta(days=3)]
    assert supply_cache.held_bytes() > 0
    supply_cache.clear()
    assert supply_cache.held_bytes() == 0


def _assessment(request):
    current = MaturityAssessment.objects.filter(state__iso_code="JM", area__in=request.areas.all()).latest(
        "assessed_on", "pk"
    )
    current.level = 0 if current.level else 4
    current.save()
    current_assessments_refresh(pairs={(current.state_id, current.area_id)})  # as the services do


def _assessment_removed(request):
    latest = MaturityAssessment.objects.filter(state__iso_code="JM", area__in=request.areas.all()).latest(
        "assessed_on", "pk"
    )
    assessment_delete(assessment_id=latest.pk, actor=UserFactory(officer=True))


def _expert_profile(request):
    person = Person.objects.filter(is_expert=True).order_by("pk").first()
    person.expertise = "Accreditation of foreign qualifications, equivalency desks and recognition"
    person.save()


def _expert_areas(request):
    person = Person.objects.filter(is_expert=True).order_by("-pk").first()
    person.expertise_areas.add(*request.areas.all())


def _institution(request):
    institution = Institution.objects.filter(state__iso_code="BB").order_by("pk").first()
    institution.description = "Accreditation and equivalency of foreign qualifications, recognition desk"
    institution.save()


def _hosting(request):
    ActivityFactory(host_state=MemberState.objects.get(iso_code="TT"))


def _non_working_day(request):
    NonWorkingDayFactory(state=MemberState.objects.get(iso_code="JM"), date=datetime.date(2027, 3, 10))


def _area_name(request):
    area = CapabilityArea.objects.filter(pk__in=request.areas.all()).first()
    area.name_fr = "Équivalence des diplômes étrangers"
    area.save()


@pytest.mark.parametrize(
    "edit",
    [
        _assessment,
        _assessment_removed,
        _expert_profile,
        _expert_areas,
        _institution,
        _hosting,
        _non_working_day,
        _area_name,
    ],
)
def test_an_edit_of_any_input_makes_every_process_load_again(
    edit, belize_request, demo, django_capture_on_commit_callbacks
):
    hosts, experts = supply_cache.supplies(today=demo)
    version = supply_cache.data_version()
    with django_capture_on_commit_callbacks() as callbacks:
        edit(belize_request)
    # counted once, however many rows the edit wrote
    assert len([callback for callback in callbacks if isinstance(callback, data_version._Batch)]) == 1
    assert supply_cache.supplies(today=demo)[0] is not hosts  # not the kept copy before the commit
    assert supply_cache._kept[demo].hosts is hosts  # and what it loaded is not kept either
    commit()
    assert supply_cache.data_version() > version
    # Another process still holds the community loaded before the edit: the version tells it.
    supply_cache._kept[demo] = supply_cache.Supplies(hosts, experts, version)
    new_hosts, new_experts = supply_cache.supplies(today=demo)
    assert fingerprint(new_hosts, new_experts) != fingerprint(hosts, experts)
    kept = shown(selectors.request_matches(assistance_request=belize_request))
    assert kept == fresh(belize_request)


def test_a_process_keeps_its_community_while_the_version_stands(demo):
    hosts, _experts = supply_cache.supplies(today=demo)
    assert supply_cache.supplies(today=demo)[0] is hosts
    DataVersion.objects.filter(label="community.person").update(changes=F("changes") + 1)
    assert supply_cache.supplies(today=demo)[0] is not hosts


def test_exclusions_and_weights_show_at_once_with_the_community_kept(belize_request, demo_officer):
    before = selectors.request_matches(assistance_request=belize_request, user=demo_officer)
    top = before.hosts[0]
    services.match_exclusion_create(
        assistance_request_id=belize_request.pk, actor=demo_officer, reason="Conflict of interest", state_id=top.id
    )
    services.match_weights_save(
        assistance_request_id=belize_request.pk,
        actor=demo_officer,
        weights={**before.weights, "capability": 0.0, "cost": 10.0},
        include_developing=True,
        include_unconfirmed=False,
    )
    kept = selectors.request_matches(assistance_request=belize_request, user=demo_officer)
    assert top.id in {candidate.id for candidate in kept.excluded}
    assert top.id not in {candidate.id for candidate in kept.hosts}
    assert kept.weights["cost"] == 10.0 and kept.include_developing
    assert shown(kept) == fresh(belize_request)


def test_a_reader_who_does_not_see_everything_is_never_served_the_kept_community(approved, focal_bz):
    hosts, _experts = supply_cache.supplies()
    theirs, _ = supply_cache.supplies(user=focal_bz)
    assert theirs is not hosts and supply_cache.supplies(user=focal_bz)[0] is not theirs
    assert list(supply_cache._kept.values())[0].hosts is hosts


def test_the_matches_page_reads_the_kept_community_in_a_constant_number_of_queries(
    client_for, demo_officer, belize_request, django_assert_max_num_queries
):
    client = client_for(demo_officer)
    url = reverse("matching:request_matches", args=[belize_request.pk])
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(len(first.captured_queries) - 25) as kept:
        response = client.get(url)
    assert response.status_code == 200 and "Invite Jamaica" in response.content.decode()
    assert not any("maturity_maturityassessment" in query["sql"] for query in kept.captured_queries)
    with django_assert_max_num_queries(len(kept.captured_queries)):
        client.get(url)


def test_a_community_kept_for_one_language_serves_another_exactly_as_a_fresh_load(belize_request):
    with translation.override("en"):
        english = shown(selectors.request_matches(assistance_request=belize_request))
    with translation.override("fr"):
        kept = shown(selectors.request_matches(assistance_request=belize_request))
        assert supply_cache._kept  # the French ranking read the community the English one loaded
        french = fresh(belize_request)
    assert kept == french != english  # the reasons are in French, the order is the same
    assert [row[0] for row in kept["hosts"]] == [row[0] for row in english["hosts"]]


def test_the_api_writes_plain_rows_exactly_as_drf_would(belize_request):
    from rest_framework import serializers as drf

    from matching.api import serializers

    matches = selectors.request_matches(assistance_request=belize_request)
    rows = {
        serializers.FactorSerializer: [bar for host in matches.hosts for bar in host.factors],
        serializers.ReasonSerializer: [reason for host in matches.hosts for reason in host.reasons],
        serializers.ComparisonSerializer: [row for host in matches.hosts for row in host.comparison],
        serializers.InstitutionProposalSerializer: [item for host in matches.hosts for item in host.institutions],
    }
    for serializer_class, items in rows.items():
        serializer = serializer_class()
        assert items and [serializer.to_representation(item) for item in items] == [
            drf.Serializer.to_representation(serializer, item) for item in items
        ]


def test_a_restore_makes_every_process_load_again_whatever_count_it_held(demo):
    from core.backup import Manifest, restored

    hosts, experts = supply_cache.supplies(today=demo)
    # Another process loaded the community when the counters read 0 (a database not yet restored).
    DataVersion.objects.all().delete()
    supply_cache._kept[demo] = supply_cache.Supplies(hosts, experts, 0)
    restored.send(sender=Manifest, using="default")
    supply_cache._kept[demo] = supply_cache.Supplies(hosts, experts, 0)
    assert supply_cache.data_version() > 10**15  # no count a process held before the restore
    assert supply_cache.supplies(today=demo)[0] is not hosts
