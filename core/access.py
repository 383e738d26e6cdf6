"""Who may see and change what: the one place the permission rules live.

Each scoped model declares an `AccessRule` saying how its records relate to a member
state, an institution or a person. Querysets (`for_user`, `editable_by`), generic views,
the API and exports all ask the rule, so the UI and the API cannot disagree.
"""

from dataclasses import dataclass, replace

from django.db.models import Q

from accounts.choices import Role

NOTHING = Q(pk__in=[])
EVERYTHING = Q()


class Visibility:
    RESTRICTED = "restricted"
    SHARED = "shared"


@dataclass(frozen=True)
class AccessRule:
    """How a model's records are owned.

    state / institution / person: lookups from the model to the owning MemberState,
    Institution or Person (None when the model has no such owner).
    visibility: True when the model has a `visibility` field, or the lookup to the field it
    follows (e.g. "request__visibility"); restricted records are seen only by the secretariat
    and their owners, shared ones by every signed-in user.
    managers: roles that may change every record.
    owners_edit: whether focal points, host coordinators and experts may change the
    records they own.
    """

    state: str | None = None
    institution: str | None = None
    person: str | None = None
    visibility: bool | str = False
    managers: frozenset = frozenset({Role.ADMIN, Role.OFFICER})
    owners_edit: bool = True

    def _owner_q(self, user, *, for_view: bool) -> Q:
        q = NOTHING
        home_state = user.home_state_id if for_view else user.member_state_id
        if self.state and home_state:
            q |= Q(**{self.state: home_state})
        if self.institution and user.institution_id and user.role == Role.HOST_COORDINATOR:
            q |= Q(**{self.institution: user.institution_id})
        if self.person and user.person_id:
            q |= Q(**{self.person: user.person_id})
        return q

    def view_q(self, user) -> Q:
        if not user.is_authenticated:
            return NOTHING
        if user.is_secretariat or not self.visibility:
            return EVERYTHING
        field = "visibility" if self.visibility is True else self.visibility
        return Q(**{field: Visibility.SHARED}) | self._owner_q(user, for_view=True)

    def change_q(self, user) -> Q:
        if not user.is_authenticated or not user.is_active:
            return NOTHING
        if user.is_superuser or user.role in self.managers:
            return EVERYTHING
        if not self.owners_edit or user.role not in Role.owner_roles():
            return NOTHING
        return self._owner_q(user, for_view=False)

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
        return by_relation._owner_q(user, for_view=False) != NOTHING
