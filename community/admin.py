from django.contrib import admin

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


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    search_fields = ["full_name", "email"]
    list_display = ["full_name", "post", "institution", "state"]


@admin.register(models.CapabilityArea)
class CapabilityAreaAdmin(admin.ModelAdmin):
    search_fields = ["code", "name"]
    list_display = ["path", "name"]


admin.site.register(models.Language)
admin.site.register(models.Network)
admin.site.register(models.CommitteeMeeting)
