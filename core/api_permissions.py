"""Kept apart from core.api: DRF imports its default permission class while its views load."""

from rest_framework import permissions


class ScopedObjectPermissions(permissions.BasePermission):
    """Signed-in users only; writes need the model's AccessRule to allow them."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method == "POST" and getattr(view, "action", None) == "create":
            return view.queryset.model.access.can_add(request.user)
        return True

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return obj.can_change(request.user)
