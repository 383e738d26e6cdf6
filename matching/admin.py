from django.contrib import admin

from matching.models import ExpertInvitation, HostInvitation, MatchExclusion, MatchWeights


@admin.register(HostInvitation)
class HostInvitationAdmin(admin.ModelAdmin):
    list_display = ["request", "state", "institution", "status", "invited_by", "responded_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["request__reference", "request__title", "state__name", "institution__name"]
    readonly_fields = ["status", "responded_by", "responded_at"]  # answers go through matching.services
    raw_id_fields = ["request", "invited_by", "responded_by"]


@admin.register(ExpertInvitation)
class ExpertInvitationAdmin(admin.ModelAdmin):
    list_display = ["request", "person", "status", "invited_by", "responded_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["request__reference", "request__title", "person__full_name"]
    readonly_fields = ["status", "responded_by", "responded_at"]
    raw_id_fields = ["request", "person", "invited_by", "responded_by"]


@admin.register(MatchWeights)
class MatchWeightsAdmin(admin.ModelAdmin):
    list_display = ["request", "weights", "include_developing", "include_unconfirmed", "updated_by", "updated_at"]
    raw_id_fields = ["request", "updated_by"]


@admin.register(MatchExclusion)
class MatchExclusionAdmin(admin.ModelAdmin):
    """Read-only: exclusions are made and removed through matching.services, which write the
    request's history."""

    list_display = ["request", "state", "institution", "person", "reason", "excluded_by", "created_at"]
    search_fields = ["request__reference", "request__title", "reason"]
    raw_id_fields = ["request", "state", "institution", "person", "excluded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
