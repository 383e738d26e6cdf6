"""The one workflow every lifecycle uses: requests, portfolio review, and later activities,
evaluations and proposals.

The owning app declares a `Workflow`: its statuses, the legal moves (`Transition`), which moves
must say why. Who may make a move is the model's `AccessRule` action `transition:<target>`, asked
through `core.access.can`, so pages, the API and templates agree. The owning app then registers,
by explicit calls (from its services module or its AppConfig.ready):

- guards: `workflow.add_guard(target, fn)`; `fn(record, move)` raises `InvalidTransition` when
  the record may not enter `target` (e.g. "approved needs a needs assessment");
- entry changes: `workflow.before_enter(target, fn)`; `fn(record, move)` returns the further
  field values saved with the move (e.g. the reference number issued on registration);
- effects: `workflow.on_enter(target, fn)` (or `None` for every target); `fn(transition_record)`
  runs after the transaction commits (notifications).

A transition may wait for a guard that another app will register (`awaits=` a message saying what
is missing): until one is registered, the move is refused with that message.

`Workflow.move` is the one function that changes a status: it locks the row, checks permission,
legality, reason and guards, writes one `core.TransitionRecord`, saves with `update_fields`
and schedules the effects on commit.

`SYSTEM` is the actor of moves that follow from an event (a host accepts an invitation, a job
finds a stale entry): it skips the permission check but never legality or guards, and the
history says "System, on behalf of <user>" when a person's action caused it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.access import can
from core.versions import RecordChanged

_WORKFLOWS: dict[str, Workflow] = {}


class InvalidTransition(Exception):
    """The move is not part of the workflow, its guard is not met or its reason is missing.

    Pages show the message; the API answers 409 Conflict with `{"detail": message}`."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionForbidden(PermissionDenied):
    """The actor may not make this move on this record (pages and the API answer 403)."""


class SystemActor:
    """The system, acting because an event happened. Not a user row: the history records no actor,
    `by_system=True`, and the person whose action caused the move in `on_behalf_of`."""

    pk = None
    id = None
    is_authenticated = True
    is_active = True
    is_superuser = False
    is_system = True
    role = None

    def __str__(self):
        return str(_("System"))

    def __repr__(self):
        return "SYSTEM"


SYSTEM = SystemActor()


@dataclass(frozen=True)
class Transition:
    """A legal move. `action` is the AccessRule action that permits it (default
    `transition:<target>`); `awaits` is the refusal message while no guard is registered for the
    target (a rule another app will own)."""

    source: str
    target: str
    action: str = ""
    awaits: str | None = None

    def __post_init__(self):
        if not self.action:
            object.__setattr__(self, "action", f"transition:{self.target}")


@dataclass(frozen=True)
class Move:
    """What guards and entry changes are told about the move being made."""

    source: str
    target: str
    actor: Any
    on_behalf_of: Any
    comment: str
    event: str = ""
    event_params: dict = field(default_factory=dict)

    @property
    def by_system(self) -> bool:
        return self.actor is SYSTEM


Guard = Callable[[models.Model, Move], None]
EntryChange = Callable[[models.Model, Move], dict | None]
Effect = Callable[[Any], None]


