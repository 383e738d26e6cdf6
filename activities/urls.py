from activities.views import activity, agenda, money, people

app_name = "activities"

urlpatterns = [*activity.urlpatterns, *agenda.urlpatterns, *people.urlpatterns, *money.urlpatterns]
