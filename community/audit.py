"""Every registry record keeps its change history (who, when, what) in the audit log."""

from community import models
from core.audit import track

track(models.MemberState, m2m=("official_languages",))
track(models.Institution)
track(models.CapabilityArea, exclude=("path",))
track(models.Person, m2m=("languages", "expertise_areas"))
track(models.PostHeld)
track(models.CommitteeMeeting)
track(models.Network, m2m=("areas",))
track(models.NetworkMembership)
track(models.Language)
track(models.RegionalMeeting, m2m=("attending_states", "areas"))
track(models.NonWorkingDay)
