from django.urls import path

from maturity import views

app_name = "maturity"
urlpatterns = [
    path("", views.HeatmapView.as_view(), name="heatmap"),
    path("assess/", views.AssessmentAddView.as_view(), name="assessment_add"),
    path("assessments/<int:pk>/delete/", views.AssessmentDeleteView.as_view(), name="assessment_delete"),
    path("<int:state_pk>/<int:area_pk>/", views.SeriesView.as_view(), name="series"),
]
