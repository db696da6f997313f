import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from .enums import ACTIVE_STATUSES, EntryRule, Language, RegistrationStatus, ScanVerdict
from .units.models import all_reply_sections


class Series(models.Model):
    """A recurring conference; each year is an Edition."""

    organizer = models.ForeignKey("organizers.Organizer", on_delete=models.PROTECT, related_name="series")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.name


class Edition(models.Model):
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="editions")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    tagline = models.CharField(max_length=200, blank=True)
    tagline_en = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    timezone = models.CharField(max_length=64, default="Asia/Shanghai")
    venue = models.CharField(max_length=200)
    venue_en = models.CharField(max_length=200, blank=True)
    registration_opens_at = models.DateTimeField(null=True, blank=True)
    registration_closes_at = models.DateTimeField(null=True, blank=True)
    # Raw 32-byte Ed25519 private key, urlsafe base64. Tickets are signed with it.
    signing_key = models.CharField(max_length=64, editable=False)
    retention_until = models.DateField(null=True, blank=True)
    personal_data_purged_at = models.DateTimeField(null=True, blank=True)
    # Which sections of the reply form (回执) this edition asks; see events.units.models.REPLY_SECTIONS.
    reply_sections = models.JSONField(default=all_reply_sections, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="edition_dates")
        ]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """Shared across editions: employers, signing parties, award recipients."""

    name = models.CharField(max_length=200, unique=True)
    name_en = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=100, blank=True)
    is_example = models.BooleanField(
        default=False, help_text="Invented for the demo where the sources name none."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="categories")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="Empty: no limit.")
    # Confirmed registrations of this category. Written only by events/registration/seats.py (the seat is taken with
    # one conditional UPDATE ... WHERE confirmed_count < capacity); never edited by hand.
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    requires_approval = models.BooleanField(default=False)
    waitlist = models.BooleanField(default=False)
    public = models.BooleanField(default=True, help_text="Offered on the public registration form.")
    badge_color = models.CharField(max_length=7, default="#9b1c1c")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["edition", "order", "id"]
        verbose_name_plural = "categories"
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

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="consent_notices")
    version = models.CharField(max_length=20)
    text = models.TextField()
    text_en = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["edition", "-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["edition", "version"], name="consent_version_unique")]

    def __str__(self) -> str:
        return f"{self.edition.slug} v{self.version}"


class Registration(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="registrations")
    # RESTRICT, not PROTECT: a category with registrations can't be deleted alone, but deleting the
    # whole edition (which cascades to both) is allowed.
    category = models.ForeignKey(Category, on_delete=models.RESTRICT, related_name="registrations")
    code = models.CharField(max_length=12)
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="registrations", null=True, blank=True
    )
    title = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ZH)
    consent_notice = models.ForeignKey(ConsentNotice, on_delete=models.RESTRICT, null=True, blank=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    # SHA-256 of the manage link's secret; the secret itself is only ever in the attendee's hands.
    manage_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    ticket_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    anonymized_at = models.DateTimeField(null=True, blank=True)
    unit = models.ForeignKey(
        "events.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )

    class Meta:
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
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="checkin_points")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    categories = models.ManyToManyField(Category, related_name="checkin_points", blank=True)
    entry = models.CharField(
        max_length=8,
        choices=EntryRule.choices,
        default=EntryRule.ONCE,
        help_text="Admit the same ticket once, once a day (meals), or any number of times.",
    )
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["edition", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "code"], name="checkin_point_code_unique")]

    def __str__(self) -> str:
        return self.name


class HandoverItem(models.Model):
    """Something handed over at a check-in point (资料袋, 午餐券, room card): to the categories named, plus
    the people named one by one. An item naming neither goes to everyone the point admits."""

    point = models.ForeignKey(CheckInPoint, on_delete=models.CASCADE, related_name="handover_items")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    categories = models.ManyToManyField(Category, related_name="handover_items", blank=True)
    people = models.ManyToManyField(
        "events.Registration",
        related_name="handover_items",
        blank=True,
        help_text="Handed to these people whatever their category (e.g. a room card).",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["point", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["point", "code"], name="handover_item_code_unique")]

    def __str__(self) -> str:
        return self.name


class Handover(models.Model):
    """An item handed to a person, confirmed by staff: the unique row refuses a second hand-out."""

    item = models.ForeignKey(HandoverItem, on_delete=models.CASCADE, related_name="handovers")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="handovers")
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    device = models.CharField(max_length=100, blank=True)
    nonce = models.CharField(max_length=64, null=True, blank=True)

    class Meta:
        # A retry of the same hand-out (same nonce) finds this row and answers as the first time.
        constraints = [models.UniqueConstraint(fields=["registration", "item"], name="handover_unique")]

    def __str__(self) -> str:
        return f"{self.item_id}->{self.registration_id}"


class Admission(models.Model):
    """A registration admitted at a point: the unique row decides double scans; `entries` and `last_at`
    count re-entries (points admitting many times, or once a day)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="admissions")
    point = models.ForeignKey(CheckInPoint, on_delete=models.CASCADE, related_name="admissions")
    first_at = models.DateTimeField()
    last_at = models.DateTimeField(
        help_text="The latest admission (for a daily point: the first of that day)."
    )
    entries = models.PositiveIntegerField(default=1)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "point"], name="admission_unique")]

    def __str__(self) -> str:
        return f"{self.registration_id}@{self.point_id}"

    def save(self, *args, **kwargs):
        if self.last_at is None:
            self.last_at = self.first_at
        super().save(*args, **kwargs)


class Scan(models.Model):
    """Append-only log of every scan, good or bad."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="scans")
    point = models.ForeignKey(CheckInPoint, on_delete=models.SET_NULL, null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    device = models.CharField(max_length=100, blank=True)
    at = models.DateTimeField(db_index=True)
    verdict = models.CharField(max_length=20, choices=ScanVerdict.choices)
    registration = models.ForeignKey(Registration, on_delete=models.SET_NULL, null=True, blank=True)
    nonce = models.CharField(max_length=64, null=True, blank=True)
    response = models.JSONField(default=dict, blank=True)
    # A person checked in by hand (found by name, no QR, no phone): why, as staff gave it (手动补签).
    manual_reason = models.CharField(max_length=200, null=True, blank=True)

    class Meta:
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

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    team = models.ForeignKey(
        "organizers.Team", on_delete=models.CASCADE, null=True, blank=True, related_name="tokens"
    )
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

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

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40)
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="jobs")
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    result_path = models.CharField(max_length=300, blank=True, help_text="Relative to MEDIA_ROOT.")
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.id} {self.state}"


class StaffAccessLog(models.Model):
    """Who looked at or exported attendee personal data, and when (PIPL / GDPR accountability)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    username = models.CharField(max_length=150)
    edition = models.ForeignKey(Edition, on_delete=models.SET_NULL, null=True, blank=True)
    action = models.CharField(max_length=60)
    target = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.target}"


# The units feature package keeps its models beside its code; they are tables of this app.
from .units.models import ReplyForm, Substitution, Unit, UnitQuota  # noqa: E402, F401
