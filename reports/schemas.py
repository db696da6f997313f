"""The report's answer (GET /events/{slug}/report), as the OpenAPI document shows it."""

from typing import Literal

from ninja import Schema

ReportLang = Literal["zh-hans", "en"]


class EditionRef(Schema):
    slug: str
    name: str
    name_en: str
    starts_on: str
    ends_on: str
    time_zone: str


class CategoryFigures(Schema):
    code: str
    name: str
    name_en: str
    registered: int
    confirmed: int
    checked_in: int


class UnitFigures(Schema):
    organization: str
    organization_en: str
    quota: int
    registered: int
    confirmed: int
    checked_in: int


class Attendance(Schema):
    registered: int
    confirmed: int
    checked_in: int
    no_show: int
    manual: int
    attendance_rate: float | None
    by_category: list[CategoryFigures]
    by_unit: list[UnitFigures]


class Peak(Schema):
    at: str
    count: int


class PointArrivals(Schema):
    name: str
    name_en: str
    total: int
    bins: list[tuple[str, int]]
    peak: Peak | None


class HandoverFigures(Schema):
    point: str
    point_name: str
    point_name_en: str
    item: str
    name: str
    name_en: str
    handed: int
    due: int


class SectorFigures(Schema):
    sector: str
    sector_en: str
    projects: int
    investment: str


class KindFigures(Schema):
    kind: str
    name: str
    projects: int
    investment: str


class OtherCurrency(Schema):
    currency: str
    amount: str


class SigningFigures(Schema):
    projects: int
    investment_total: str
    other_currencies: list[OtherCurrency]
    by_sector: list[SectorFigures]
    by_kind: list[KindFigures]


class AwardFigures(Schema):
    kind: str
    name: str
    name_en: str
    count: int


class MealFigures(Schema):
    date: str
    day: int
    kind: str
    venue: str
    point: str | None
    served: int
    planned: int


class ReportOut(Schema):
    edition: EditionRef
    previous: EditionRef | None
    attendance: Attendance
    arrivals: dict[str, PointArrivals]
    arrivals_peak: int
    registrations_per_day: list[tuple[str, int, int]]
    approval_median_hours: float | None
    approval_basis: str
    handovers: list[HandoverFigures]
    signing: SigningFigures
    awards: list[AwardFigures]
    meals: list[MealFigures]
    previous_meals: list[MealFigures]
    compare: dict[str, tuple[float | int | str | None, float | int | str | None]]
