"""Units of an edition, their quotas, the reply form and the substitution log (tables of the events app)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The reply form's sections; an edition asks the ones in Edition.reply_sections.
REPLY_SECTIONS = ("arrival", "departure", "hotel", "dinner", "dietary", "remarks")


def all_reply_sections() -> list[str]:
    return list(REPLY_SECTIONS)


class Unit(models.Model):
    """An organisation taking part in an edition with a delegation (单位), reached by a private link."""

    edition = models.ForeignKey(
        "events.Edition", on_delete=models.CASCADE, related_name="units", verbose_name=_("edition")
    )
    organization = models.ForeignKey(
        "events.Organization", on_delete=models.PROTECT, related_name="units", verbose_name=_("organization")
    )
    contact_name = models.CharField(max_length=100, blank=True, verbose_name=_("contact name"))
    contact_email = models.EmailField(blank=True, verbose_name=_("contact email"))
    contact_phone = models.CharField(max_length=30, blank=True, verbose_name=_("contact phone"))
    # SHA-256 of the private link's secret (as the manage link): the secret is only in the contact's hands.
    token_hash = models.CharField(max_length=64, unique=True, verbose_name=_("token hash"))
    link_sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("link sent at"))
    # The current link's secret, encrypted with a key derived from SECRET_KEY (events.units.links.seal), so
    # that "send the link" mails the link the organiser already copied instead of replacing it.
    link_sealed = models.TextField(_("current link, encrypted"), blank=True, editable=False)
    link_sent_to = models.EmailField(_("link sent to"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name_plural = _("units")
        verbose_name = _("unit")
        ordering = ["edition", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "organization"], name="unit_organization_unique")
        ]

    def __str__(self) -> str:
        return str(self.organization)


class UnitQuota(models.Model):
    """How many people of a category a unit may bring (应到)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("unit"))
    category = models.ForeignKey(
        "events.Category", on_delete=models.CASCADE, related_name="unit_quotas", verbose_name=_("category")
    )
    quota = models.PositiveIntegerField(verbose_name=_("quota"))

    class Meta:
        verbose_name_plural = _("unit quotas")
        verbose_name = _("unit quota")
        ordering = ["unit", "category__order", "category_id"]
        constraints = [models.UniqueConstraint(fields=["unit", "category"], name="unit_quota_unique")]

    def __str__(self) -> str:
        return f"{self.unit} {self.category.code} {self.quota}"


class Substitution(models.Model):
    """换人: `old` was replaced by `new` on the same seat (category, unit); the log of who and when."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="substitutions", verbose_name=_("unit")
    )
    old = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="replaced_by", verbose_name=_("old")
    )
    new = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="replaces", verbose_name=_("new")
    )
    old_name = models.CharField(max_length=100, verbose_name=_("old name"))
    new_name = models.CharField(max_length=100, verbose_name=_("new name"))
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("at"))

    class Meta:
        verbose_name_plural = _("substitutions")
        verbose_name = _("substitution")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.old_name} -> {self.new_name}"


class ReplyForm(models.Model):
    """参会回执: travel, hotel and dinner answers of a confirmed registration."""

    class RoomType(models.TextChoices):
        SINGLE = "single", "单间 Single room"
        TWIN = "twin", "标间 Twin room"
        SUITE = "suite", "套间 Suite"

    registration = models.OneToOneField(
        "events.Registration", on_delete=models.CASCADE, related_name="reply", verbose_name=_("registration")
    )
    arrival_date = models.DateField(null=True, blank=True, verbose_name=_("arrival date"))
    arrival_time = models.TimeField(null=True, blank=True, verbose_name=_("arrival time"))
    arrival_number = models.CharField(
        max_length=20, blank=True, help_text="Train or flight number", verbose_name=_("arrival number")
    )
    arrival_place = models.CharField(
        max_length=100, blank=True, help_text="Station or airport", verbose_name=_("arrival place")
    )
    departure_date = models.DateField(null=True, blank=True, verbose_name=_("departure date"))
    departure_time = models.TimeField(null=True, blank=True, verbose_name=_("departure time"))
    departure_number = models.CharField(max_length=20, blank=True, verbose_name=_("departure number"))
    departure_place = models.CharField(max_length=100, blank=True, verbose_name=_("departure place"))
    hotel_needed = models.BooleanField(null=True, blank=True, verbose_name=_("hotel needed"))
    room_type = models.CharField(
        max_length=10, choices=RoomType.choices, blank=True, verbose_name=_("room type")
    )
    sharing = models.BooleanField(null=True, blank=True, verbose_name=_("sharing"))
    share_with = models.CharField(max_length=100, blank=True, verbose_name=_("share with"))
    dinner = models.BooleanField(null=True, blank=True, verbose_name=_("dinner"))
    dietary = models.CharField(max_length=200, blank=True, verbose_name=_("dietary"))
    remarks = models.CharField(max_length=500, blank=True, verbose_name=_("remarks"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("reply form")
        verbose_name_plural = _("reply forms")

    def __str__(self) -> str:
        return f"reply {self.registration_id}"


class ConsentAttestation(models.Model):
    """The unit's contact attested that the person agreed to the privacy notice: the person did not tick it
    themselves. Who (the unit, its contact at the time), how (the add form, the API, the XLSX import, a
    substitution) and when; the person's own link shows the notice on their first visit (`notice_shown_at`)."""

    class Via(models.TextChoices):
        FORM = "form", "form"
        API = "api", "API"
        IMPORT = "import", "XLSX import"
        SUBSTITUTION = "substitution", "substitution"

    registration = models.OneToOneField(
        "events.Registration", on_delete=models.CASCADE, related_name="consent_attestation"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="consent_attestations")
    contact_name = models.CharField(max_length=100, blank=True)
    via = models.CharField(max_length=12, choices=Via.choices)
    at = models.DateTimeField(auto_now_add=True)
    notice_shown_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.unit} ({self.contact_name}) for {self.registration_id} via {self.via}"


class FormerUnitLink(models.Model):
    """A unit's link that the organiser replaced (only its hash): opening it says so, and whom to ask."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="former_links", verbose_name=_("unit")
    )
    token_hash = models.CharField(_("link hash"), max_length=64, unique=True)
    replaced_at = models.DateTimeField(_("replaced at"), auto_now_add=True)

    class Meta:
        verbose_name = _("replaced unit link")
        verbose_name_plural = _("replaced unit links")

    def __str__(self) -> str:
        return f"{self.unit} {self.replaced_at:%Y-%m-%d}"
