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

from django.db.models import Exists, OuterRef, Q
from django.utils.functional import LazyObject, empty

from accounts.choices import Role

NOTHING = Q(pk__in=[])
EVERYTHING = Q()
SECRETARIAT = Role.secretariat()


def or_parts(q: Q) -> list[Q]:
    """The alternatives of `q` (its children when it is a plain OR, else `q` itself), each a Q:
    rules are composed as ORs of conditions, and some alternatives are written differently."""
    if q.connector != Q.OR or q.negated:
        return [q]
    return [child if isinstance(child, Q) else Q(child) for child in q.children]


# How a record reaches its owner, and the user attribute each relation is compared with.
OWNER_RELATIONS = (("state", "member_state_id"), ("institution", "institution_id"), ("person", "person_id"))

# Which roles own records through each relation, unless a model declares otherwise: focal points
# own their state's records, host coordinators their institution's, and experts, focal points
# and host coordinators their own profile. Development partners own nothing by default.
DEFAULT_OWNERS = MappingProxyType(
    {
        "state": frozenset({Role.FOCAL_POINT}),
        "institution": frozenset({Role.HOST_COORDINATOR}),
        "person": Role.owner_roles(),
    }
)


def user_key(user) -> tuple:
    """Everything a rule reads from a user: two users with the same key (or one user before and
    after a change of role or state) get the same answers from every rule, so answers may be
    memoised by it (`_memoised`, `AccessRule.may`). The home state is left out: it follows from
    the role, the state and the institution (reading it may cost a query)."""
    if not user.is_authenticated:
        return (False,)
    return (
        True,
        user.is_active,
        user.is_superuser,
        user.role,
        user.member_state_id,
        user.institution_id,
        user.person_id,
    )


