import datetime as dt
from typing import Literal

from ninja import Schema

StageName = Literal["signed", "registered", "started", "building", "producing", "terminated"]
LightName = Literal["green", "yellow", "red", "grey"]


class Party(Schema):
    role: str
    organization: str


class FollowedOut(Schema):
    id: int
    edition: str
    name: str
    name_en: str
    parties: list[Party]
    sector: str
    contract_kind: Literal["contract", "agreement"]
    investment_total: str
    funds_in: str
    stage: StageName
    terminated_reason: str
    light: LightName
    signed_on: dt.date
    start_due_on: dt.date | None
    finish_due_on: dt.date | None
    converted_on: dt.date | None
    responsible_unit: str | None
    liaison_name: str
    liaison_mobile: str
    liaison_email: str
    last_period: str


class FollowPatch(Schema):
    contract_kind: Literal["contract", "agreement"] | None = None
    sector: str | None = None
    investment_total: str | None = None
    signed_on: dt.date | None = None
    start_due_on: dt.date | None = None
    finish_due_on: dt.date | None = None
    converted_on: dt.date | None = None
    responsible_unit: str | None = None
    liaison_name: str | None = None
    liaison_mobile: str | None = None
    liaison_email: str | None = None


class EvidenceOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    url: str


class UpdateOut(Schema):
    id: int
    period: str
    stage: str
    funds_added: str | None
    note: str
    blockers: list[str]
    corrects: int | None
    corrected_by: list[int]
    recorded_by: str
    recorded_at: dt.datetime
    evidence: list[EvidenceOut]


class ReturnsIn(Schema):
    period: str
    due_on: dt.date


class LinkOut(Schema):
    unit: str
    url: str
    emailed_to: list[str]


class ReturnsOut(Schema):
    id: int
    period: str
    due_on: dt.date
    links: list[LinkOut]


class RateOut(Schema):
    value: str | None
    numerator: int | str
    denominator: int | str


class RatesOut(Schema):
    fulfilment: RateOut
    started: RateOut
    producing: RateOut
    funds: RateOut
    converted: RateOut


class FiguresOut(Schema):
    signed: int
    terminated: int
    registered: int
    started: int
    building: int
    producing: int
    agreements: int
    converted: int
    investment_total: str
    funds_in: str
    rates: RatesOut


class EditionFiguresOut(FiguresOut):
    edition: str
    name: str
    name_en: str


class SectorFiguresOut(FiguresOut):
    sector: str


class LightsOut(Schema):
    green: int
    yellow: int
    red: int
    grey: int


class FollowUpOut(FiguresOut):
    series: str
    as_of: dt.date
    by_edition: list[EditionFiguresOut]
    by_sector: list[SectorFiguresOut]
    lights: LightsOut


class ReturnProjectOut(Schema):
    id: int
    name: str
    edition: str
    stage: StageName
    funds_in: str
    investment_total: str
    filed: bool
    last: UpdateOut | None


class ReturnLinkOut(Schema):
    unit: str
    series: str
    period: str
    due_on: dt.date
    projects: list[ReturnProjectOut]
