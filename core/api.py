"""The API side of the access rules: the same AccessRule decides for the API as for the pages."""

from django.db import transaction
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied


class ScopedModelViewSet(viewsets.ModelViewSet):
    """A ModelViewSet over the records the user may see; a saved record must stay within what
    the user may change, or the whole write is rolled back (403)."""

    def get_queryset(self):
        return self.queryset.for_user(self.request.user)

    def _save_checked(self, serializer):
        with transaction.atomic():
            obj = serializer.save()
            if not obj.can_change(self.request.user):
                raise PermissionDenied("You may not save a record outside your own state or institution.")

    def perform_create(self, serializer):
        self._save_checked(serializer)

    def perform_update(self, serializer):
        self._save_checked(serializer)
