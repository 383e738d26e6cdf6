from django.urls import path

from core.kept_pages import kept_page
from maturity import views

app_name = "maturity"
urlpatterns = [
    path("", kept_page(views.HeatmapView.as_view()), name="heatmap"),
    path("assess/", views.AssessmentAddView.as_view(), name="assessment_add"),
    path("assessments/<int:pk>/delete/", views.AssessmentDeleteView.as_view(), name="assessment_delete"),
    path("<int:state_pk>/<int:area_pk>/", views.SeriesView.as_view(), name="series"),
]
