from django.contrib import admin

from matching.models import ExpertInvitation, HostInvitation, MatchWeights


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
    list_display = ["request", "weights", "include_developing", "updated_by", "updated_at"]
    raw_id_fields = ["request", "updated_by"]
