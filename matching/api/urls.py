from django.urls import path
from rest_framework.routers import DefaultRouter

from matching.api import views

router = DefaultRouter()
router.register("host-invitations", views.HostInvitationViewSet)
router.register("expert-invitations", views.ExpertInvitationViewSet)

urlpatterns = [
    path("requests/<int:pk>/matches/", views.RequestMatchesView.as_view(), name="request-matches"),
    *router.urls,
]
