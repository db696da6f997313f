import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import ACTIVE_STATUSES, EntryRule, Language, RegistrationStatus, ScanVerdict
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
    slug = models.SlugField(unique=True, verbose_name=_("slug"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    name_en = models.CharField(max_length=200, blank=True, verbose_name=_("name (English)"))
    tagline = models.CharField(max_length=200, blank=True, verbose_name=_("tagline"))
    tagline_en = models.CharField(max_length=200, blank=True, verbose_name=_("tagline (English)"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    description_en = models.TextField(blank=True, verbose_name=_("description (English)"))
    starts_on = models.DateField(verbose_name=_("starts on"))
    ends_on = models.DateField(verbose_name=_("ends on"))
    timezone = models.CharField(max_length=64, default="Asia/Shanghai", verbose_name=_("timezone"))
    venue = models.CharField(max_length=200, verbose_name=_("venue"))
    venue_en = models.CharField(max_length=200, blank=True, verbose_name=_("venue (English)"))
    registration_opens_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("registration opens at")
    )
    registration_closes_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("registration closes at")
    )
    # Raw 32-byte Ed25519 private key, urlsafe base64. Tickets are signed with it.
    signing_key = models.CharField(max_length=64, editable=False, verbose_name=_("signing key"))
    retention_until = models.DateField(null=True, blank=True, verbose_name=_("retention until"))
    personal_data_purged_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("personal data purged at")
    )
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

    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    name_en = models.CharField(max_length=300, blank=True, verbose_name=_("name (English)"))
    city = models.CharField(max_length=100, blank=True, verbose_name=_("city"))
    is_example = models.BooleanField(
        default=False,
        help_text="Invented for the demo where the sources name none.",
        verbose_name=_("is example"),
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
    code = models.SlugField(max_length=40, verbose_name=_("code"))
    name = models.CharField(max_length=100, verbose_name=_("name"))
    name_en = models.CharField(max_length=100, blank=True, verbose_name=_("name (English)"))
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Empty: no limit.", verbose_name=_("capacity")
    )
    # Confirmed registrations of this category. Written only by events/registration/seats.py (the seat is taken with
    # one conditional UPDATE ... WHERE confirmed_count < capacity); never edited by hand.
    confirmed_count = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=_("confirmed count")
    )
    requires_approval = models.BooleanField(default=False, verbose_name=_("requires approval"))
    waitlist = models.BooleanField(default=False, verbose_name=_("waitlist"))
    public = models.BooleanField(
        default=True, help_text="Offered on the public registration form.", verbose_name=_("public")
    )
    badge_color = models.CharField(max_length=7, default="#9b1c1c", verbose_name=_("badge color"))
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))

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
    version = models.CharField(max_length=20, verbose_name=_("version"))
    text = models.TextField(verbose_name=_("text"))
    text_en = models.TextField(blank=True, verbose_name=_("text (English)"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

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
    code = models.CharField(max_length=12, verbose_name=_("code"))
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices, verbose_name=_("status"))
    name = models.CharField(max_length=100, verbose_name=_("name"))
    name_en = models.CharField(max_length=100, blank=True, verbose_name=_("name (English)"))
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="registrations",
        null=True,
        blank=True,
        verbose_name=_("organization"),
    )
    title = models.CharField(max_length=100, blank=True, verbose_name=_("title"))
    email = models.EmailField(blank=True, verbose_name=_("email"))
    phone = models.CharField(max_length=30, blank=True, verbose_name=_("phone"))
    language = models.CharField(
        max_length=8, choices=Language.choices, default=Language.ZH, verbose_name=_("language")
    )
    consent_notice = models.ForeignKey(
        ConsentNotice, on_delete=models.RESTRICT, null=True, blank=True, verbose_name=_("consent notice")
    )
    consented_at = models.DateTimeField(null=True, blank=True, verbose_name=_("consented at"))
    # SHA-256 of the manage link's secret; the secret itself is only ever in the attendee's hands.
    manage_token_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, verbose_name=_("manage token hash")
    )
    ticket_version = models.PositiveIntegerField(default=1, verbose_name=_("ticket version"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    status_changed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("status changed at"))
    anonymized_at = models.DateTimeField(null=True, blank=True, verbose_name=_("anonymized at"))
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


class CheckInPoint(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="checkin_points", verbose_name=_("edition")
    )
    code = models.SlugField(max_length=40, verbose_name=_("code"))
    name = models.CharField(max_length=100, verbose_name=_("name"))
    name_en = models.CharField(max_length=100, blank=True, verbose_name=_("name (English)"))
    categories = models.ManyToManyField(
        Category, related_name="checkin_points", blank=True, verbose_name=_("categories")
    )
    entry = models.CharField(
        max_length=8,
        choices=EntryRule.choices,
        default=EntryRule.ONCE,
        help_text="Admit the same ticket once, once a day (meals), or any number of times.",
        verbose_name=_("entry"),
    )
    is_default = models.BooleanField(default=False, verbose_name=_("is default"))

    class Meta:
        verbose_name_plural = _("check-in points")
        verbose_name = _("check-in point")
        ordering = ["edition", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "code"], name="checkin_point_code_unique")]

    def __str__(self) -> str:
        return self.name


