from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from community import models


@admin.register(models.MemberState)
class MemberStateAdmin(admin.ModelAdmin):
    search_fields = ["name", "iso_code"]
    list_display = ["name", "iso_code", "membership", "single_market"]


@admin.register(models.Institution)
class InstitutionAdmin(admin.ModelAdmin):
    search_fields = ["name", "acronym"]
    list_display = ["name", "kind", "state", "seat", "status", "visibility"]
    list_filter = ["kind", "status", "state"]
    filter_horizontal = ["staff_languages"]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    search_fields = ["full_name", "email"]
    list_display = ["full_name", "post", "institution", "state"]


@admin.register(models.CapabilityArea)
class CapabilityAreaAdmin(TranslationAdmin):
    """The name, description and level texts with a field per language (English first)."""

    search_fields = ["code", "name"]
    list_display = ["path", "name"]


@admin.register(models.Language)
class LanguageAdmin(TranslationAdmin):
    search_fields = ["code", "name"]
    list_display = ["code", "name"]


admin.site.register(models.Network)
admin.site.register(models.CommitteeMeeting)


@admin.register(models.RegionalMeeting)
class RegionalMeetingAdmin(admin.ModelAdmin):
    search_fields = ["body", "title", "venue", "agenda"]
    list_display = ["body", "start_date", "end_date", "host_state", "venue"]
    list_filter = ["host_state"]
    filter_horizontal = ["attending_states", "areas"]


@admin.register(models.NonWorkingDay)
class NonWorkingDayAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    list_display = ["date", "state", "name"]
    list_filter = ["state"]
