from django.urls import path

from community import views
from core.urls_helpers import crud_urls

app_name = "community"
urlpatterns = [
    *crud_urls(views, "member_state", prefix="states"),
    *crud_urls(views, "institution"),
    *crud_urls(views, "person", prefix="people"),
    *crud_urls(views, "committee_meeting", prefix="meetings"),
    *crud_urls(views, "network"),
    *crud_urls(views, "regional_meeting", prefix="regional-meetings"),
    *crud_urls(views, "non_working_day", prefix="non-working-days"),
    *crud_urls(views, "capability_area", prefix="areas"),
    path("people/<int:pk>/reassign/", views.person_reassign, name="person_reassign"),
    path("networks/<int:pk>/members/", views.network_add_member, name="network_add_member"),
    path(
        "networks/<int:pk>/members/<int:membership_pk>/remove/",
        views.network_remove_member,
        name="network_remove_member",
    ),
]
