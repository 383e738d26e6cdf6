from django.urls import path

from core import views_site

app_name = "core"
urlpatterns = [path("", views_site.home, name="home")]
