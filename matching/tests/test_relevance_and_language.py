"""Relevance that means something (taxonomy first, no boilerplate), languages a host works in, and
names in the reader's language: small hand-built communities where only the factor under test
differs."""

import dataclasses

import numpy as np
import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.planning import _words as planning_words
from core.vocabulary import GENERIC_WORDS, is_generic
from matching import factors as registry
from matching.conf import DEFAULT_OPTIONS
from matching.explain import (
    ReasonContext,
    area_label,
    fit_reasons,
    language_label,
    relevance_reasons,
    timing_reasons,
)
from matching.scoring import Doc, DocKind, Need, rank_hosts, rank_institutions
from matching.synthetic import host_supply
from matching.text import tokenize

START = 20458  # Monday 5 January 2026
WEIGHTS = registry.default_weights(registry.HOST)
HOST = registry.names(registry.HOST)
RELEVANCE, FIT = HOST.index("relevance"), HOST.index("fit")
NEED_TEXT = "National programme to strengthen the accreditation and equivalency of qualifications"


def need(text=NEED_TEXT, areas=(0,), requester=0) -> Need:
    return Need(
        request_id=1,
        requester=requester,
        areas=np.array(areas, dtype=np.int32),
        query=tuple(dict.fromkeys(tokenize(text))),
        start=START,
        end=START + 60,
    )


def practice(state, ref, text, areas=(), languages=()) -> Doc:
    return Doc(state, state, DocKind.PRACTICE, ref, f"Practice {ref}", text, areas=areas, languages=languages)


def relevance_of(supply, the_need=None):
    ranking = rank_hosts(supply, the_need or need(), WEIGHTS)
    return ranking, ranking.factors[:, RELEVANCE]


# --- generic words ----------------------------------------------------------------------------


def test_generic_words_are_left_out_in_every_community_language():
    words = tokenize(
        "Ministry of National Development: programme de développement du ministère, "
        "programa nacional del ministerio, nationaal programma van het ministerie, accreditation"
    )
    assert words == ["accreditation"]
    assert is_generic("Développement") and is_generic("POLICY") and not is_generic("accreditation")


def test_activity_planning_reads_the_same_list_of_generic_words():
    assert planning_words("Ministry of national development: accreditation council") == {"accreditation"}
    assert {"ministry", "programme", "development", "government", "national", "policy"} <= GENERIC_WORDS


# --- relevance: taxonomy first --------------------------------------------------------------


def test_a_practice_in_another_area_sharing_only_boilerplate_scores_nothing():
    boilerplate = "National programme of the ministry to strengthen capacity, development policy and support"
    supply = host_supply(
        [[0, 0], [3, 3], [3, 3]],
        docs=[practice(1, 1, boilerplate, areas=(1,)), practice(2, 2, "Accreditation manual", areas=(0,))],
    )
    ranking, relevance = relevance_of(supply)
    assert relevance[1] == 0.0
    assert relevance[2] == pytest.approx(1.0)
    assert list(ranking.order) == [2, 1]


def test_a_practice_in_the_requested_area_beats_one_elsewhere_with_more_words_in_common():
    supply = host_supply(
        [[0, 0], [3, 3], [3, 3]],
        docs=[
            practice(1, 1, "Accreditation, equivalency of qualifications: accreditation procedures", areas=(1,)),
            practice(2, 2, "Accreditation manual", areas=(0,)),
        ],
    )
    ranking, relevance = relevance_of(supply)
    assert ranking.detail["doc_scores"][0] > ranking.detail["doc_scores"][1]  # more words in common…
    assert relevance[2] > relevance[1]  # …but the area decides
    assert relevance[1] <= 1 - DEFAULT_OPTIONS["relevance_area_share"]


def test_the_same_area_counts_more_than_a_parent_or_child_which_counts_more_than_another_area():
    # Areas: 0 requested, 1 its child, 2 elsewhere; the same words everywhere.
    supply = host_supply(
        [[0, 0, 0], [3, 3, 3], [3, 3, 3], [3, 3, 3]],
        area_parent=[-1, 0, -1],
        docs=[practice(s, s, "Accreditation manual", areas=(a,)) for s, a in ((1, 0), (2, 1), (3, 2))],
    )
    _ranking, relevance = relevance_of(supply)
    share = DEFAULT_OPTIONS["relevance_area_share"]
    assert relevance[1] == pytest.approx(1.0)
    assert relevance[2] == pytest.approx(share * 0.5 + (1 - share))
    assert relevance[3] == pytest.approx(1 - share)


