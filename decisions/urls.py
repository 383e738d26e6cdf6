from django.urls import path

from core.kept_pages import kept_page
from core.urls_helpers import crud_urls
from decisions import views

app_name = "decisions"
urlpatterns = [
    *crud_urls(views, "decision", prefix=""),  # /decisions/, /decisions/<pk>/, …
    path("<int:pk>/actions/add/", views.requiredaction_add, name="requiredaction_add"),
    path("actions/<int:pk>/edit/", views.requiredaction_edit, name="requiredaction_edit"),
    path("actions/<int:pk>/delete/", views.requiredaction_delete, name="requiredaction_delete"),
    path("implementation/", kept_page(views.implementation_heatmap), name="implementation_heatmap"),
    path(
        "implementation/<int:state_pk>/<int:action_pk>/",
        views.implementation_series,
        name="implementation_series",
    ),
]
