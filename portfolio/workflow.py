"""The review workflow of a portfolio entry, declared once:

draft → published            the secretariat publishes a reviewed entry (`practice_publish`)
published → needs_update     the secretariat asks for an update (`practice_request_update`), or the
                             system flags an entry nobody has looked at for too long (`practice_mark_stale`)
needs_update → draft         its owners edit it: back to the secretariat for review (`practice_save`)
needs_update → published     the secretariat confirms it is still current (`practice_publish`)

Who may make each move is the Practice AccessRule (`transition:<status>`)."""

from core.workflow import Transition, Workflow
from portfolio.choices import PracticeStatus
from portfolio.models import Practice

practice_workflow = Workflow(
    name="practice",
    model=Practice,
    statuses=PracticeStatus,
    transitions=[
        Transition(PracticeStatus.DRAFT, PracticeStatus.PUBLISHED),
        Transition(PracticeStatus.PUBLISHED, PracticeStatus.NEEDS_UPDATE),
        Transition(PracticeStatus.NEEDS_UPDATE, PracticeStatus.PUBLISHED),
        Transition(PracticeStatus.NEEDS_UPDATE, PracticeStatus.DRAFT),
    ],
)
