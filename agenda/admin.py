from django.contrib import admin

from .models import Person, Release, Room, Session, SessionSpeaker


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "capacity", "edition", "order")
    list_filter = ("edition",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "title", "organization", "edition", "registration")
    list_filter = ("edition",)
    search_fields = ("name", "name_en")
    raw_id_fields = ("registration",)


class SessionSpeakerInline(admin.TabularInline):
    model = SessionSpeaker
    extra = 0


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    # Edits here skip the conflict checks of the API and the staff page; /staff/e/<slug>/agenda lists them.
    list_display = ("title", "kind", "starts_at", "ends_at", "room", "edition")
    list_filter = ("edition", "kind", "room")
    search_fields = ("title", "title_en")
    inlines = [SessionSpeakerInline]
    filter_horizontal = ("expected_categories",)


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ("edition", "version", "published_at", "comment", "published_by")
    list_filter = ("edition",)
    readonly_fields = (
        "edition",
        "version",
        "published_at",
        "published_by",
        "comment",
        "snapshot",
        "changes",
        "etag",
    )
    exclude = ("payload",)

    def has_add_permission(self, request):
        return False  # releases are published from the working copy, never written by hand