class Workflow:
    """A model's lifecycle: statuses, legal moves, moves that need a reason, and the guards,
    entry changes and effects the owning app registers."""

    def __init__(
        self,
        *,
        name: str,
        model: type[models.Model],
        statuses: type[models.TextChoices],
        transitions: Iterable[Transition],
        status_field: str = "status",
        changed_at_field: str | None = None,
        reason_required: Iterable[str] = (),
    ):
        if name in _WORKFLOWS:
            raise ValueError(f"A workflow named {name!r} is already declared.")
        self.name, self.model, self.statuses = name, model, statuses
        self.status_field, self.changed_at_field = status_field, changed_at_field
        self.reason_required = frozenset(reason_required)
        self.transitions: dict[tuple[str, str], Transition] = {}
        for transition in transitions:
            self.transitions[(transition.source, transition.target)] = transition
        self._guards: dict[str, list[Guard]] = defaultdict(list)
        self._entry_changes: dict[str, list[EntryChange]] = defaultdict(list)
        self._effects: dict[str | None, list[Effect]] = defaultdict(list)
        _WORKFLOWS[name] = self

    def __repr__(self):
        return f"<Workflow {self.name}>"

    # --- registration by the owning app ---------------------------------------------------------

    def add_guard(self, target: str, guard: Guard) -> None:
        """Require `guard(record, move)` to pass (not raise InvalidTransition) to enter `target`."""
        self._check_target(target)
        if guard not in self._guards[target]:
            self._guards[target].append(guard)

    def remove_guard(self, target: str, guard: Guard) -> None:
        """Take a guard back (for an app that replaces its rule, and for tests)."""
        self._guards[target].remove(guard)

    def before_enter(self, target: str, change: EntryChange) -> None:
        """Save `change(record, move)`'s field values with every move into `target`."""
        self._check_target(target)
        self._entry_changes[target].append(change)

    def on_enter(self, target: str | None, effect: Effect) -> None:
        """Call `effect(transition_record)` after commit for every move into `target` (None: any)."""
        if target is not None:
            self._check_target(target)
        if effect not in self._effects[target]:
            self._effects[target].append(effect)

    def _check_target(self, target: str) -> None:
        if target not in self.statuses.values:
            raise ValueError(f"{target!r} is not a status of the {self.name} workflow.")

    # --- reads ----------------------------------------------------------------------------------

    def label(self, status: str) -> str:
        return str(self.statuses(status).label) if status in self.statuses.values else status

    def targets_from(self, source: str) -> list[str]:
        return [target for (start, target) in self.transitions if start == source]

    def allowed(self, record: models.Model, actor) -> list:
        """The moves `actor` may offer from the record's current status: legal and permitted.
        Guards and reasons are checked when the move is made."""
        if actor is None or not actor.is_authenticated:
            return []
        source = getattr(record, self.status_field)
        return [
            self.statuses(transition.target)
            for (start, _target), transition in self.transitions.items()
            if start == source and can(actor, transition.action, record)
        ]

    # --- the move -------------------------------------------------------------------------------

    def _lock(self, pk, actor) -> models.Model:
        """The row, locked (two people may click at once). A person only finds the records they
        may see; the system finds every record."""
        manager = self.model._default_manager
        if actor is not SYSTEM and hasattr(manager, "for_user"):
            queryset = manager.for_user(actor)
        else:
            queryset = self.model._base_manager.all()
        return queryset.select_for_update().get(pk=pk)

    def refusal(self, source: str, target: str) -> InvalidTransition:
        return InvalidTransition(
            _("A %(record)s cannot go from %(from)s to %(to)s.")
            % {"record": self.model._meta.verbose_name, "from": self.label(source), "to": self.label(target)}
        )

    @transaction.atomic
    def move(
        self,
        *,
        pk,
        to: str,
        actor,
        comment: str = "",
        on_behalf_of=None,
        changes: dict | None = None,
        event: str = "",
        event_params: dict | None = None,
        version: int | None = None,
    ) -> models.Model:
        """Move the record `pk` to `to` as `actor` (a user, or SYSTEM on behalf of a user), saving
        `changes` (further field values) with it; returns the saved record. `version`, when
        given, is the version the actor saw: a record changed since is not moved (RecordChanged).

        `comment` is what a person typed; `event` (a code registered with
        `core.events.event_register`) and `event_params` are what the system says about the move,
        worded in each reader's language when the history is read."""
        if actor is None or not actor.is_authenticated:
            raise TransitionForbidden(_("Sign in to change this record."))
        record = self._lock(pk, actor)
        if version is not None and record.version != version:
            raise RecordChanged(record, version, record.version)
        source = getattr(record, self.status_field)
        transition = self.transitions.get((source, to))
        # Who may never move this record to `to` is told so, whatever its status now; the others
        # learn whether the move is possible from here.
        if actor is not SYSTEM and not self._may_enter(actor, record, to, transition):
            raise TransitionForbidden(
                _("You may not move this %(record)s to %(to)s.")
                % {"record": self.model._meta.verbose_name, "to": self.label(to)}
            )
        if transition is None:
            raise self.refusal(source, to)
        comment = comment.strip()
        if to in self.reason_required and not comment:
            raise InvalidTransition(_("Say why in the comment."))
        move = Move(source, to, actor, on_behalf_of, comment, event, dict(event_params or {}))
        self._check_guards(record, transition, move)
        fields = {self.status_field: to, **(changes or {})}
        for change in self._entry_changes[to]:
            fields.update(change(record, move) or {})
        history = self._write_history(record, move)
        if self.changed_at_field:
            fields[self.changed_at_field] = history.at
        self._save(record, fields)
        for effect in [*self._effects[to], *self._effects[None]]:
            transaction.on_commit(partial(effect, history))
        return record

    def _may_enter(self, actor, record, target: str, transition: Transition | None) -> bool:
        if transition is not None:
            return can(actor, transition.action, record)
        actions = {t.action for t in self.transitions.values() if t.target == target}
        return not actions or any(can(actor, action, record) for action in actions)

    def _check_guards(self, record, transition: Transition, move: Move) -> None:
        guards = self._guards[move.target]
        if not guards and transition.awaits:
            raise InvalidTransition(transition.awaits)
        for guard in guards:
            guard(record, move)

    def _save(self, record, fields: dict) -> None:
        for name, value in fields.items():
            setattr(record, name, value)
        names = list(fields)
        if any(field.name == "updated_at" for field in record._meta.concrete_fields):
            names.append("updated_at")
        record.save(update_fields=names)

    def _write_history(self, record, move: Move):
        from core.models import TransitionRecord

        return TransitionRecord.objects.create(
            record=record,
            workflow=self.name,
            from_status=move.source,
            to_status=move.target,
            actor=None if move.by_system else move.actor,
            on_behalf_of=move.on_behalf_of,
            by_system=move.by_system,
            comment=move.comment,
            event=move.event,
            event_params=move.event_params,
        )

    def record_start(self, record: models.Model, *, actor, comment: str = ""):
        """Write the first history entry of a new record ("" → its initial status)."""
        move = Move("", getattr(record, self.status_field), actor, None, comment)
        return self._write_history(record, move)


def status_label(workflow_name: str, status: str) -> str:
    """The localised label of a status of the named workflow (for history records)."""
    workflow = _WORKFLOWS.get(workflow_name)
    return workflow.label(status) if workflow else status


def transitions_of(record: models.Model):
    """A record's moves, oldest first, with the people already joined: the one history selector
    for every workflow (request timelines, portfolio review)."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import TransitionRecord

    return (
        TransitionRecord.objects.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)
        .select_related("actor", "on_behalf_of")
        .order_by("at", "pk")
    )
