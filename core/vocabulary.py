"""Words too generic to say that two texts concern the same thing.

Every statement of need, practice, agenda and area name of a public administration speaks of
ministries, programmes, development and national policy: two texts that share only these words
share boilerplate, not a subject. Peer matching leaves them out of its text relevance and activity
planning out of its test of whether a committee's agenda concerns an activity, so both read this
one list (core knows no app; both apps may read core).

Lower-case and accent-folded (as `fold` returns them), in English, French, Spanish and Dutch, the
singular and the usual plural: matching stems plurals lightly, planning does not.
"""

import unicodedata

_ENGLISH = """
about activity activities after annual approach area areas between capacity capacities community
council councils committee committees cooperation department departments development
division effective framework general government governments implementation improve
improvement improvements institution institutions institutional issue issues meeting meetings
minister ministers ministry ministries national need needs office offices officer officers
official officials other plan plans policy policies programme programmes program programs
project projects public regional report reports review reviews sector sectors service services
session sessions strategy strategies strengthen strengthening support supports system systems
technical their there these those under unit units update which while within
member members appoint appointed establish established operational caribbean caricom state states
country countries administration administrative make made place ask asked working senior learn
depend depends initiate initiating process processes
"""

_FRENCH = """
activite activites appui besoin besoins cadre capacite capacites communaute conseil conseils
comite comites cooperation developpement direction gouvernement gouvernements institution
ministere ministeres ministre nationale nationales nationaux national politique politiques
programme programmes projet projets publique publiques rapport rapports regional regionale
renforcement secteur service services soutien strategie systeme systemes technique
"""

_SPANISH = """
actividad actividades apoyo capacidad capacidades comite comites comunidad consejo cooperacion
desarrollo direccion fortalecimiento gobierno gobiernos institucion instituciones ministerio
ministerios nacional nacionales necesidad necesidades politica politicas programa programas
proyecto proyectos publica publico regional sector servicio servicios sistema sistemas
tecnica tecnico
"""

_DUTCH = """
beleid capaciteit gemeenschap internationale ministerie ministeries nationaal nationale
ondersteuning ontwikkeling overheid programma programmas project projecten raad regering
samenwerking sector steun systeem versterking
"""


def fold(word: str) -> str:
    """Lower-cased, without accents: "Développement" → "developpement"."""
    folded = word.casefold()
    if folded.isascii():
        return folded
    return "".join(char for char in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(char))


GENERIC_WORDS = frozenset(fold(word) for text in (_ENGLISH, _FRENCH, _SPANISH, _DUTCH) for word in text.split())


def is_generic(word: str) -> bool:
    """Whether a word (any case, with or without accents) is boilerplate."""
    return fold(word) in GENERIC_WORDS
