from django.urls import path

from assistance import views
from core.kept_pages import kept_page

app_name = "assistance"
urlpatterns = [
    path("", kept_page(views.RequestListView.as_view()), name="request_list"),
    path("board/", kept_page(views.RequestBoardView.as_view()), name="request_board"),
    path("add/", views.RequestEditView.as_view(), name="request_add"),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("<int:pk>/edit/", views.RequestEditView.as_view(), name="request_edit"),
    path("<int:pk>/transition/", views.request_transition, name="request_transition"),
    path("<int:pk>/assign/", views.request_assign, name="request_assign"),
    path("<int:pk>/documents/", views.request_documents_add, name="request_documents_add"),
    path("<int:pk>/needs-assessment/", views.NeedsAssessmentView.as_view(), name="needs_assessment"),
]
