"""The follow-up API; `followup/register.py` mounts it under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from followup.api import views

router = SimpleRouter()
router.register("evaluations", views.EvaluationViewSet)
router.register("action-plans", views.ActionPlanViewSet)
router.register("action-items", views.ActionItemViewSet)

urlpatterns = [
    path("evaluation-scores/", views.EvaluationScoresView.as_view(), name="evaluation-scores"),
    path("retention/", views.RetentionView.as_view(), name="retention"),
    path("requests/<int:pk>/follow-up-review/", views.FollowUpReviewView.as_view(), name="followup-review"),
]