def test_two_hosts_that_differ_in_nothing_tie_and_the_tie_goes_by_id():
    supply = host_supply(
        [[0], [3], [3]],
        ids=[10, 30, 20],
        docs=[practice(s, s, "Accreditation manual", areas=(0,)) for s in (1, 2)],
    )
    ranking, relevance = relevance_of(supply)
    assert relevance[1] == relevance[2]
    assert ranking.scores[1] == ranking.scores[2]
    assert list(ranking.order) == [2, 1]  # id 20 before id 30


def test_a_need_without_areas_is_read_by_its_words():
    supply = host_supply(
        [[0], [3], [3]],
        docs=[practice(1, 1, "Accreditation manual", areas=(0,)), practice(2, 2, "Labour inspection", areas=(0,))],
    )
    _ranking, relevance = relevance_of(supply, need(areas=()))
    assert relevance[1] == pytest.approx(1.0)
    assert relevance[2] == 0.0


def test_the_reason_quotes_the_words_and_the_areas_that_matched():
    supply = host_supply(
        [[0, 0], [3, 3], [3, 3]],
        docs=[
            practice(1, 1, "Accreditation and equivalency manual", areas=(0,)),
            practice(2, 2, "Accreditation of inspectors", areas=(1,)),
        ],
    )
    ranking, _relevance = relevance_of(supply)
    ctx = ReasonContext(supply, need(), ranking, DEFAULT_OPTIONS)
    with translation.override("en"):
        assert relevance_reasons(ctx, 1) == [
            "its practice “Practice 1” matches the need (matched on: ‘accreditation’, ‘equivalency’; area Area 0)"
        ]
        assert relevance_reasons(ctx, 2) == [
            "its practice “Practice 2” matches the need (matched on: ‘accreditation’; in another area (Area 1))"
        ]


# --- languages a host works in --------------------------------------------------------------

ENGLISH, FRENCH = 0, 1


def language_supply(*, staff=None, docs=()):
    """State 0 speaks French (Haiti); 1 and 2 speak English, 3 French. Institution k is state k's."""
    return host_supply(
        [[0], [3], [3], [3]],
        names=["Haiti", "Jamaica", "Barbados", "Martinique"],
        languages=[[0, 1], [1, 0], [1, 0], [0, 1]],
        language_names=["English", "French"],
        institution_names=["Ministry", "University Council of Jamaica", "Accreditation Council", "Rectorat"],
        institution_languages=staff,
        docs=list(docs),
    )


def fit_of(supply):
    ranking = rank_hosts(supply, need(), WEIGHTS)
    return ranking, ranking.factors[:, FIT]


def test_an_english_speaking_host_with_french_speaking_staff_is_recognised_for_haiti():
    staff = [[0, 0], [0, 1], [0, 0], [0, 0]]  # the University Council of Jamaica works in French
    ranking, fit = fit_of(language_supply(staff=staff))
    assert fit[3] > fit[1] > fit[2]  # official French, then French-speaking staff, then neither
    assert ranking.detail["language_term"][1] == pytest.approx(DEFAULT_OPTIONS["working_language_credit"])
    ctx = ReasonContext(ranking=ranking, supply=language_supply(staff=staff), need=need(), options=DEFAULT_OPTIONS)
    with translation.override("en"):
        texts = fit_reasons(ctx, 1)
        assert (
            texts[0]
            == "Jamaica's official language is English, but the University Council of Jamaica's staff work in French"
        )
        assert fit_reasons(ctx, 2)[0] == "no official language in common with Haiti"
        assert fit_reasons(ctx, 3)[0] == "shares French with Haiti"


def test_a_practice_offered_in_the_requesters_language_counts_like_staff_who_speak_it():
    staff = [[0, 0], [0, 1], [0, 0], [0, 0]]
    offered = [practice(2, 5, "Accreditation manual", areas=(0,), languages=(FRENCH,))]
    ranking, fit = fit_of(language_supply(staff=staff, docs=offered))
    assert fit[1] == fit[2]  # a tie: staff who work in French, a practice offered in French
    ctx = ReasonContext(language_supply(staff=staff, docs=offered), need(), ranking, DEFAULT_OPTIONS)
    with translation.override("en"):
        assert fit_reasons(ctx, 2)[0] == (
            "Barbados's official language is English, but its practice “Practice 5” is offered in French"
        )


def test_a_language_the_requester_does_not_speak_changes_nothing():
    staff = [[0, 0], [1, 0], [0, 0], [0, 0]]  # English-speaking staff in English-speaking Jamaica
    _ranking, fit = fit_of(language_supply(staff=staff))
    assert fit[1] == fit[2]


