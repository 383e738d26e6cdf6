from django.urls import path

from core.urls_helpers import crud_urls
from results import views

app_name = "results"
VALUE_MOVES = ("submit", "approve", "return")
PERIOD_MOVES = ("lock", "reopen")

urlpatterns = [
    *crud_urls(views, "programme", prefix=""),
    *crud_urls(views, "result_node", prefix="nodes"),
    *crud_urls(views, "indicator"),
    *crud_urls(views, "period"),
    *crud_urls(views, "target"),
    *crud_urls(views, "measured_value", prefix="values"),
    path("<int:pk>/csv/", views.programme_csv, name="programme_csv"),
    path("indicators/<int:pk>/csv/", views.indicator_csv, name="indicator_csv"),
    path("indicators/<int:pk>/compute/<int:period_pk>/", views.indicator_compute, name="indicator_compute"),
    path("nodes/<int:pk>/activities/", views.node_link_activities, name="node_link_activities"),
    *[path(f"values/<int:pk>/{to}/", views.value_move, {"to": to}, name=f"value_{to}") for to in VALUE_MOVES],
    *[path(f"periods/<int:pk>/{to}/", views.period_move, {"to": to}, name=f"period_{to}") for to in PERIOD_MOVES],
]
