"""The matching API: invitations on the router, and the ranking of candidates for a request."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from matching.api import views

router = SimpleRouter()
router.register("host-invitations", views.HostInvitationViewSet)
router.register("expert-invitations", views.ExpertInvitationViewSet)

# Paths outside the router (`matching/register.py` mounts both under /api/v1/).
urlpatterns = [
    path("requests/<int:pk>/matches/", views.RequestMatchesView.as_view(), name="request-matches"),
    path("requests/<int:pk>/match-weights/", views.RequestMatchWeightsView.as_view(), name="request-match-weights"),
    path("requests/<int:pk>/match-exclusions/", views.RequestExclusionsView.as_view(), name="request-match-exclusions"),
    path("match-exclusions/<int:pk>/", views.MatchExclusionView.as_view(), name="match-exclusion"),
]
