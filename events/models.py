import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import ACTIVE_STATUSES, Language, RegistrationStatus
from .units.models import all_reply_sections


class Series(models.Model):
    """A recurring conference; each year is an Edition."""

    organizer = models.ForeignKey(
        "organizers.Organizer", on_delete=models.PROTECT, related_name="series", verbose_name=_("organiser")
    )
    slug = models.SlugField(unique=True, verbose_name=_("slug"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    name_en = models.CharField(max_length=200, blank=True, verbose_name=_("name (English)"))

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.name


class Edition(models.Model):
    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, related_name="editions", verbose_name=_("series")
    )
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    tagline_en = models.CharField(_("tagline (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    timezone = models.CharField(_("timezone"), max_length=64, default="Asia/Shanghai")
    venue = models.CharField(_("venue"), max_length=200)
    venue_en = models.CharField(_("venue (English)"), max_length=200, blank=True)
    registration_opens_at = models.DateTimeField(_("registration opens at"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes at"), null=True, blank=True)
    # Raw 32-byte Ed25519 private key, urlsafe base64. Tickets are signed with it.
    signing_key = models.CharField(_("signing key"), max_length=64, editable=False)
    retention_until = models.DateField(_("retention until"), null=True, blank=True)
    personal_data_purged_at = models.DateTimeField(_("personal data purged at"), null=True, blank=True)
    # Which sections of the reply form (回执) this edition asks; see events.units.models.REPLY_SECTIONS.
    reply_sections = models.JSONField(
        default=all_reply_sections, blank=True, verbose_name=_("reply sections")
    )
    # A new or cloned edition is a draft: not listed, its public pages and API answer 404, no registration,
    # until staff publish it (events/editions.py).
    published = models.BooleanField(default=False, verbose_name=_("published"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name_plural = _("editions")
        verbose_name = _("edition")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="edition_dates")
        ]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """Shared across editions: employers, signing parties, award recipients."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    is_example = models.BooleanField(
        _("is example"),
        default=False,
        help_text="Invented for the demo where the sources name none.",
    )

    class Meta:
        verbose_name_plural = _("organizations")
        verbose_name = _("organization")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="categories", verbose_name=_("edition")
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text="Empty: no limit.")
    # Confirmed registrations of this category. Written only by events/registration/seats.py (the seat is taken with
    # one conditional UPDATE ... WHERE confirmed_count < capacity); never edited by hand.
    confirmed_count = models.PositiveIntegerField(_("confirmed count"), default=0, editable=False)
    requires_approval = models.BooleanField(_("requires approval"), default=False)
    waitlist = models.BooleanField(_("waitlist"), default=False)
    public = models.BooleanField(
        _("public"), default=True, help_text="Offered on the public registration form."
    )
    badge_color = models.CharField(_("badge color"), max_length=7, default="#9b1c1c")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        ordering = ["edition", "order", "id"]
        verbose_name_plural = _("categories")
        constraints = [models.UniqueConstraint(fields=["edition", "code"], name="category_code_unique")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        # An edit (the admin, a form) never writes back the seat count it read: registrations may have
        # changed it since. Only events/registration/seats.py writes it, with conditional UPDATEs.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "confirmed_count"
            ]
        super().save(*args, **kwargs)


class ConsentNotice(models.Model):
    """A versioned privacy notice; each registration records the version it accepted."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="consent_notices", verbose_name=_("edition")
    )
    version = models.CharField(_("version"), max_length=20)
    text = models.TextField(_("text"))
    text_en = models.TextField(_("text (English)"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # When staff confirmed the text. A clone carries last year's notice as a new version left unconfirmed
    # (events/cloning.py): the edition cannot be published until someone has read and confirmed it.
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, default=timezone.now)

    class Meta:
        verbose_name_plural = _("consent notices")
        verbose_name = _("consent notice")
        ordering = ["edition", "-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["edition", "version"], name="consent_version_unique")]

    def __str__(self) -> str:
        return f"{self.edition.slug} v{self.version}"


class Registration(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("edition")
    )
    # RESTRICT, not PROTECT: a category with registrations can't be deleted alone, but deleting the
    # whole edition (which cascades to both) is allowed.
    category = models.ForeignKey(
        Category, on_delete=models.RESTRICT, related_name="registrations", verbose_name=_("category")
    )
    code = models.CharField(_("code"), max_length=12)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="registrations",
        null=True,
        blank=True,
        verbose_name=_("organization"),
    )
    title = models.CharField(_("title"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.ZH)
    consent_notice = models.ForeignKey(
        ConsentNotice, on_delete=models.RESTRICT, null=True, blank=True, verbose_name=_("consent notice")
    )
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    # SHA-256 of the manage link's secret; the secret itself is only ever in the attendee's hands.
    manage_token_hash = models.CharField(
        _("manage token hash"), max_length=64, unique=True, null=True, blank=True
    )
    ticket_version = models.PositiveIntegerField(_("ticket version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    anonymized_at = models.DateTimeField(_("anonymized at"), null=True, blank=True)
    unit = models.ForeignKey(
        "events.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("unit"),
    )

    class Meta:
        verbose_name_plural = _("registrations")
        verbose_name = _("registration")
        ordering = ["edition", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="registration_code_unique"),
            models.UniqueConstraint(
                fields=["edition", "email"],
                condition=Q(status__in=list(ACTIVE_STATUSES)) & ~Q(email=""),
                name="registration_active_email_unique",
            ),
        ]
        indexes = [models.Index(fields=["category", "status"], name="registration_cat_status")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ApiToken(models.Model):
    """A bearer token (stored hashed). A user's token acts as the user; a team's token (`team` set; its `user`
    is the team's token account, events.auth.team_token_user) acts with the team's flags and scope."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    team = models.ForeignKey(
        "organizers.Team",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tokens",
        verbose_name=_("team"),
    )
    name = models.CharField(max_length=100, blank=True, verbose_name=_("name"))
    prefix = models.CharField(max_length=8, verbose_name=_("prefix"))
    key_hash = models.CharField(max_length=64, unique=True, verbose_name=_("key hash"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last used at"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"


class Job(models.Model):
    """A background document job (e.g. all badges of an edition as one PDF), with its progress."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class Kind(models.TextChoices):
        BADGES = "badges", "Badges"
        INVITATIONS = "invitations", "Invitation letters"

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=40)
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("edition")
    )
    params = models.JSONField(_("params"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    result_path = models.CharField(
        _("result path"), max_length=300, blank=True, help_text="Relative to MEDIA_ROOT."
    )
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name_plural = _("jobs")
        verbose_name = _("job")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.id} {self.state}"


class StaffAccessLog(models.Model):
    """Who looked at or exported attendee personal data, and when (PIPL / GDPR accountability)."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("user")
    )
    username = models.CharField(_("username"), max_length=150)
    edition = models.ForeignKey(
        Edition, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("edition")
    )
    action = models.CharField(_("action"), max_length=60)
    target = models.CharField(_("target"), max_length=200, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)

    class Meta:
        verbose_name_plural = _("staff access log entries")
        verbose_name = _("staff access log entry")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.target}"


# The units and check-in feature packages keep their models beside their code; they are tables of this app.
from .checkin.models import Admission, CheckInPoint, Handover, HandoverItem, Scan  # noqa: E402, F401
from .units.models import ReplyForm, Substitution, Unit, UnitQuota  # noqa: E402, F401
