"""Capability areas' names, descriptions and level texts are data kept in every interface language,
English stored and the fallback: the pages, the request form's area picker and the API show the
reader's, and writing stays explicit."""

import pytest
from django.urls import reverse
from django.utils import translation

from community import forms, models
from community.tests.factories import CapabilityAreaFactory, MemberStateFactory
from maturity.tests.factories import AssessmentFactory

FRENCH_NAME = "Accréditation et équivalence"


@pytest.fixture
def area(db):
    return CapabilityAreaFactory(
        code="accreditation-equivalency",
        name="Accreditation and equivalency",
        level_3="Accreditation body operating with published procedures.",
        name_fr=FRENCH_NAME,
        level_3_fr="Organisme d'accréditation doté de procédures publiées.",
    )


def page(client, url, language):
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_the_name_follows_the_reader_and_falls_back_to_english(area):
    with translation.override("fr"):
        assert models.CapabilityArea.objects.get(pk=area.pk).name == FRENCH_NAME
        assert list(models.CapabilityArea.objects.values_list("name", flat=True)) == [FRENCH_NAME]
    with translation.override("es"):
        assert models.CapabilityArea.objects.get(pk=area.pk).name == "Accreditation and equivalency"
    with translation.override("en"):
        assert str(models.CapabilityArea.objects.get(pk=area.pk)) == "Accreditation and equivalency"


def test_an_area_created_by_a_french_reader_keeps_its_english_name(db):
    with translation.override("fr"):
        created = CapabilityAreaFactory(code="labour-inspection", name="Labour inspection")
    stored = models.CapabilityArea.objects.filter(pk=created.pk).values_list("name_en", flat=True).get()
    assert stored == "Labour inspection"


def test_the_area_page_and_the_heatmap_show_the_readers_names(client_for, admin, area):
    AssessmentFactory(state=MemberStateFactory.for_iso("JM"), area=area, level=3)
    client = client_for(admin)
    detail = page(client, reverse("community:capabilityarea_detail", args=[area.pk]), "fr")
    assert FRENCH_NAME in detail
    assert "Organisme d&#x27;accréditation doté de procédures publiées." in detail
    assert FRENCH_NAME in page(client, reverse("maturity:heatmap"), "fr")
    english = page(client, reverse("maturity:heatmap"), "en")
    assert "Accreditation and equivalency" in english and FRENCH_NAME not in english


def test_the_request_forms_area_picker_shows_the_readers_names(client_for, officer, area):
    picker = page(client_for(officer), reverse("assistance:request_add"), "fr")
    assert FRENCH_NAME in picker
    assert "Accreditation and equivalency" in page(client_for(officer), reverse("assistance:request_add"), "es")


def test_the_form_edits_the_english_text_and_each_translation_in_its_own_field(area, admin):
    with translation.override("fr"):
        form = forms.CapabilityAreaForm(instance=area, user=admin)
        assert form["name"].value() == "Accreditation and equivalency"  # not the French name
        assert form["name_fr"].value() == FRENCH_NAME
        assert str(form.fields["name_nl"].label) == "Nom (Néerlandais)"
        data = {name: form[name].value() or "" for name in form.fields}
        data.update(parent="", name="Accreditation", name_nl="Accreditatie")
        form = forms.CapabilityAreaForm(data, instance=area, user=admin)
        assert form.is_valid(), form.errors
        form.save()
    stored = models.CapabilityArea.objects.filter(pk=area.pk).values_list("name_en", "name_fr", "name_nl").get()
    assert stored == ("Accreditation", FRENCH_NAME, "Accreditatie")


def api_url(area):
    return f"/api/v1/capability-areas/{area.pk}/"


def test_the_api_reads_the_name_in_the_requests_language_with_every_translation(api_client_for, admin, area):
    client = api_client_for(admin)
    french = client.get(api_url(area), HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french["name"] == FRENCH_NAME
    assert french["translations"]["fr"]["name"] == FRENCH_NAME
    assert french["translations"]["es"]["name"] == ""  # not translated…
    spanish = client.get(api_url(area), HTTP_ACCEPT_LANGUAGE="es").json()
    assert spanish["name"] == "Accreditation and equivalency"  # …so English stands in


def test_the_api_writes_the_english_text_and_the_translations_explicitly(api_client_for, admin, area):
    answer = api_client_for(admin).patch(
        api_url(area),
        {"name": "Accreditation", "translations": {"es": {"name": "Acreditación"}}},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["name"] == FRENCH_NAME  # read back in French
    stored = models.CapabilityArea.objects.filter(pk=area.pk).values_list("name_en", "name_fr", "name_es").get()
    assert stored == ("Accreditation", FRENCH_NAME, "Acreditación")


@pytest.mark.parametrize(
    "translations",
    [["fr"], {"de": {"name": "Akkreditierung"}}, {"fr": {"title": "x"}}, {"fr": {"name": 3}}],
)
def test_translations_the_api_cannot_read_are_refused_on_the_field(api_client_for, admin, area, translations):
    answer = api_client_for(admin).patch(api_url(area), {"translations": translations}, format="json")
    assert answer.status_code == 400
    assert "translations" in answer.json()
    assert models.CapabilityArea.objects.get(pk=area.pk).name_fr == FRENCH_NAME


def test_the_admin_edits_every_translation(client_for, admin, area):
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    for url in (
        reverse("admin:community_capabilityarea_change", args=[area.pk]),
        reverse("admin:community_language_changelist"),
    ):
        answer = client_for(admin).get(url)
        assert answer.status_code == 200
    assert (
        'name="name_fr"'
        in client_for(admin).get(reverse("admin:community_capabilityarea_change", args=[area.pk])).content.decode()
    )


def test_an_institutions_staff_languages_are_kept_by_code_in_the_api_and_shown_on_its_page(
    api_client_for, client_for, admin
):
    from community.tests.factories import InstitutionFactory, LanguageFactory

    council = InstitutionFactory(name="University Council of Jamaica", state=MemberStateFactory.for_iso("JM"))
    LanguageFactory(code="fr")
    answer = api_client_for(admin).patch(
        f"/api/v1/institutions/{council.pk}/", {"staff_languages": ["fr"]}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["staff_languages"] == ["fr"]
    refused = api_client_for(admin).patch(
        f"/api/v1/institutions/{council.pk}/", {"staff_languages": ["xx"]}, format="json"
    )
    assert refused.status_code == 400 and "staff_languages" in refused.json()
    assert "Staff languages" in page(client_for(admin), council.get_absolute_url(), "en")
