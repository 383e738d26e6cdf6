"""The activities API's viewsets; `activities/register.py` mounts them under /api/v1/. Each module
registers its own viewsets (`routes(router)`) and may add plain paths to `urlpatterns`."""

from rest_framework.routers import SimpleRouter

from activities.api import activity, agenda, money, people

router = SimpleRouter()
urlpatterns: list = []
for module in (activity, agenda, people, money):
    module.routes(router)
    urlpatterns += getattr(module, "urlpatterns", [])