def _unwrapped(user):
    """The user itself rather than request.user's lazy stand-in, whose every attribute read
    costs a call. Stand-ins nest (django-otp wraps the one of Django's authentication)."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def _memoised(user, key: tuple, compute):
    """`compute()`, kept on the user object (request.user lives for one request) under `key` and
    what the rules read from the user: a page asks for the same scope many times (its querysets,
    its tables, its menu) and builds it once. Reading the user's attributes again on each call
    keeps an answer from outliving a change to them."""
    user = _unwrapped(user)
    memo = vars(user).setdefault("_access_memo", {})
    full_key = (*key, user_key(user))
    if full_key not in memo:
        memo[full_key] = compute()
    return memo[full_key]


# `AccessRule.may` answers, which depend on nothing but the rule, the action and the user's key
# (no record, no query): shared by every request of the process, so the menu costs no rule work.
_MAY_ANSWERS: dict[tuple, bool] = {}
_MAY_ANSWERS_MAX = 10_000


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
    `field` is what `link` points at on this model: its key, or a relation (the sessions of an
    activity are read by its nominees: `ReadThrough("activities.Nomination", "activity",
    field="activity")`).

    A subquery, not a join, so a list keeps one row per record however many related records
    match; named by label, so `core` imports no app."""

    model: str
    link: str
    when: Mapping = field(default_factory=dict)
    field: str = "pk"

    def q(self, user) -> Q:
        from django.apps import apps

        related = apps.get_model(self.model)
        owned = related.access.owner_q(user)
        if owned == NOTHING:
            return NOTHING
        # One subquery per way of owning (a nominee's own nominations, those of the activities a
        # host coordinator's institution hosts), each read by its own index: one subquery with an
        # OR across the nomination and its activity read every nomination. Each asks whether a
        # matching record exists for this one (EXISTS) rather than listing the matching keys (IN):
        # with a list, PostgreSQL hashed every session to sort a page of them (50 ms), with
        # EXISTS it walks the sort's index and asks for the page's rows (1 ms).
        subqueries = [
            Q(Exists(related._base_manager.filter(part, **self.when, **{self.link: OuterRef(self.field)})))
            for part in or_parts(owned)
        ]
        return reduce(operator.or_, subqueries)


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
    owners: which roles own records through each relation ("state", "institution", "person"),
    for the relations the model names differently from DEFAULT_OWNERS (e.g. a funding agreement
    owned by the development partner's institution: `owners={"institution": {Role.PARTNER}}`).
    owners_edit: whether the owners may change the records they own: True for every owner
    relation, or the names of the relations whose owners may ("institution",): a host coordinator
    edits the sessions of an activity its institution hosts, while the states taking part and the
    session's expert only read them.
    actions: named actions (`transition:<status>`, `invite`, `review`, …) and who may take them.
    add_action: the named action whose holders may start new records, for models that are
    added to but never edited by their owners (a time series: `record`); None when those who
    change records may add them.
    read_through: further readers, the owners of related records (`ReadThrough`).
    scope_fields: further fields that place the record in someone's scope besides the owner
    lookups (an institution's parent); like the owner fields (`moving_fields`), only those who
    own the record through a wider relation than the record itself may change them.
    """

    state: str | None = None
    institution: str | None = None
    person: str | None = None
    visibility: bool | str = False
    everyone_reads: bool = False
    managers: frozenset = SECRETARIAT
    owners_edit: bool | tuple[str, ...] = True
    actions: Mapping[str, Allow] = field(default_factory=dict)
    owners: Mapping[str, frozenset] = field(default_factory=dict)
    add_action: str | None = None
    read_through: tuple[ReadThrough, ...] = ()
    scope_fields: tuple[str, ...] = ()

    def __post_init__(self):
        # A frozen rule must not share a mutable dict with the code that declared it.
        object.__setattr__(self, "actions", MappingProxyType(dict(self.actions)))
        unknown = set(self.owners) - set(DEFAULT_OWNERS)
        if unknown:
            raise ValueError(f"Unknown owner relations: {sorted(unknown)}")
        owners = {**DEFAULT_OWNERS, **{name: frozenset(roles) for name, roles in self.owners.items()}}
        object.__setattr__(self, "owners", MappingProxyType(owners))
        if isinstance(self.owners_edit, tuple) and set(self.owners_edit) - set(DEFAULT_OWNERS):
            raise ValueError(f"Unknown editing relations: {sorted(set(self.owners_edit) - set(DEFAULT_OWNERS))}")

    def __hash__(self):
        return id(self)

    def lookups(self) -> list[str]:
        """Every lookup the rule filters on, to tell whether one crosses a to-many relation."""
        names = [getattr(self, relation) for relation, _key in OWNER_RELATIONS]
        if isinstance(self.visibility, str):
            names.append(self.visibility)
        return [name for name in names if name]

    def owner_keys(self, user, *, for_view: bool = False) -> dict[str, int]:
        """relation → the user's key on it, for the relations through which the user owns
        records of this model (reading a state's records follows the user's home state)."""
        keys = {}
        for relation, attribute in OWNER_RELATIONS:
            if not getattr(self, relation):
                continue
            if relation == "state" and for_view:
                key = user.home_state_id
            else:
                key = getattr(user, attribute) if user.role in self.owners[relation] else None
            if key:
                keys[relation] = key
        return keys

    def owner_q(self, user, *, for_view: bool = False) -> Q:
        """The records the user owns, through each relation the model declares."""
        parts = [
            Q(**{getattr(self, relation): key}) for relation, key in self.owner_keys(user, for_view=for_view).items()
        ]
        return reduce(operator.or_, parts) if parts else NOTHING

    def owns(self, user, record, *, for_view: bool = False) -> bool:
        """Whether the user owns `record` as it stands in memory (an unsaved record, before
        it is saved): its owner relations are followed attribute by attribute."""
        for relation, key in self.owner_keys(user, for_view=for_view).items():
            value = _follow(record, getattr(self, relation))
            if value is not None and value == key:
                return True
        return False

    def _owner_roles(self) -> frozenset:
        """Every role that owns records of this model through some relation it declares."""
        return reduce(
            operator.or_,
            (self.owners[relation] for relation, _key in OWNER_RELATIONS if getattr(self, relation)),
            frozenset(),
        )

    def moving_fields(self) -> dict[str, str]:
        """field name → the owner relation it decides: the fields whose value places a record in
        a state's, an institution's or a person's scope (`state` for `state="state"`, `request`
        for `state="request__state"`); declared `scope_fields` decide the record's own one."""
        fields = {}
        for relation, _key in OWNER_RELATIONS:
            lookup = getattr(self, relation)
            if lookup and lookup != "pk":
                fields.setdefault(lookup.split("__")[0], relation)
        narrowest = next((name for name, _key in reversed(OWNER_RELATIONS) if getattr(self, name)), "state")
        for name in self.scope_fields:
            fields.setdefault(name, narrowest)
        return fields

    def owns_wider_than(self, user, record, relation: str) -> bool:
        """Whether the user owns `record` (in memory) through a relation wider than `relation`
        (a state is wider than an institution, an institution than a person), not by its own key."""
        names = [name for name, _key in OWNER_RELATIONS]
        wider = names[: names.index(relation)]
        editing = self._editing()
        keys = editing.owner_keys(user)
        return any(
            getattr(editing, name) not in (None, "pk")
            and name in keys
            and _follow(record, getattr(editing, name)) == keys[name]
            for name in wider
        )

    def view_q(self, user) -> Q:
        return _memoised(user, (self, "view"), lambda: self._view_q(user))

    def _view_q(self, user) -> Q:
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

    def _editing(self) -> "AccessRule":
        """The rule as seen by owners who edit: only the relations named in `owners_edit`."""
        if not isinstance(self.owners_edit, tuple):
            return self
        dropped = {name: None for name, _key in OWNER_RELATIONS if name not in self.owners_edit}
        return replace(self, owners_edit=True, read_through=(), **dropped)

    def change_q(self, user) -> Q:
        return _memoised(user, (self, "change"), lambda: self._change_q(user))

    def _change_q(self, user) -> Q:
        if not user.is_authenticated or not user.is_active:
            return NOTHING
        if user.is_superuser or user.role in self.managers:
            return EVERYTHING
        editing = self._editing()
        if not self.owners_edit or user.role not in editing._owner_roles():
            return NOTHING
        return editing.owner_q(user)

    def can_add(self, user) -> bool:
        """Whether the user may start a new record at all; the saved record must then be
        within `change_q` (checked by the views and the API before committing)."""
        if not user.is_authenticated or not user.is_active:
            return False
        if self.add_action:
            return self.may(user, self.add_action)
        if user.is_superuser or user.role in self.managers:
            return True
        editing = self._editing()
        if not self.owners_edit or user.role not in editing._owner_roles():
            return False
        # Owning a record by its own key (a host coordinator's institution, an expert's profile)
        # gives no right to start others: a new record can never be that one.
        by_relation = replace(
            editing, **{name: None for name in ("state", "institution", "person") if getattr(editing, name) == "pk"}
        )
        return by_relation.owner_q(user) != NOTHING

    def action_q(self, user, action: str) -> Q:
        """The records on which the user may take the named action."""
        return _memoised(user, (self, "action", action), lambda: self._action_q(user, action))

    def _action_q(self, user, action: str) -> Q:
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
        user = _unwrapped(user)
        # The home state too: it follows the institution, which may be given a state meanwhile.
        key = (self, action, user_key(user), user.is_authenticated and user.home_state_id)
        answer = _MAY_ANSWERS.get(key)
        if answer is None:
            if len(_MAY_ANSWERS) >= _MAY_ANSWERS_MAX:
                _MAY_ANSWERS.clear()
            answer = _MAY_ANSWERS[key] = self._may(user, action)
        return answer

    def _may(self, user, action: str) -> bool:
        if action == "view":
            return self.view_q(user) != NOTHING
        if action in ("change", "delete"):
            return self.change_q(user) != NOTHING
        if action == "add":
            return self.can_add(user)
        return self.action_q(user, action) != NOTHING


def _follow(record, lookup: str):
    """The value a lookup such as "request__state" reaches from an in-memory record: a key
    (the pk of the related record), or None when a link is missing or crosses a to-many relation."""
    target = record
    *path, last = lookup.split("__")
    for name in path:
        field_ = target._meta.get_field(name)
        if field_.many_to_many or field_.one_to_many:
            return None
        target = getattr(target, name, None)
        if target is None:
            return None
    if last == "pk":
        return target.pk
    field_ = target._meta.get_field(last)
    if field_.many_to_many or field_.one_to_many:
        return None
    return getattr(target, field_.attname)


def scope_moves_refused(user, before, after) -> list[str]:
    """The fields of `after` (an edited copy of the saved record `before`) whose change would move
    the record into or out of someone's scope and that `user` may not change: what makes a record
    "theirs" is decided by their account, never by a record they edit. Only the secretariat (the
    rule's managers) moves a record between states; an owner through a wider relation moves it
    within their scope (a focal point moves a person between institutions of their state); the
    owner of the record itself (a host coordinator's institution, an expert's profile) never."""
    if before is None or before.pk is None or user is None:
        return []
    rule: AccessRule = type(after).access
    if user.is_superuser or user.role in rule.managers:
        return []
    refused = []
    for name, relation in rule.moving_fields().items():
        field_ = type(after)._meta.get_field(name)
        if field_.many_to_many or field_.one_to_many:
            continue  # set after the save, by the views and services that own them
        attname = field_.attname
        if getattr(before, attname) == getattr(after, attname):
            continue
        if not (rule.owns_wider_than(user, before, relation) and rule.owns_wider_than(user, after, relation)):
            refused.append(name)
    return refused


def scope_move_message() -> str:
    from django.utils.translation import gettext as _

    return _("Only the secretariat may move this record to another state or institution.")


def can_on_every(user, action: str, model) -> bool:
    """Whether the user may take `action` on every record of `model`, not only the ones they
    own: forms offer owners their own state only, and the secretariat every state."""
    return user is not None and _q_for(model.access, user, action) == EVERYTHING


def sees_everything(user) -> bool:
    """Whether the user reads every record of every model (the secretariat): what a page may
    show them can never name a record hidden from them, such as an old value in a history."""
    return bool(user is not None and user.is_authenticated and user.is_secretariat)


def _q_for(rule: AccessRule, user, action: str) -> Q:
    if action == "view":
        return rule.view_q(user)
    if action in ("change", "delete"):
        return rule.change_q(user)
    if action == "add":
        return rule.action_q(user, rule.add_action) if rule.add_action else rule.change_q(user)
    return rule.action_q(user, action)


def can(user, action: str, target) -> bool:
    """May `user` take `action` on `target`: a saved record; an unsaved one, filled in as it
    would be saved (may a focal point record a report for *this* state?); or a model class
    for 'add' and for 'may they do this to any record'. The one question pages, the API,
    templates and services ask."""
    if user is None:
        return False
    model = target if isinstance(target, type) else type(target)
    rule: AccessRule = model.access
    if isinstance(target, type):
        return rule.may(user, action)
    if target.pk is None:
        return _can_unsaved(rule, user, action, target)
    if action == "add":
        return rule.may(user, action)
    if action == "view":
        if rule.view_q(user) == NOTHING:
            return False  # no query: the rule alone refuses
        # A model's queryset may narrow its rule further (a draft request is its own state's
        # workspace): seeing a record means finding it through `for_user`, as every page does.
        return model._default_manager.for_user(user).filter(pk=target.pk).exists()
    q = _q_for(rule, user, action)
    if q == NOTHING:
        return False
    if q == EVERYTHING:
        return True
    return model._base_manager.filter(q, pk=target.pk).exists()


def _can_unsaved(rule: AccessRule, user, action: str, record) -> bool:
    """An unsaved record is nobody's yet but by its owner relations: those who act on every
    record may, owners only when the record is filled in as theirs."""
    if not rule.may(user, action):
        return False
    q = _q_for(rule, user, action)
    if q == EVERYTHING:
        return True
    owning = rule._editing() if action in ("add", "change", "delete") else rule
    return owning.owns(user, record, for_view=action == "view")


def require(user, action: str, target, message: str | None = None) -> None:
    """Raise PermissionDenied unless `can(user, action, target)`: for services."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    if not can(user, action, target):
        raise PermissionDenied(message or _("You may not do this."))


def _known_visibility(user, model) -> dict:
    """pk → visible, for the `model` records whose visibility to `user` was already asked (cached
    on the user object, that is, once per request)."""
    return user.__dict__.setdefault("_visible_pks", {}).setdefault(model, {})


def _hides_records(model) -> bool:
    """Whether some records of `model` may be hidden from some users: a model with a rule and a
    scoped queryset. User accounts have a rule (who manages them) but no scope: the officer a
    request names is shown to whoever sees the request."""
    return hasattr(model, "access") and hasattr(model._default_manager, "for_user")


def remember_visibility(user, model, pks) -> None:
    """Learn, in one query, which of `pks` (the keys a page is about to show) `user` may see:
    a list calls it once per related model for its page of rows, so showing them costs no query
    per row, and no request reads the keys of every record it does not show."""
    user = _unwrapped(user)  # asked once per shown relation: a stand-in's reads add up
    if user is None or sees_everything(user) or not _hides_records(model):
        return
    known = _known_visibility(user, model)
    unknown = {pk for pk in pks if pk is not None and pk not in known}
    if not unknown:
        return
    seen = set()
    if user.is_authenticated:
        seen = set(model._default_manager.for_user(user).filter(pk__in=unknown).values_list("pk", flat=True))
    known.update({pk: pk in seen for pk in unknown})


def remember_related_visibility(user, records, relation: str) -> None:
    """`remember_visibility` for the records `relation` (a foreign key's name) points to from
    `records` (a fetched page)."""
    records = list(records)
    if not records:
        return
    field_ = type(records[0])._meta.get_field(relation)
    keys = {getattr(record, field_.attname) for record in records}
    remember_visibility(user, field_.related_model._meta.concrete_model, keys)


def hidden_pks(user, model, pks) -> frozenset:
    """Which of `pks` `user` may not see: the keys already learnt (`remember_visibility`) cost no
    query, the others one query together."""
    user = _unwrapped(user)
    if user is None or sees_everything(user) or not _hides_records(model):
        return frozenset()
    remember_visibility(user, model, pks)
    known = _known_visibility(user, model)
    return frozenset(pk for pk in pks if pk is not None and not known[pk])


def visible_or_none(user, record):
    """`record` if `user` may see it, None otherwise: the one way a page, a table or the API shows
    a record another one points to (a shared person's restricted institution shows as nothing,
    neither its name nor its key)."""
    if record is None:
        return None
    return None if hidden_pks(user, type(record)._meta.concrete_model, [record.pk]) else record


def visible_pk_or_none(user, model, pk):
    """A related record's key if `user` may see the record, None otherwise (for a `<name>_id`)."""
    return None if pk is None or hidden_pks(user, model, [pk]) else pk


def may_keep(user, record) -> bool:
    """Whether `user` may keep `record` as it is filled in (in memory, before saving): the check
    the pages and the API make before any uniqueness check, so a refusal of a record outside the
    user's scope never says whether a record like it exists there (a model with nothing unique
    is left to the save, and its services' own messages). When the record's owners can
    only be read from the database (a lookup across a to-many relation), the save decides."""
    rule: AccessRule = type(record).access
    q = rule.change_q(user)
    if q == EVERYTHING or not _checks_uniqueness(type(record)):
        return True
    if q == NOTHING:
        return record.pk is None and rule.can_add(user)  # added through a named action (`add_action`)
    editing = rule._editing()
    if any(_follow(record, lookup) is None and _crosses_to_many(record, lookup) for lookup in editing.lookups()):
        return True
    return editing.owns(user, record)


def _checks_uniqueness(model) -> bool:
    """Whether saving a record of `model` checks something unique besides its key: only then could
    a refusal tell that a record like it exists; without, the save itself decides."""
    meta = model._meta
    return bool(
        meta.unique_together
        or meta.total_unique_constraints
        or any(field.unique and not field.primary_key for field in meta.concrete_fields)
    )


def _crosses_to_many(record, lookup: str) -> bool:
    model = type(record)
    for name in lookup.split("__")[:-1]:
        field_ = model._meta.get_field(name)
        if field_.many_to_many or field_.one_to_many:
            return True
        model = field_.related_model
    return False


def outside_scope_message() -> str:
    from django.utils.translation import gettext as _

    return _("You may not save a record outside your own state or institution.")
