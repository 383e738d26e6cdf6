from rest_framework.routers import DefaultRouter

from community.api import views

router = DefaultRouter()
router.register("member-states", views.MemberStateViewSet)
router.register("institutions", views.InstitutionViewSet)
router.register("people", views.PersonViewSet)
router.register("meetings", views.CommitteeMeetingViewSet)
router.register("networks", views.NetworkViewSet)
router.register("capability-areas", views.CapabilityAreaViewSet)

urlpatterns = router.urls
