from django.urls import path

from core.urls_helpers import crud_urls
from portfolio import views

app_name = "portfolio"


urlpatterns = [
    *crud_urls(views, "practice", prefix=""),
    path("<int:pk>/publish/", views.practice_publish, name="practice_publish"),
    path("<int:pk>/request-update/", views.practice_request_update, name="practice_request_update"),
]
