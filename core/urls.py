from django.urls import path

from core import views_choices, views_documents, views_notifications, views_outbox, views_site
from core.kept_pages import kept_page

app_name = "core"
urlpatterns = [
    path("", kept_page(views_site.home), name="home"),
    path("choices/<str:model_label>/", views_choices.choice_options, name="choice_options"),
    path("documents/<int:pk>/", views_documents.document_download, name="document_download"),
    path("notifications/", views_notifications.notification_list, name="notification_list"),
    path("notifications/<int:pk>/", views_notifications.notification_open, name="notification_open"),
    path("notifications/<int:pk>/read/", views_notifications.notification_mark_read, name="notification_mark_read"),
    path("notifications/read/", views_notifications.notification_mark_all_read, name="notification_mark_all_read"),
    path("outbox/", views_outbox.outbox, name="outbox"),
]
