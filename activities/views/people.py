"""Pages of an activity: see activities/views/__init__.py."""

urlpatterns: list = []
