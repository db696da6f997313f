from django.contrib import admin

from .models import Award, AwardTitle, IssuerKey, SigningParty, SigningProject, Witness


class PartyInline(admin.TabularInline):
    model = SigningParty
    extra = 0
    autocomplete_fields = ["organization"]


class WitnessInline(admin.TabularInline):
    model = Witness
    extra = 0


@admin.register(SigningProject)
class SigningProjectAdmin(admin.ModelAdmin):
    list_display = ("edition", "order", "name", "sector", "amount", "currency", "status", "is_example")
    list_filter = ("edition", "status")
    search_fields = ("name", "name_en")
    inlines = [PartyInline, WitnessInline]


@admin.register(AwardTitle)
class AwardTitleAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "validity_years", "batch")
    search_fields = ("code", "name", "name_en")


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ("serial", "title", "recipient", "edition", "issued_on", "valid_until", "revoked_at")
    list_filter = ("title", "edition")
    search_fields = ("serial", "recipient__name")
    # The signed fields are read-only here: an edit would break the signature (that is the point).
    readonly_fields = (
        "serial",
        "title",
        "recipient",
        "edition",
        "issued_on",
        "valid_until",
        "document_number",
        "signature",
        "key",
        "revoked_at",
        "revoked_reason",
    )

    def has_add_permission(self, request):
        return False  # awards are issued through the API (POST /api/v1/awards), which signs them


@admin.register(IssuerKey)
class IssuerKeyAdmin(admin.ModelAdmin):
    list_display = ("kid", "active", "created_at")
    readonly_fields = ("kid", "public_key", "created_at")
    exclude = ("private_key",)
