"""The translation catalogues are complete and compiled, and the interface speaks each language.

A message left untranslated or fuzzy shows English in the middle of a French, Spanish or Dutch
page; a .po file edited without recompiling its .mo changes nothing on screen. Both fail here.
"""

import gettext

import pytest
from django.urls import reverse

from core.catalogues import LANGUAGES, catalogue_entries, catalogue_gaps, catalogue_path, main

SAMPLE = r"""# A header comment.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

#: core/models.py
msgid "Translated"
msgstr "Traduit"

#: core/models.py
msgid ""
"Untranslated, written "
"over two lines"
msgstr ""

#: core/models.py
#, fuzzy, python-format
#| msgid "Old %(name)s"
msgid "Guessed %(name)s"
msgstr "Ancien %(name)s"

#, python-format
msgid "%(n)s day"
msgid_plural "%(n)s days"
msgstr[0] "%(n)s jour"
msgstr[1] ""

#, python-format
msgid "%(n)s file"
msgid_plural "%(n)s files"
msgstr[0] "%(n)s fichier"
msgstr[1] "%(n)s fichiers"

msgctxt "month"
msgid "May"
msgstr ""

msgctxt "verb"
msgid "May"
msgstr "Pouvoir"

msgid "Quote \"and\" newline\n"
msgstr "Guillemet « et » saut\n"

#~ msgid "Gone"
#~ msgstr ""
"""


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "django.po"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_gaps_are_the_untranslated_and_fuzzy_live_messages(sample):
    gaps = catalogue_gaps(sample)
    # An empty plural form counts; an obsolete (#~) entry does not; the context tells "May"s apart.
    assert gaps.untranslated == ["Untranslated, written over two lines", "%(n)s day", "[month] May"]
    assert gaps.fuzzy == ["Guessed %(name)s"]
    assert len(gaps) == 4


def test_entries_keep_escapes_flags_and_plural_forms(sample):
    entries = {(entry.msgctxt, entry.msgid): entry for entry in catalogue_entries(sample)}
    assert entries[(None, 'Quote "and" newline\n')].msgstr == {0: "Guillemet « et » saut\n"}
    assert entries[(None, "Guessed %(name)s")].flags == {"fuzzy", "python-format"}
    assert entries[(None, "%(n)s file")].msgstr == {0: "%(n)s fichier", 1: "%(n)s fichiers"}
    assert entries[(None, "Gone")].obsolete
    assert entries[(None, "")].is_header


def test_the_command_prints_the_count_per_language_and_fails_while_any_remain(tmp_path, monkeypatch, capsys):
    for language, text in {"fr": SAMPLE, "nl": SAMPLE.split("#: core/models.py")[0]}.items():
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "django.po").write_text(text, encoding="utf-8")
    monkeypatch.setattr("core.catalogues.LOCALE_DIR", tmp_path)

    assert main(["nl"]) == 0
    assert capsys.readouterr().out == "nl: 0 untranslated, 0 fuzzy\n"
    assert main(["-v", "fr", "nl"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "fr: 3 untranslated, 1 fuzzy"
    assert "  fuzzy: 'Guessed %(name)s'" in lines
    assert lines[-1] == "nl: 0 untranslated, 0 fuzzy"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    gaps = catalogue_gaps(catalogue_path(language))
    assert not gaps.untranslated, f"{language}: untranslated, run bin/untranslated -v: {gaps.untranslated}"
    assert not gaps.fuzzy, f"{language}: fuzzy (check, then remove the flag): {gaps.fuzzy}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_file_is_compiled_from_the_po_file(language):
    po = catalogue_path(language)
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    stale = []
    for entry in catalogue_entries(po):
        if entry.obsolete or entry.is_header or entry.is_fuzzy or entry.is_untranslated:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            found = {0: compiled.get(key)}
        else:
            found = {index: compiled.get((key, index)) for index in entry.msgstr}
        if found != entry.msgstr:
            stale.append(entry.label())
    assert not stale, f"{language}: recompile (make messages or msgfmt): {stale[:5]}"


PAGES = {
    "fr": ("Inviter un utilisateur", "Vous n’avez aucune notification.", "Se déconnecter"),
    "es": ("Invitar a un usuario", "No tiene notificaciones.", "Cerrar sesión"),
    "nl": ("Een gebruiker uitnodigen", "U hebt geen meldingen.", "Afmelden"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_newest_pages_speak_the_reader_s_language(language, admin, client_for):
    client = client_for(admin)
    users = client.get(reverse("accounts:user_list"), headers={"Accept-Language": language}).content.decode()
    inbox = client.get(reverse("core:notification_list"), headers={"Accept-Language": language}).content.decode()
    invite, no_notifications, sign_out = PAGES[language]
    assert f'<html lang="{language}">' in users
    assert invite in users and "Invite a user" not in users
    assert sign_out in users and "Sign out" not in users
    assert no_notifications in inbox and "You have no notifications." not in inbox
