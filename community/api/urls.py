"""The community API's viewsets; `community/register.py` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from community.api import views

router = SimpleRouter()
router.register("member-states", views.MemberStateViewSet)
router.register("institutions", views.InstitutionViewSet)
router.register("people", views.PersonViewSet)
router.register("meetings", views.CommitteeMeetingViewSet)
router.register("networks", views.NetworkViewSet)
router.register("regional-meetings", views.RegionalMeetingViewSet)
router.register("non-working-days", views.NonWorkingDayViewSet)
router.register("capability-areas", views.CapabilityAreaViewSet)
