"""Which messages of the translation catalogues still need a translator.

The interface ships in English, French, Spanish and Dutch, and a message missing from a catalogue
shows up in English in the middle of a translated page. `catalogue_gaps()` reads a GNU gettext
``.po`` file with plain parsing (no third-party library) and lists the entries that are
untranslated (an empty ``msgstr``, or an empty plural form) or marked ``fuzzy`` (a guess left by
``makemessages`` that a translator has not checked). The test suite fails on any gap, and
``bin/untranslated`` prints the count per language after ``make messages``.

Run ``python -m core.catalogues [-v] [LANG ...]`` from the project root: one line per language,
``-v`` to list the messages, exit status 1 while any gap remains.
"""

import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ("fr", "es", "nl")


@dataclass
class Entry:
    """One message of a catalogue: its flags, source text and translation(s)."""

    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    obsolete: bool = False

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def is_untranslated(self) -> bool:
        return not self.msgstr or any(not text for text in self.msgstr.values())

    @property
    def is_fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    def label(self) -> str:
        """The source text as a translator would look it up, with its context if it has one."""
        return f"[{self.msgctxt}] {self.msgid}" if self.msgctxt is not None else self.msgid


@dataclass
class CatalogueGaps:
    """The messages of one catalogue a translator still has to write or check."""

    untranslated: list[str]
    fuzzy: list[str]

    def __len__(self) -> int:
        return len(self.untranslated) + len(self.fuzzy)


def _unquote(text: str) -> str:
    """The value of one quoted .po string: the same escapes as a C (and Python) string literal."""
    return ast.literal_eval(text.strip())


def catalogue_entries(path: Path) -> list[Entry]:
    """Every entry of the .po file at `path`, in file order (obsolete ``#~`` entries flagged)."""
    entries: list[Entry] = []
    entry = Entry()
    current: tuple[str, int] | None = None  # the keyword that a continuation line ("...") extends

    def finish() -> None:
        nonlocal entry, current
        if current is not None:
            entries.append(entry)
        entry, current = Entry(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            finish()
            continue
        if line.startswith("|"):  # the previous source text of an obsolete fuzzy entry
            continue
        if line.startswith("#") or line.startswith(("msgctxt ", "msgid ")):
            if entry.msgstr:  # a comment or a new source text after a translation starts the next entry
                finish()
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            if line.startswith("#"):
                continue
        entry.obsolete = entry.obsolete or obsolete
        if line.startswith('"'):
            if current is None:
                raise ValueError(f"{path}: a continued string outside an entry: {raw!r}")
            _append(entry, current, _unquote(line))
            continue
        keyword, _, rest = line.partition(" ")
        current = _keyword(keyword, path)
        _set(entry, current, _unquote(rest))
    finish()
    return entries


def _keyword(keyword: str, path: Path) -> tuple[str, int]:
    """The field a .po keyword line sets: ("msgstr", n) for the n-th plural form."""
    if keyword in {"msgctxt", "msgid", "msgid_plural", "msgstr"}:
        return (keyword, 0)
    if keyword.startswith("msgstr[") and keyword.endswith("]"):
        return ("msgstr", int(keyword[len("msgstr[") : -1]))
    raise ValueError(f"{path}: unexpected keyword {keyword!r}")


def _set(entry: Entry, key: tuple[str, int], value: str) -> None:
    name, index = key
    if name == "msgstr":
        entry.msgstr[index] = value
    else:
        setattr(entry, name, value)


def _append(entry: Entry, key: tuple[str, int], value: str) -> None:
    name, index = key
    if name == "msgstr":
        entry.msgstr[index] += value
    else:
        setattr(entry, name, getattr(entry, name) + value)


def catalogue_gaps(path: Path) -> CatalogueGaps:
    """The live (non-obsolete) messages of the .po file at `path` that are untranslated or fuzzy."""
    live = [entry for entry in catalogue_entries(path) if not entry.obsolete and not entry.is_header]
    return CatalogueGaps(
        untranslated=[entry.label() for entry in live if entry.is_untranslated],
        fuzzy=[entry.label() for entry in live if entry.is_fuzzy and not entry.is_untranslated],
    )


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def main(argv: list[str]) -> int:
    """Print the gaps per language; exit status 1 while any remain."""
    verbose = "-v" in argv
    languages = [arg for arg in argv if not arg.startswith("-")] or list(LANGUAGES)
    total = 0
    for language in languages:
        gaps = catalogue_gaps(catalogue_path(language))
        total += len(gaps)
        print(f"{language}: {len(gaps.untranslated)} untranslated, {len(gaps.fuzzy)} fuzzy")
        if verbose:
            for label in gaps.untranslated:
                print(f"  untranslated: {label!r}")
            for label in gaps.fuzzy:
                print(f"  fuzzy: {label!r}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
