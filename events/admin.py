from django.contrib import admin

from .models import (
    ApiToken,
    Category,
    CheckInPoint,
    ConsentNotice,
    Edition,
    HandoverItem,
    Organization,
    Registration,
    Scan,
    Series,
    StaffAccessLog,
)


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "name_en", "organizer")


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "starts_on", "ends_on", "venue")
    inlines = [CategoryInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "city", "is_example")
    search_fields = ("name", "name_en")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "edition", "category", "status", "created_at")
    list_filter = ("edition", "category", "status")
    search_fields = ("code", "name", "name_en", "email", "phone")
    readonly_fields = ("manage_token_hash", "consent_notice", "consented_at", "created_at", "updated_at")


@admin.register(ConsentNotice)
class ConsentNoticeAdmin(admin.ModelAdmin):
    list_display = ("edition", "version", "created_at")


class HandoverItemInline(admin.TabularInline):
    """What this point hands over (资料袋, 午餐券): to the categories ticked, plus the people named."""

    model = HandoverItem
    extra = 0
    fields = ("order", "code", "name", "name_en", "categories", "people")
    autocomplete_fields = ("people",)


@admin.register(CheckInPoint)
class CheckInPointAdmin(admin.ModelAdmin):
    list_display = ("edition", "code", "name", "entry")
    inlines = [HandoverItemInline]


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = ("edition", "point", "at", "verdict", "registration", "user")
    list_filter = ("edition", "verdict")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "team", "name", "prefix", "created_at", "last_used_at")
    readonly_fields = ("prefix", "key_hash")


@admin.register(StaffAccessLog)
class StaffAccessLogAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "action", "edition", "target")
    list_filter = ("action", "edition")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