class HandoverItem(models.Model):
    """Something handed over at a check-in point (资料袋, 午餐券, room card): to the categories named, plus
    the people named one by one. An item naming neither goes to everyone the point admits."""

    point = models.ForeignKey(
        CheckInPoint, on_delete=models.CASCADE, related_name="handover_items", verbose_name=_("point")
    )
    code = models.SlugField(max_length=40, verbose_name=_("code"))
    name = models.CharField(max_length=100, verbose_name=_("name"))
    name_en = models.CharField(max_length=100, blank=True, verbose_name=_("name (English)"))
    categories = models.ManyToManyField(
        Category, related_name="handover_items", blank=True, verbose_name=_("categories")
    )
    people = models.ManyToManyField(
        "events.Registration",
        related_name="handover_items",
        blank=True,
        help_text="Handed to these people whatever their category (e.g. a room card).",
        verbose_name=_("people"),
    )
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))

    class Meta:
        verbose_name_plural = _("handover items")
        verbose_name = _("handover item")
        ordering = ["point", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["point", "code"], name="handover_item_code_unique")]

    def __str__(self) -> str:
        return self.name


class Handover(models.Model):
    """An item handed to a person, confirmed by staff: the unique row refuses a second hand-out."""

    item = models.ForeignKey(
        HandoverItem, on_delete=models.CASCADE, related_name="handovers", verbose_name=_("item")
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="handovers", verbose_name=_("registration")
    )
    at = models.DateTimeField(verbose_name=_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("by")
    )
    device = models.CharField(max_length=100, blank=True, verbose_name=_("device"))
    nonce = models.CharField(max_length=64, null=True, blank=True, verbose_name=_("nonce"))

    class Meta:
        # A retry of the same hand-out (same nonce) finds this row and answers as the first time.
        verbose_name_plural = _("handovers")
        verbose_name = _("handover")
        constraints = [models.UniqueConstraint(fields=["registration", "item"], name="handover_unique")]

    def __str__(self) -> str:
        return f"{self.item_id}->{self.registration_id}"


class Admission(models.Model):
    """A registration admitted at a point: the unique row decides double scans; `entries` and `last_at`
    count re-entries (points admitting many times, or once a day)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="admissions", verbose_name=_("registration")
    )
    point = models.ForeignKey(
        CheckInPoint, on_delete=models.CASCADE, related_name="admissions", verbose_name=_("point")
    )
    first_at = models.DateTimeField(verbose_name=_("first at"))
    last_at = models.DateTimeField(
        help_text="The latest admission (for a daily point: the first of that day).",
        verbose_name=_("last at"),
    )
    entries = models.PositiveIntegerField(default=1, verbose_name=_("entries"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("by")
    )

    class Meta:
        verbose_name_plural = _("admissions")
        verbose_name = _("admission")
        constraints = [models.UniqueConstraint(fields=["registration", "point"], name="admission_unique")]

    def __str__(self) -> str:
        return f"{self.registration_id}@{self.point_id}"

    def save(self, *args, **kwargs):
        if self.last_at is None:
            self.last_at = self.first_at
        super().save(*args, **kwargs)


class Scan(models.Model):
    """Append-only log of every scan, good or bad."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="scans", verbose_name=_("edition")
    )
    point = models.ForeignKey(
        CheckInPoint, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("point")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("user")
    )
    device = models.CharField(max_length=100, blank=True, verbose_name=_("device"))
    at = models.DateTimeField(db_index=True, verbose_name=_("at"))
    verdict = models.CharField(max_length=20, choices=ScanVerdict.choices, verbose_name=_("verdict"))
    registration = models.ForeignKey(
        Registration, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("registration")
    )
    nonce = models.CharField(max_length=64, null=True, blank=True, verbose_name=_("nonce"))
    response = models.JSONField(default=dict, blank=True, verbose_name=_("response"))
    # A person checked in by hand (found by name, no QR, no phone): why, as staff gave it (手动补签).
    manual_reason = models.CharField(max_length=200, null=True, blank=True, verbose_name=_("manual reason"))

    class Meta:
        verbose_name_plural = _("scans")
        verbose_name = _("scan")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "nonce"], condition=Q(nonce__isnull=False), name="scan_nonce_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.verdict}"


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

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False, verbose_name=_("id"))
    kind = models.CharField(max_length=40, verbose_name=_("kind"))
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("edition")
    )
    params = models.JSONField(default=dict, blank=True, verbose_name=_("params"))
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.QUEUED, verbose_name=_("state")
    )
    done = models.PositiveIntegerField(default=0, verbose_name=_("done"))
    total = models.PositiveIntegerField(default=0, verbose_name=_("total"))
    result_path = models.CharField(
        max_length=300, blank=True, help_text="Relative to MEDIA_ROOT.", verbose_name=_("result path")
    )
    error = models.TextField(blank=True, verbose_name=_("error"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished at"))

    class Meta:
        verbose_name_plural = _("jobs")
        verbose_name = _("job")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.id} {self.state}"


class StaffAccessLog(models.Model):
    """Who looked at or exported attendee personal data, and when (PIPL / GDPR accountability)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("at"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("user")
    )
    username = models.CharField(max_length=150, verbose_name=_("username"))
    edition = models.ForeignKey(
        Edition, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("edition")
    )
    action = models.CharField(max_length=60, verbose_name=_("action"))
    target = models.CharField(max_length=200, blank=True, verbose_name=_("target"))
    path = models.CharField(max_length=300, blank=True, verbose_name=_("path"))

    class Meta:
        verbose_name_plural = _("staff access log entries")
        verbose_name = _("staff access log entry")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.target}"


# The units feature package keeps its models beside its code; they are tables of this app.
from .units.models import ReplyForm, Substitution, Unit, UnitQuota  # noqa: E402, F401
