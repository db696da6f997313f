from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from events.limits import MAX_INT, limited
from events.models import Edition, Organization

from .enums import Currency, ProjectStatus
from .models import Award, AwardTitle, SigningParty, SigningProject, Witness
from .money import UNITS

# Inputs are lenient where a person types (amounts as text, optional fields): the services check them and
# answer with a message that names the field and says why, in both languages. Closed sets are enums and
# every text has its column's length, so the document says what the server takes.
Role = Literal[tuple("ABCDEFGHIJ")]  # type: ignore[valid-type]
CurrencyCode = Literal[tuple(Currency.values)]  # type: ignore[valid-type]
Status = Literal[tuple(ProjectStatus.values)]  # type: ignore[valid-type]
AmountUnit = Literal[tuple(u for u in UNITS if u)]  # type: ignore[valid-type]
AMOUNT = "A number (or its decimal text) in `amount_unit`, at most 9999999999999.99 元, 2 decimals"
Amount = str | int | float | None


class PartyIn(Schema):
    role: Role | None = Field(None, description="A (甲方), B (乙方), C (丙方) ...; default: by position")
    organization: str | None = limited(
        Organization, "name", None, description="Organisation name (the shared registry)"
    )
    signatory: str | None = limited(SigningParty, "signatory", None)
    signatory_en: str | None = limited(SigningParty, "signatory_en", None)
    signatory_title: str | None = limited(SigningParty, "signatory_title", None)


class WitnessIn(Schema):
    name: str | None = limited(Witness, "name", None)
    name_en: str | None = limited(Witness, "name_en", None)
    title: str | None = limited(Witness, "title", None)


class ProjectIn(Schema):
    order: int | None = Field(None, ge=1, le=MAX_INT, description="Position on stage from 1; default: last")
    name: str = limited(SigningProject, "name", min_length=1)
    name_en: str = limited(SigningProject, "name_en", "")
    sector: str = limited(SigningProject, "sector", "")
    sector_en: str = limited(SigningProject, "sector_en", "")
    amount: Amount = Field(None, description=AMOUNT)
    amount_unit: AmountUnit = Field("yuan", description="yuan (元), wan (万元) or yi (亿元)")
    currency: CurrencyCode = "CNY"
    status: Status = "planned"
    notes: str = Field("", max_length=10_000)
    parties: list[PartyIn] = Field([], max_length=10)
    witnesses: list[WitnessIn] = Field([], max_length=50)


class ProjectPatch(Schema):
    order: int | None = Field(None, ge=1, le=MAX_INT)
    name: str | None = limited(SigningProject, "name", None, min_length=1)
    name_en: str | None = limited(SigningProject, "name_en", None)
    sector: str | None = limited(SigningProject, "sector", None)
    sector_en: str | None = limited(SigningProject, "sector_en", None)
    amount: Amount = Field(None, description=AMOUNT)
    amount_unit: AmountUnit | None = None
    currency: CurrencyCode | None = None
    status: Status | None = None
    notes: str | None = Field(None, max_length=10_000)
    parties: list[PartyIn] | None = Field(None, max_length=10)
    witnesses: list[WitnessIn] | None = Field(None, max_length=50)


class PartyOut(Schema):
    role: str
    role_zh: str
    organization: str
    organization_en: str
    organization_id: int
    signatory: str
    signatory_en: str
    signatory_title: str


class WitnessOut(Schema):
    name: str
    name_en: str
    title: str


class ProjectOut(Schema):
    id: int
    order: int
    name: str
    name_en: str
    sector: str
    sector_en: str
    amount: Decimal | None = Field(description="Exact, in the currency's major unit (元)")
    amount_display: str
    amount_display_en: str
    currency: str
    status: str
    notes: str
    is_example: bool
    parties: list[PartyOut]
    witnesses: list[WitnessOut]


class ReorderIn(Schema):
    ids: list[Annotated[int, Field(ge=1, le=MAX_INT)]] = Field(
        description="Every project id of the edition, first on stage first"
    )


class PressSummaryOut(Schema):
    count: int
    total_cny: Decimal
    total_cny_yi: str
    sectors: list[str]
    sectors_en: list[str]
    text: str
    text_en: str


class AwardTitleOut(Schema):
    code: str
    name: str
    name_en: str
    issuer: str
    issuer_en: str
    issuers: list[str]
    issuers_en: list[str]
    validity_years: int | None
    batch: str


class AwardIn(Schema):
    title: str = limited(AwardTitle, "code", min_length=1, description="A title code, see GET /award-titles")
    recipient: str = limited(
        Organization, "name", min_length=1, description="Organisation name (the shared registry)"
    )
    edition: str | None = limited(Edition, "slug", None, description="Edition slug")
    issued_on: str | None = Field(
        None, max_length=10, description="YYYY-MM-DD; default: the edition's first day, or today"
    )
    valid_until: str | None = Field(
        None, max_length=10, description="YYYY-MM-DD; default: from the title's validity"
    )
    document_number: str = limited(Award, "document_number", "")


class AwardCreatedOut(Schema):
    serial: str
    verify_url: str
    certificate_url: str


class RevokeIn(Schema):
    reason: str = Field("", max_length=10_000)


class AwardOut(Schema):
    serial: str
    title: str
    title_en: str
    title_code: str
    recipient: str
    recipient_en: str
    edition: str | None
    issuers: list[str]
    issuers_en: list[str]
    issued_on: date
    valid_until: date | None
    document_number: str
    status: str = Field(description="active, expired (past valid_until) or revoked")
    revoked_at: datetime | None
    revoked_reason: str
    signature_valid: bool = Field(description="The stored Ed25519 signature verifies over the record")
    key_id: str
    verify_url: str


class CredentialOut(Schema):
    credential: dict
    jwt: str = Field(description="The credential as a VC-JWT (EdDSA, Ed25519)")
