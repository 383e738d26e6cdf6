"""What people do in Attaché, in a real browser: sign in, add and find records, stay within
their own state, read the interface in French, and correct a form without retyping it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_officer_adds_an_institution_and_finds_it(page, live_server, community, sign_in, snap):
    sign_in("officer@demo.test")
    expect(page.get_by_role("heading", name="Welcome, Secretariat Officer")).to_be_visible()
    snap("home")

    nav = page.get_by_role("navigation", name="Main navigation")
    nav.get_by_role("button", name="Registry").click()
    nav.get_by_role("link", name="Institutions").click()
    page.get_by_role("link", name="Add institution").click()
    page.get_by_label("Name").fill("Belize National Accreditation Council")
    page.get_by_label("Acronym").fill("BNAC")
    page.get_by_label("Kind").select_option(label="Accreditation body")
    page.get_by_label("Member state").select_option(label="Belize")
    page.get_by_label("Description").fill("Appointed in 2004; accreditation procedures still to be written.")
    snap("add-form")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Belize National Accreditation Council (BZ)")
    expect(page.get_by_role("status")).to_contain_text("saved")
    snap("detail")

    page.goto(f"{live_server.url}/registry/institutions/")
    results = page.locator("#results")
    expect(results).to_contain_text("4 records")
    page.get_by_role("search").get_by_label("Search").fill("accreditation")
    # htmx swaps the results in place and pushes the query into the address bar.
    expect(results).to_contain_text("1 record")
    expect(results.get_by_role("link", name="Belize National Accreditation Council")).to_be_visible()
    expect(results).not_to_contain_text("Ministry of Labour")
    expect(page).to_have_url(re.compile(r"[?&]q=accreditation"))
    snap("search")


def test_focal_point_cannot_open_another_states_restricted_institution(page, live_server, community, sign_in, snap):
    sign_in("focal-bz@demo.test")
    restricted, shared = community["restricted_jm"], community["labour_jm"]

    response = page.goto(f"{live_server.url}{restricted.get_absolute_url()}")
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text(restricted.name)
    snap("restricted-404")

    response = page.goto(f"{live_server.url}{shared.get_absolute_url()}")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Ministry of Labour and Social Security (JM)")
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    snap("shared-detail")

    # The list leaves the restricted record out as well.
    page.goto(f"{live_server.url}/registry/institutions/")
    expect(page.locator("#results")).to_contain_text(shared.name)
    expect(page.locator("#results")).not_to_contain_text(restricted.name)


def test_language_switcher_shows_the_interface_in_french(page, live_server, community, sign_in, snap):
    sign_in("officer@demo.test")
    page.goto(f"{live_server.url}/registry/institutions/")
    with page.expect_navigation():
        page.get_by_label("Language").select_option("fr")

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    nav = page.get_by_role("navigation", name="Navigation principale")
    for label in ("Demandes", "Carte de maturité", "Mise en œuvre", "Décisions", "Pratiques"):
        expect(nav.get_by_role("link", name=label, exact=True)).to_be_visible()
    nav.get_by_role("button", name="Registre").click()
    for label in (
        "États membres",
        "Institutions",
        "Personnes",
        "Réunions",
        "Réseaux",
        "Domaines de capacité",
    ):
        expect(nav.get_by_role("link", name=label, exact=True)).to_be_visible()
    nav.get_by_role("button", name="Registre").click()  # fold the menu again for the screenshots
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    expect(page.get_by_role("link", name="Ajouter : institution")).to_be_visible()
    expect(page.get_by_role("search").get_by_label("Rechercher")).to_be_visible()
    results = page.locator("#results")
    expect(results).to_contain_text("3 fiches")
    for header in ("Nom", "Type", "État membre", "Rattachée à", "Visibilité"):
        expect(results.get_by_role("columnheader", name=header)).to_be_visible()
    expect(results.get_by_role("cell", name="Ministère").first).to_be_visible()
    expect(results.get_by_text("Restreint")).to_be_visible()
    snap("institutions-fr")

    # The choice sticks on the next page.
    nav.get_by_role("button", name="Registre").click()
    nav.get_by_role("link", name="États membres").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("États membres")
    expect(page.locator("#results")).to_contain_text("Membre à part entière")


def test_form_with_a_missing_field_shows_the_error_and_keeps_the_values(page, live_server, community, sign_in, snap):
    sign_in("focal-jm@demo.test")
    page.goto(f"{live_server.url}/registry/institutions/add/")
    page.get_by_label("Acronym").fill("JCTVET")
    page.get_by_label("Kind").select_option(label="Accreditation body")
    page.get_by_label("Member state").select_option(label="Jamaica")
    page.get_by_label("Description").fill("Accredits technical and vocational programmes.")
    page.get_by_label("Website").fill("https://example.org/jctvet")
    page.get_by_label("Visibility").select_option(label="Restricted to the state and the secretariat")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("alert")).to_contain_text("Please correct the errors below.")
    name = page.get_by_label("Name")
    expect(name).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator(".invalid-feedback")).to_have_count(1)
    expect(page.locator("#id_name_error")).to_have_text("This field is required.")
    expect(page.get_by_label("Acronym")).to_have_value("JCTVET")
    expect(page.get_by_label("Kind")).to_have_value("accreditation_body")
    expect(page.get_by_label("Member state")).to_have_value(str(community["jamaica"].pk))
    expect(page.get_by_label("Description")).to_have_value("Accredits technical and vocational programmes.")
    expect(page.get_by_label("Website")).to_have_value("https://example.org/jctvet")
    expect(page.get_by_label("Visibility")).to_have_value("restricted")
    snap("missing-name")

    name.fill("Jamaica Council for Technical and Vocational Education")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Jamaica Council for Technical and Vocational Education (JM)"
    )
