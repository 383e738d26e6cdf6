"""The evaluation questionnaires, as a versioned definition in code.

Why code and not records: every figure the site shows (means per outcome, the matcher's track
record) is computed from these keys, so a change of the question set is a change of the code
that reads it. Each answer keeps the version it was given under (`Evaluation.question_set`); a new
set is a new version here, and old answers stay readable with the set they answered.

The questions follow the intermediate capacity outcomes of knowledge exchange: new knowledge,
enhanced skill, improved consensus, enhanced connectivity, new and improved actions; then
whether the results are used on the job, and a free comment."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CURRENT_VERSION = 1
SCALE = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Outcome:
    key: str
    label: object  # lazy text
    question: object


OUTCOMES = (
    Outcome("knowledge", _("New knowledge"), _("I (we) learned something new that matters for our work.")),
    Outcome("skill", _("Enhanced skill"), _("I (we) can now do a task better than before.")),
    Outcome("consensus", _("Improved consensus"), _("Those involved now agree more on what must be done.")),
    Outcome("connectivity", _("Enhanced connectivity"), _("I (we) now know whom to call in other states.")),
    Outcome("action", _("New and improved actions"), _("Something is now done differently because of it.")),
)
OUTCOME_KEYS = tuple(outcome.key for outcome in OUTCOMES)
QUESTION_SETS = {1: OUTCOMES}


def outcomes(version: int = CURRENT_VERSION) -> tuple[Outcome, ...]:
    return QUESTION_SETS[version]
