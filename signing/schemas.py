from datetime import date, datetime
from decimal import Decimal

from ninja import Schema
from pydantic import Field

# Inputs are lenient on purpose (strings, optional fields): the services check them and answer with a
# message that names the field and says why, in both languages.


class PartyIn(Schema):
    role: str | None = Field(None, description="A (甲方), B (乙方), C (丙方) ...; default: by position")
    organization: str | None = Field(None, description="Organisation name (the shared registry)")
    signatory: str | None = None
    signatory_en: str | None = None
    signatory_title: str | None = None


class WitnessIn(Schema):
    name: str | None = None
    name_en: str | None = None
    title: str | None = None


class ProjectIn(Schema):
    order: int | None = Field(None, description="Position on stage from 1; default: last")
    name: str
    name_en: str = ""
    sector: str = ""
    sector_en: str = ""
    amount: str | int | float | None = Field(None, description="A number, in `amount_unit` (default 元)")
    amount_unit: str = Field("yuan", description="yuan (元), wan (万元) or yi (亿元)")
    currency: str = "CNY"
    status: str = "planned"
    notes: str = ""
    parties: list[PartyIn] = []
    witnesses: list[WitnessIn] = []


class ProjectPatch(Schema):
    order: int | None = None
    name: str | None = None
    name_en: str | None = None
    sector: str | None = None
    sector_en: str | None = None
    amount: str | int | float | None = None
    amount_unit: str | None = None
    currency: str | None = None
    status: str | None = None
    notes: str | None = None
    parties: list[PartyIn] | None = None
    witnesses: list[WitnessIn] | None = None


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
    ids: list[int] = Field(description="Every project id of the edition, first on stage first")


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
    title: str = Field(description="A title code, see GET /award-titles")
    recipient: str = Field(description="Organisation name (the shared registry)")
    edition: str | None = Field(None, description="Edition slug")
    issued_on: str | None = Field(None, description="YYYY-MM-DD; default: the edition's first day, or today")
    valid_until: str | None = Field(None, description="YYYY-MM-DD; default: from the title's validity")
    document_number: str = ""


class AwardCreatedOut(Schema):
    serial: str
    verify_url: str
    certificate_url: str


class RevokeIn(Schema):
    reason: str = ""


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
