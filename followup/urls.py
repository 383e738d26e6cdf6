from core.urls_helpers import crud_urls
from followup.views import answer, evaluation, plans, review

app_name = "followup"

urlpatterns = [
    *answer.urlpatterns,
    *evaluation.urlpatterns,
    *crud_urls(plans, "actionplan", prefix="plans"),
    *crud_urls(plans, "actionitem", prefix="items"),
    *plans.urlpatterns,
    *review.urlpatterns,
]
