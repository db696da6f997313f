from django.contrib import admin

from .models import ProtocolEntry, SeatAssignment, SeatingPlan


class SeatInline(admin.TabularInline):
    model = SeatAssignment
    extra = 0
    fields = ("label", "name", "registration", "row", "seat", "pinned", "manual")
    raw_id_fields = ("registration",)


@admin.register(SeatingPlan)
class SeatingPlanAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "edition", "session", "assigned_at")
    list_filter = ("kind", "edition")
    inlines = [SeatInline]


@admin.register(ProtocolEntry)
class ProtocolEntryAdmin(admin.ModelAdmin):
    list_display = ("position", "registration", "edition")
    list_filter = ("edition",)
    raw_id_fields = ("registration",)
