"""The implementation map's derived data (`ImplementationReport.is_current`, `ActionTally`): rebuilt
for `core.derived`, and kept when a member state is deleted.

A state is deleted through its page, the API or the admin, and its reports go with it by cascade,
round the reporting services: so the deletion itself, in its transaction, counts again the tallies
of the actions the state had a current report on (the receivers only call the services).
"""

from django.db.models.signals import post_delete, pre_delete

from community.models import MemberState
from decisions.services import action_tallies_refresh, implementation_current_rebuild, implementation_state_removing

# Set on the state being deleted, between its pre_delete and its post_delete.
REPORTED_ACTIONS = "_implementation_reported_actions"


def refresh_derived_data() -> None:
    implementation_current_rebuild()


def _state_deleting(sender, instance, **kwargs) -> None:
    setattr(instance, REPORTED_ACTIONS, implementation_state_removing(state_id=instance.pk))


def _state_deleted(sender, instance, **kwargs) -> None:
    # The state's post_delete comes after its reports were deleted (they depend on it).
    action_ids = getattr(instance, REPORTED_ACTIONS, None)
    if action_ids:
        action_tallies_refresh(action_ids=action_ids)


def connect() -> None:
    """Keep the tallies through a state's deletion (from `DecisionsConfig.ready`)."""
    pre_delete.connect(_state_deleting, sender=MemberState, dispatch_uid="decisions-tallies-state-deleting")
    post_delete.connect(_state_deleted, sender=MemberState, dispatch_uid="decisions-tallies-state-deleted")
