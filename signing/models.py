"""Signing ceremonies (projects, parties, witnesses) and award titles (definitions, awards, issuer key)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Edition, Organization

from .enums import AwardStatus, Currency, ProjectStatus


class SigningProject(models.Model):
    """A project signed on stage (签约项目). Amounts are exact decimals in the currency's major unit (元)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="signing_projects", verbose_name=_("edition")
    )
    order = models.PositiveIntegerField(help_text="Order on stage, from 1.", verbose_name=_("order"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    name_en = models.CharField(max_length=300, blank=True, verbose_name=_("name (English)"))
    sector = models.CharField(max_length=100, blank=True, verbose_name=_("sector"))
    sector_en = models.CharField(max_length=100, blank=True, verbose_name=_("sector (English)"))
    amount = models.DecimalField(
        max_digits=18, decimal_places=2, null=True, blank=True, verbose_name=_("amount")
    )
    currency = models.CharField(
        max_length=3, choices=Currency.choices, default=Currency.CNY, verbose_name=_("currency")
    )
    status = models.CharField(
        max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED, verbose_name=_("status")
    )
    notes = models.TextField(blank=True, verbose_name=_("notes"))
    is_example = models.BooleanField(
        default=False,
        help_text="Invented for the demo where the sources name none.",
        verbose_name=_("is example"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name_plural = _("signing projects")
        verbose_name = _("signing project")
        ordering = ["edition", "order", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="signing_amount_positive")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class SigningParty(models.Model):
    project = models.ForeignKey(
        SigningProject, on_delete=models.CASCADE, related_name="parties", verbose_name=_("project")
    )
    role = models.CharField(
        max_length=1, help_text="A (甲方), B (乙方), C (丙方) ...", verbose_name=_("role")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="signing_parties", verbose_name=_("organization")
    )
    signatory = models.CharField(max_length=100, blank=True, verbose_name=_("signatory"))
    signatory_en = models.CharField(max_length=100, blank=True, verbose_name=_("signatory (English)"))
    signatory_title = models.CharField(max_length=200, blank=True, verbose_name=_("signatory title"))

    class Meta:
        verbose_name = _("signing party")
        ordering = ["project", "role"]
        verbose_name_plural = _("signing parties")
        constraints = [models.UniqueConstraint(fields=["project", "role"], name="signing_party_role_unique")]

    def __str__(self) -> str:
        return f"{self.role}: {self.organization}"


class Witness(models.Model):
    """A leader witnessing the signature (见签)."""

    project = models.ForeignKey(
        SigningProject, on_delete=models.CASCADE, related_name="witnesses", verbose_name=_("project")
    )
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))
    name = models.CharField(max_length=100, verbose_name=_("name"))
    name_en = models.CharField(max_length=100, blank=True, verbose_name=_("name (English)"))
    title = models.CharField(max_length=200, blank=True, verbose_name=_("title"))

    class Meta:
        verbose_name = _("witness")
        ordering = ["project", "order", "id"]
        verbose_name_plural = _("witnesses")

    def __str__(self) -> str:
        return self.name


class AwardTitle(models.Model):
    """A title definition (授牌称号), shared across editions."""

    code = models.SlugField(max_length=60, unique=True, verbose_name=_("code"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    name_en = models.CharField(max_length=300, blank=True, verbose_name=_("name (English)"))
    issuers = models.JSONField(
        default=list, blank=True, help_text="Issuing bodies, Chinese names.", verbose_name=_("issuers")
    )
    issuers_en = models.JSONField(default=list, blank=True, verbose_name=_("issuers (English)"))
    validity_years = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty: no expiry.", verbose_name=_("validity years")
    )
    batch = models.CharField(
        max_length=100, blank=True, help_text="e.g. 第一批 / 2022年度", verbose_name=_("batch")
    )
    description = models.TextField(blank=True, verbose_name=_("description"))
    description_en = models.TextField(blank=True, verbose_name=_("description (English)"))

    class Meta:
        verbose_name_plural = _("award titles")
        verbose_name = _("award title")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class IssuerKey(models.Model):
    """The Ed25519 key that signs awards and their credentials. One active key, made on first use;
    each award keeps the key that signed it, so a rotated key does not break older signatures."""

    kid = models.CharField(max_length=40, unique=True, verbose_name=_("kid"))
    # Raw 32-byte Ed25519 private key, urlsafe base64 (as the editions' ticket keys are stored).
    private_key = models.CharField(max_length=64, editable=False, verbose_name=_("private key"))
    public_key = models.CharField(max_length=64, editable=False, verbose_name=_("public key"))
    # The RSA key (PKCS#8 PEM) beside it that signs the awards' Open Badges credentials as VC-JWTs with
    # RS256, the one algorithm OB 3.0 requires every verifier to support. Made on first use.
    rsa_private_key = models.TextField(blank=True, editable=False, verbose_name=_("rsa private key"))
    active = models.BooleanField(default=True, verbose_name=_("active"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name_plural = _("issuer keys")
        verbose_name = _("issuer key")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.kid


class Award(models.Model):
    title = models.ForeignKey(
        AwardTitle, on_delete=models.PROTECT, related_name="awards", verbose_name=_("award title")
    )
    recipient = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="awards", verbose_name=_("recipient")
    )
    edition = models.ForeignKey(
        Edition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("edition"),
    )
    serial = models.CharField(max_length=32, unique=True, verbose_name=_("serial"))
    issued_on = models.DateField(verbose_name=_("issued on"))
    # The batch printed on this award (第一批 / 2024年): the title's, as of the edition it was issued at.
    batch = models.CharField(max_length=100, blank=True, verbose_name=_("batch"))
    valid_until = models.DateField(null=True, blank=True, verbose_name=_("valid until"))
    document_number = models.CharField(
        max_length=100, blank=True, help_text="文号", verbose_name=_("document number")
    )
    # Ed25519 signature (urlsafe base64) over signing.crypto.canonical_award(...) by `key`.
    signature = models.CharField(max_length=100, editable=False, verbose_name=_("signature"))
    key = models.ForeignKey(IssuerKey, on_delete=models.PROTECT, related_name="awards", verbose_name=_("key"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked at"))
    revoked_reason = models.TextField(blank=True, verbose_name=_("revoked reason"))
    # Its bit in the public W3C Bitstring Status List `status_list` (signing.status): set once revoked.
    status_list = models.PositiveIntegerField(default=1, verbose_name=_("status list"))
    status_index = models.PositiveIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("status index")
    )
    is_example = models.BooleanField(
        default=False,
        help_text="Invented for the demo where the sources name none.",
        verbose_name=_("is example"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name_plural = _("awards")
        verbose_name = _("award")
        ordering = ["-issued_on", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["status_list", "status_index"], name="award_status_entry_unique"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("issued_on")),
                name="award_validity_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.serial} {self.title} → {self.recipient}"

    def status_on(self, day) -> str:
        if self.revoked_at:
            return AwardStatus.REVOKED
        if self.valid_until and day > self.valid_until:
            return AwardStatus.EXPIRED
        return AwardStatus.ACTIVE