# --- names in the reader's language ---------------------------------------------------------


def test_area_and_language_names_follow_the_reader_with_english_as_the_fallback():
    supply = language_supply()
    translated = {"fr": {"areas": ("Accréditation",), "languages": ("Anglais", "")}}
    supply = dataclasses.replace(supply, translations=translated)
    with translation.override("fr"):
        assert area_label(supply, 0) == "Accréditation"
        assert language_label(supply, 0) == "Anglais"
        assert language_label(supply, 1) == "French"  # not translated: English stands in
    with translation.override("es"):
        assert area_label(supply, 0) == "Area 0"
    with translation.override("en"):
        assert area_label(supply, 0) == "Area 0"


def test_among_equally_relevant_institutions_the_one_working_in_the_requesters_language_is_proposed_first():
    # Jamaica (state 1) has two institutions with nothing to tell them apart but their staff's languages.
    supply = host_supply(
        [[0], [3], [3], [3]],
        languages=[[0, 1], [1, 0], [1, 0], [0, 1]],
        institution_state=[0, 1, 1, 2, 3],
        institution_names=["Ministry", "Bureau", "Bureau", "Council", "Rectorat"],
        institution_languages=[[0, 0], [0, 0], [0, 1], [0, 0], [0, 0]],
    )
    ranking = rank_hosts(supply, need(), WEIGHTS)
    assert [row[0] for row in rank_institutions(supply, ranking, 1, requester=0)] == [2, 1]
    assert [row[0] for row in rank_institutions(supply, ranking, 1)] == [1, 2]  # no requester: by index


def test_a_host_without_a_recorded_official_language_is_still_named_by_its_staffs():
    staff = [[0, 0], [0, 1], [0, 0], [0, 0]]
    supply = host_supply(
        [[0], [3], [3], [3]],
        names=["Haiti", "Jamaica", "Barbados", "Martinique"],
        languages=[[0, 1], [0, 0], [1, 0], [0, 1]],
        language_names=["English", "French"],
        institution_names=["Ministry", "University Council of Jamaica", "Accreditation Council", "Rectorat"],
        institution_languages=staff,
    )
    ranking = rank_hosts(supply, need(), WEIGHTS)
    with translation.override("en"):
        text = fit_reasons(ReasonContext(supply, need(), ranking, DEFAULT_OPTIONS), 1)[0]
    assert text == "the University Council of Jamaica's staff work in French"


def test_holiday_names_in_the_timing_reasons_follow_the_reader():
    new_year = START - 4  # Thursday 1 January 2026
    supply = host_supply([[0], [3]], holidays=[(1, new_year, "National Independence Day; New Year's Day")])
    supply = dataclasses.replace(supply, iso_codes=("BZ", "HT"))
    the_need = Need(
        request_id=1, requester=0, areas=np.array([0], dtype=np.int32), query=(), start=new_year, end=START + 30
    )
    ranking = rank_hosts(supply, the_need, WEIGHTS)
    ctx = ReasonContext(supply, the_need, ranking, DEFAULT_OPTIONS)
    with translation.override("fr"):
        assert "Nouvel An" in " ".join(timing_reasons(ctx, 1))
    with translation.override("en"):
        assert "New Year's Day" in " ".join(timing_reasons(ctx, 1))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(1, 4),  # the host state
            st.lists(st.sampled_from(["accreditation", "equivalency", "inspection", "survey"]), max_size=6),
            st.integers(0, 2),  # its area: 0 requested, 1 its child, 2 elsewhere
        ),
        min_size=1,
        max_size=8,
    )
)
def test_no_amount_of_shared_words_lifts_a_practice_in_another_area_above_one_in_the_requested_area(rows):
    docs = [
        Doc(state, state, DocKind.PRACTICE, ref, f"Practice {ref}", tokens=tuple(words), areas=(area,))
        for ref, (state, words, area) in enumerate(rows)
    ]
    supply = host_supply([[0, 0, 0]] + [[3, 3, 3]] * 4, area_parent=[-1, 0, -1], docs=docs)
    ranking = rank_hosts(supply, need(), WEIGHTS)
    relevance = ranking.detail["doc_relevance"]
    in_area = [d for d in range(len(docs)) if supply.docs.area_items[d] == 0]
    elsewhere = [d for d in range(len(docs)) if supply.docs.area_items[d] == 2]
    if in_area and elsewhere:
        assert min(relevance[in_area]) > max(relevance[elsewhere])
