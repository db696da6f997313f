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
    contact_name = models.CharField(_("contact name"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    # SHA-256 of the private link's secret (as the manage link): the secret is only in the contact's hands.
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    link_sent_at = models.DateTimeField(_("link sent at"), null=True, blank=True)
    # The current link's secret, encrypted with a key derived from SECRET_KEY (events.units.links.seal), so
    # that "send the link" mails the link the organiser already copied instead of replacing it.
    link_sealed = models.TextField(_("current link, encrypted"), blank=True, editable=False)
    link_sent_to = models.EmailField(_("link sent to"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

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
    quota = models.PositiveIntegerField(_("quota"))

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
    old_name = models.CharField(_("old name"), max_length=100)
    new_name = models.CharField(_("new name"), max_length=100)
    at = models.DateTimeField(_("at"), auto_now_add=True)

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

    class Gender(models.TextChoices):
        FEMALE = "f", "女 Female"
        MALE = "m", "男 Male"

    registration = models.OneToOneField(
        "events.Registration", on_delete=models.CASCADE, related_name="reply", verbose_name=_("registration")
    )
    arrival_date = models.DateField(_("arrival date"), null=True, blank=True)
    arrival_time = models.TimeField(_("arrival time"), null=True, blank=True)
    arrival_number = models.CharField(
        _("arrival number"), max_length=20, blank=True, help_text="Train or flight number"
    )
    arrival_place = models.CharField(
        _("arrival place"), max_length=100, blank=True, help_text="Station or airport"
    )
    departure_date = models.DateField(_("departure date"), null=True, blank=True)
    departure_time = models.TimeField(_("departure time"), null=True, blank=True)
    departure_number = models.CharField(_("departure number"), max_length=20, blank=True)
    departure_place = models.CharField(_("departure place"), max_length=100, blank=True)
    hotel_needed = models.BooleanField(_("hotel needed"), null=True, blank=True)
    room_type = models.CharField(_("room type"), max_length=10, choices=RoomType.choices, blank=True)
    sharing = models.BooleanField(_("sharing"), null=True, blank=True)
    share_with = models.CharField(_("share with"), max_length=100, blank=True)
    # Asked with the hotel: whom a shared room may pair (optional), and the leader one travels with (their
    # registration code): reception places them in the same hotel.
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    accompanies = models.CharField(_("accompanies"), max_length=12, blank=True)
    dinner = models.BooleanField(_("dinner"), null=True, blank=True)
    dietary = models.CharField(_("dietary"), max_length=200, blank=True)
    remarks = models.CharField(_("remarks"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

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
        "events.Registration",
        on_delete=models.CASCADE,
        related_name="consent_attestation",
        verbose_name=_("registration"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="consent_attestations", verbose_name=_("unit")
    )
    contact_name = models.CharField(max_length=100, blank=True, verbose_name=_("contact name"))
    via = models.CharField(max_length=12, choices=Via.choices, verbose_name=_("via"))
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("at"))
    notice_shown_at = models.DateTimeField(null=True, blank=True, verbose_name=_("notice shown at"))

    class Meta:
        verbose_name = _("consent attestation")
        verbose_name_plural = _("consent attestations")

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
