"""Every registry record keeps its change history (who, when, what) in the audit log."""

from auditlog.registry import auditlog

from community import models

auditlog.register(models.MemberState, m2m_fields={"official_languages"})
auditlog.register(models.Institution)
auditlog.register(models.CapabilityArea)
auditlog.register(models.Person, m2m_fields={"languages", "expertise_areas"})
auditlog.register(models.PostHeld)
auditlog.register(models.CommitteeMeeting)
auditlog.register(models.Network, m2m_fields={"areas"})
auditlog.register(models.NetworkMembership)
auditlog.register(models.Language)
