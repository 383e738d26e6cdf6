"""Who may see and change what, and who may take which action: the one place the rules live.

Each scoped model declares an `AccessRule` saying how its records relate to a member state,
an institution or a person (its owners), who reads it, and who may take its named actions
(`transition:approved`, `invite`, `accept`, `review`, `verify`, …). Querysets (`for_user`,
`editable_by`), generic views, the API, templates (`{% can %}`), services and exports all ask
the rule through `can()`, so the UI and the API cannot disagree.

Closed by default: a model that declares no rule is visible to the secretariat only, and an
action a rule does not name is refused to everyone but a superuser.
"""

import operator
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import reduce
from types import MappingProxyType

from django.db.models import Q

from accounts.choices import Role

NOTHING = Q(pk__in=[])
EVERYTHING = Q()
SECRETARIAT = Role.secretariat()


class Visibility:
    RESTRICTED = "restricted"
    SHARED = "shared"


@dataclass(frozen=True)
class Allow:
    """Who may take a named action: these roles, on any record (`own=False`) or only on
    records they own through the rule's state / institution / person lookups (`own=True`).

    Secretariat roles in `roles` always act on every record."""

    roles: frozenset
    own: bool = False


def secretariat() -> Allow:
    return Allow(SECRETARIAT)


def secretariat_or_owner(*owner_roles: str) -> Allow:
    """The secretariat on every record; the named owner roles on the records they own."""
    return Allow(SECRETARIAT | frozenset(owner_roles), own=True)


@dataclass(frozen=True, eq=False)
class ReadThrough:
    """Readers through a related record: whoever owns a `model` record ("app_label.Model", by
    that model's own rule) that points at this record by `link` and matches `when` also reads
    this record, whatever its visibility. E.g. the state and institution invited to host a
    request read the request: `ReadThrough("matching.HostInvitation", "request", {...})`.

    A subquery, not a join, so a list keeps one row per record however many related records
    match; named by label, so `core` imports no app."""

    model: str
    link: str
    when: Mapping = field(default_factory=dict)

    def q(self, user) -> Q:
        from django.apps import apps

        related = apps.get_model(self.model)
        owned = related.access.owner_q(user)
        if owned == NOTHING:
            return NOTHING
        return Q(pk__in=related._base_manager.filter(owned, **self.when).values(self.link))


@dataclass(frozen=True)
class AccessRule:
    """How a model's records are owned, read, changed and acted on.

    state / institution / person: lookups from the model to the owning MemberState,
    Institution or Person (None when the model has no such owner).
    visibility: True when the model has a `visibility` field, or the lookup to the field it
    follows (e.g. "request__visibility"); restricted records are seen only by the secretariat
    and their owners, shared ones by every signed-in user.
    everyone_reads: every signed-in user reads every record (reference data such as states and
    the capability taxonomy). Without it and without `visibility`, owners read their own records
    and nobody else but the secretariat reads any.
    managers: roles that may change every record.
    owners_edit: whether focal points, host coordinators and experts may change the
    records they own.
    actions: named actions (`transition:<status>`, `invite`, `review`, …) and who may take them.
    read_through: further readers, the owners of related records (`ReadThrough`).
    """

    state: str | None = None
    institution: str | None = None
    person: str | None = None
    visibility: bool | str = False
    everyone_reads: bool = False
    managers: frozenset = SECRETARIAT
    owners_edit: bool = True
    actions: Mapping[str, Allow] = field(default_factory=dict)
    read_through: tuple[ReadThrough, ...] = ()

    def __post_init__(self):
        # A frozen rule must not share a mutable dict with the code that declared it.
        object.__setattr__(self, "actions", MappingProxyType(dict(self.actions)))

    def __hash__(self):
        return id(self)

    def owner_q(self, user, *, for_view: bool = False) -> Q:
        """The records the user owns: their state's (home state when reading), their
        institution's (host coordinators) and their own profile's."""
        parts = []
        home_state = user.home_state_id if for_view else user.member_state_id
        if self.state and home_state:
            parts.append(Q(**{self.state: home_state}))
        if self.institution and user.institution_id and user.role == Role.HOST_COORDINATOR:
            parts.append(Q(**{self.institution: user.institution_id}))
        if self.person and user.person_id:
            parts.append(Q(**{self.person: user.person_id}))
        return reduce(operator.or_, parts) if parts else NOTHING

    def view_q(self, user) -> Q:
        if not user.is_authenticated:
            return NOTHING
        if user.is_secretariat:
            return EVERYTHING
        if self.everyone_reads and not self.visibility:
            return EVERYTHING
        q = self.owner_q(user, for_view=True)
        if self.visibility:
            field_name = "visibility" if self.visibility is True else self.visibility
            q = Q(**{field_name: Visibility.SHARED}) | q
        for through in self.read_through:
            extra = through.q(user)
            if extra != NOTHING:
                q = extra if q == NOTHING else q | extra
        return q

    def change_q(self, user) -> Q:
        if not user.is_authenticated or not user.is_active:
            return NOTHING
        if user.is_superuser or user.role in self.managers:
            return EVERYTHING
        if not self.owners_edit or user.role not in Role.owner_roles():
            return NOTHING
        return self.owner_q(user)

    def can_add(self, user) -> bool:
        """Whether the user may start a new record at all; the saved record must then be
        within `change_q` (checked by the views and the API before committing)."""
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser or user.role in self.managers:
            return True
        if not self.owners_edit or user.role not in Role.owner_roles():
            return False
        # Owning a record by its own key (a host coordinator's institution, an expert's profile)
        # gives no right to start others: a new record can never be that one.
        by_relation = replace(
            self, **{name: None for name in ("state", "institution", "person") if getattr(self, name) == "pk"}
        )
        return by_relation.owner_q(user) != NOTHING

    def action_q(self, user, action: str) -> Q:
        """The records on which the user may take the named action."""
        if not user.is_authenticated or not user.is_active:
            return NOTHING
        if user.is_superuser:
            return EVERYTHING
        allow = self.actions.get(action)
        if allow is None or user.role not in allow.roles:
            return NOTHING
        if user.role in SECRETARIAT or not allow.own:
            return self.view_q(user)
        return self.owner_q(user)

    def may(self, user, action: str) -> bool:
        """Whether the user may take the action on some record of this model (for menus and
        'add' buttons); `can()` answers for one record."""
        if action == "view":
            return self.view_q(user) != NOTHING
        if action in ("change", "delete"):
            return self.change_q(user) != NOTHING
        if action == "add":
            return self.can_add(user)
        return self.action_q(user, action) != NOTHING


def _q_for(rule: AccessRule, user, action: str) -> Q:
    if action == "view":
        return rule.view_q(user)
    if action in ("change", "delete"):
        return rule.change_q(user)
    return rule.action_q(user, action)


def can(user, action: str, target) -> bool:
    """May `user` take `action` on `target`: a model instance, or a model class for 'add' and
    for 'may they do this to any record'. The one question pages, the API, templates and
    services ask."""
    if user is None:
        return False
    model = target if isinstance(target, type) else type(target)
    rule: AccessRule = model.access
    if isinstance(target, type) or action == "add" or target.pk is None:
        return rule.may(user, action)
    q = _q_for(rule, user, action)
    if q == NOTHING:
        return False
    if q == EVERYTHING:
        return True
    return model._base_manager.filter(q, pk=target.pk).exists()


def require(user, action: str, target, message: str | None = None) -> None:
    """Raise PermissionDenied unless `can(user, action, target)`: for services."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    if not can(user, action, target):
        raise PermissionDenied(message or _("You may not do this."))
