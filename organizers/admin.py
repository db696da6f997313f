from django.contrib import admin

from .models import Organizer, Team


class TeamInline(admin.TabularInline):
    model = Team
    fields = ("name", "permissions", "all_series")
    extra = 0


@admin.register(Organizer)
class OrganizerAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "name_en", "require_two_factor")
    inlines = [TeamInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "organizer", "permissions", "all_series")
    list_filter = ("organizer",)
    filter_horizontal = ("members", "series", "editions")
