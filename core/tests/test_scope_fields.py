"""Which fields move a record between scopes, read from each model's AccessRule."""

from assistance.models import AssistanceRequest, NeedsAssessment
from community.models import Institution, Person
from portfolio.models import Practice


def test_the_owner_lookups_and_declared_scope_fields_move_a_record():
    assert Institution.access.moving_fields() == {"state": "state", "parent": "institution"}
    assert Person.access.moving_fields() == {"state": "state", "institution": "institution"}
    assert Practice.access.moving_fields() == {"state": "state", "institution": "institution"}
    assert AssistanceRequest.access.moving_fields() == {"state": "state"}
    assert NeedsAssessment.access.moving_fields() == {"request": "state"}
