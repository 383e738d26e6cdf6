from django.urls import path

from core import views_documents, views_site

app_name = "core"
urlpatterns = [
    path("", views_site.home, name="home"),
    path("documents/<int:pk>/", views_documents.document_download, name="document_download"),
]
