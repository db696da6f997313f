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
    order = models.PositiveIntegerField(_("order"), help_text="Order on stage, from 1.")
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    sector_en = models.CharField(_("sector (English)"), max_length=100, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY)
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)
    is_example = models.BooleanField(
        _("is example"),
        default=False,
        help_text="Invented for the demo where the sources name none.",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

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
    role = models.CharField(_("role"), max_length=1, help_text="A (甲方), B (乙方), C (丙方) ...")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="signing_parties", verbose_name=_("organization")
    )
    signatory = models.CharField(_("signatory"), max_length=100, blank=True)
    signatory_en = models.CharField(_("signatory (English)"), max_length=100, blank=True)
    signatory_title = models.CharField(_("signatory title"), max_length=200, blank=True)

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
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("witness")
        ordering = ["project", "order", "id"]
        verbose_name_plural = _("witnesses")

    def __str__(self) -> str:
        return self.name


class AwardTitle(models.Model):
    """A title definition (授牌称号), shared across editions."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    issuers = models.JSONField(
        _("issuers"), default=list, blank=True, help_text="Issuing bodies, Chinese names."
    )
    issuers_en = models.JSONField(_("issuers (English)"), default=list, blank=True)
    validity_years = models.PositiveSmallIntegerField(
        _("validity years"), null=True, blank=True, help_text="Empty: no expiry."
    )
    batch = models.CharField(_("batch"), max_length=100, blank=True, help_text="e.g. 第一批 / 2022年度")
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name_plural = _("award titles")
        verbose_name = _("award title")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class IssuerKey(models.Model):
    """The Ed25519 key that signs awards and their credentials. One active key, made on first use;
    each award keeps the key that signed it, so a rotated key does not break older signatures."""

    kid = models.CharField(_("kid"), max_length=40, unique=True)
    # Raw 32-byte Ed25519 private key, urlsafe base64 (as the editions' ticket keys are stored).
    private_key = models.CharField(_("private key"), max_length=64, editable=False)
    public_key = models.CharField(_("public key"), max_length=64, editable=False)
    # The RSA key (PKCS#8 PEM) beside it that signs the awards' Open Badges credentials as VC-JWTs with
    # RS256, the one algorithm OB 3.0 requires every verifier to support. Made on first use.
    rsa_private_key = models.TextField(_("rsa private key"), blank=True, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

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
    serial = models.CharField(_("serial"), max_length=32, unique=True)
    issued_on = models.DateField(_("issued on"))
    # The batch printed on this award (第一批 / 2024年): the title's, as of the edition it was issued at.
    batch = models.CharField(_("batch"), max_length=100, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True, help_text="文号")
    # Ed25519 signature (urlsafe base64) over signing.crypto.canonical_award(...) by `key`.
    signature = models.CharField(_("signature"), max_length=100, editable=False)
    key = models.ForeignKey(IssuerKey, on_delete=models.PROTECT, related_name="awards", verbose_name=_("key"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("revoked reason"), blank=True)
    # Its bit in the public W3C Bitstring Status List `status_list` (signing.status): set once revoked.
    status_list = models.PositiveIntegerField(_("status list"), default=1)
    status_index = models.PositiveIntegerField(_("status index"), null=True, blank=True, editable=False)
    is_example = models.BooleanField(
        _("is example"),
        default=False,
        help_text="Invented for the demo where the sources name none.",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

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
