"""Reads of the follow-up: the followed projects of a series, their state as of a date (from the updates,
in the database), the indicators by database aggregates and the lights (indicators.light per row)."""

import datetime as dt
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from events.exceptions import NotFound
from events.models import Series
from signing.models import SigningProject

from . import indicators, periods
from .enums import STARTED_STAGES, Stage
from .models import FollowedProject, ProjectUpdate, ReturnPeriod

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=2))


def get_series(slug: str) -> Series:
    series = Series.objects.filter(slug=slug).first()
    if series is None:
        raise NotFound(_("No such series."))
    return series


def end_of(day: dt.date) -> dt.datetime:
    """The last instant of `day` in the server's zone: what was recorded by then counts."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)) - dt.timedelta(
        microseconds=1
    )


def effective_updates(until: dt.datetime | None):
    """Updates recorded by `until` (all, when None) that no correction recorded by then replaces."""
    updates = ProjectUpdate.objects.filter(project=OuterRef("pk"))
    corrections = ProjectUpdate.objects.filter(corrects=OuterRef("pk"))
    if until is not None:
        updates = updates.filter(recorded_at__lte=until)
        corrections = corrections.filter(recorded_at__lte=until)
    return updates.exclude(Exists(corrections))


def with_state(qs, until: dt.datetime | None):
    """Annotate each project with its stage (`at_stage`), funds in (`at_funds`) and last period
    (`at_period`) from its updates: the one rule for a project's state (services writes the current one
    into the project's columns with until=None; reports as of an earlier date ask it directly)."""
    effective = effective_updates(until)
    latest_stage = effective.exclude(stage="").order_by("-recorded_at", "-id").values("stage")[:1]
    latest_period = effective.order_by("-recorded_at", "-id").values("period")[:1]
    funds = effective.values("project").annotate(total=Sum("funds_added")).values("total")[:1]
    return qs.annotate(
        at_stage=Coalesce(Subquery(latest_stage), Value(Stage.SIGNED)),
        at_funds=Coalesce(Subquery(funds), ZERO),
        at_period=Coalesce(Subquery(latest_period), Value("")),
    )


def ensure_followed(series: Series) -> None:
    """Every signed project of the series' editions is followed: the rows missing are made with what the
    ceremony knows (sector, amount in 万元, the edition's date, party A as the responsible unit)."""
    missing = SigningProject.objects.filter(edition__series=series, status="signed", follow__isnull=True)
    rows = []
    for project in missing.select_related("edition").prefetch_related("parties"):
        amount = project.amount if project.amount is not None and project.currency == "CNY" else Decimal(0)
        party_a = next((p for p in project.parties.all() if p.role == "A"), None)
        rows.append(
            FollowedProject(
                project=project,
                sector=project.sector,
                investment_total=(amount / 10000).quantize(Decimal("0.01")),
                signed_on=project.edition.starts_on,
                responsible_unit_id=party_a.organization_id if party_a else None,
            )
        )
    if rows:
        FollowedProject.objects.bulk_create(rows, ignore_conflicts=True)


MAX_ID = 2**63 - 1


def get_followed(project_id: int) -> FollowedProject:
    if not 0 < int(project_id) <= MAX_ID:
        raise NotFound(_("No such project."))
    followed = (
        FollowedProject.objects.select_related("project__edition__series", "responsible_unit")
        .filter(pk=project_id)
        .first()
    )
    if followed is None:
        project = (
            SigningProject.objects.filter(pk=project_id, status="signed").select_related("edition").first()
        )
        if project is None:
            raise NotFound(_("No such project."))
        ensure_followed(project.edition.series)
        return get_followed(project_id)
    return followed


def scoped(series: Series, as_of: dt.date, *, edition=None, sector=None, unit=None):
    """The projects in scope as of a date, each with `at_stage`, `at_funds`, `at_converted`: the columns
    when as_of is today or later (written from the updates), else the updates recorded by then."""
    qs = FollowedProject.objects.filter(project__edition__series=series, signed_on__lte=as_of)
    if edition:
        qs = qs.filter(project__edition__slug=edition)
    if sector:
        qs = qs.filter(sector=sector)
    if unit:
        qs = (
            qs.filter(responsible_unit_id=unit)
            if str(unit).isdigit()
            else qs.filter(responsible_unit__name=unit)
        )
    if as_of >= timezone.localdate():
        qs = qs.annotate(at_stage=F("stage"), at_funds=F("funds_in"), at_period=F("last_period"))
    else:
        qs = with_state(qs, end_of(as_of))
    return qs


def _aggregates(as_of: dt.date) -> dict:
    def stage(name):
        return Count("pk", filter=Q(at_stage=name))

    return {
        "signed": Count("pk"),
        "terminated": stage(Stage.TERMINATED),
        "registered": stage(Stage.REGISTERED),
        "started": stage(Stage.STARTED),
        "building": stage(Stage.BUILDING),
        "producing": stage(Stage.PRODUCING),
        "agreements": Count("pk", filter=Q(contract_kind="agreement")),
        "converted": Count("pk", filter=Q(contract_kind="agreement", converted_on__lte=as_of)),
        "investment_total": Coalesce(Sum("investment_total"), ZERO),
        "funds_in": Coalesce(Sum("at_funds"), ZERO),
    }


def last_closed_period(series: Series, as_of: dt.date) -> ReturnPeriod | None:
    return ReturnPeriod.objects.filter(series=series, due_on__lt=as_of).order_by("-due_on", "-id").first()


def _light_inputs(qs, series: Series, as_of: dt.date, *extra: str):
    """One query: per project what indicators.light needs (pk, stage, start due, finish due, signed on,
    investment, funds in, missed the last closed period's return), then the `extra` fields."""
    closed = last_closed_period(series, as_of)
    if closed is not None:
        returned = ProjectUpdate.objects.filter(
            project=OuterRef("pk"), period=closed.period, recorded_at__lte=end_of(as_of)
        )
        qs = qs.alias(returned=Exists(returned))
        missed = ExpressionWrapper(
            Q(returned=False, signed_on__lte=closed.due_on), output_field=BooleanField()
        )
    else:
        missed = Value(False)
    # No ORDER BY unless asked: the lights are counted, not listed (the sort was a fifth of the query).
    qs = qs if qs.query.order_by else qs.order_by()
    return qs.annotate(s=F("at_stage"), f=F("at_funds"), missed=missed).values_list(
        "pk", "s", "start_due_on", "finish_due_on", "signed_on", "investment_total", "f", "missed", *extra
    )


def _light(row, as_of: dt.date) -> str:
    _pk, stage, start_due, finish_due, signed_on, investment, funds, missed = row[:8]
    return indicators.light(
        stage=stage,
        as_of=as_of,
        start_due_on=start_due,
        finish_due_on=finish_due,
        signed_on=signed_on,
        investment_total=investment,
        funds_in=funds,
        missed_return=bool(missed),
    )


def light_rows(qs, series: Series, as_of: dt.date):
    """(pk, light) of each project in `qs`, through indicators.light."""
    for row in _light_inputs(qs, series, as_of):
        yield row[0], _light(row, as_of)


EDITION = ("project__edition__slug", "project__edition__name", "project__edition__name_en")


def _replayed(qs, series: Series, as_of: dt.date) -> tuple[dict, dict, dict, dict]:
    """As of an earlier date each project's state is replayed from its updates (selectors.with_state: three
    correlated subqueries). Evaluated once per project in one query and counted here with
    indicators.count_project, rather than once per aggregate's FILTER as the database would do."""
    total, editions, sectors = indicators.empty_counts(), {}, {}
    lights = dict.fromkeys(("green", "yellow", "red", "grey"), 0)
    extra = ("contract_kind", "converted_on", "sector", *EDITION)
    for row in _light_inputs(qs.order_by("project__edition__starts_on", "pk"), series, as_of, *extra):
        kind, converted_on, sector, slug, name, name_en = row[8:]
        project = {
            "stage": row[1],
            "contract_kind": kind,
            "converted": converted_on is not None and converted_on <= as_of,
            "investment_total": row[5],
            "funds_in": row[6],
        }
        edition = editions.setdefault(
            slug, ({"edition": slug, "name": name, "name_en": name_en}, indicators.empty_counts())
        )
        for counts in (total, edition[1], sectors.setdefault(sector, indicators.empty_counts())):
            indicators.count_project(counts, project)
        lights[_light(row, as_of)] += 1
    return total, editions, sectors, lights


def follow_up(series: Series, as_of: dt.date | None = None, **filters) -> dict:
    """The contract's GET /series/{series}/follow-up: the indicators of the scope, by edition and by
    sector (database aggregates), and the lights."""
    as_of = as_of or timezone.localdate()
    ensure_followed(series)
    qs = scoped(series, as_of, **filters)
    if as_of < timezone.localdate():
        total, editions, sectors, lights = _replayed(qs, series, as_of)
        return {
            "series": series.slug,
            "as_of": as_of.isoformat(),
            **indicators.figures(total),
            "by_edition": [{**head, **indicators.figures(c)} for head, c in editions.values()],
            "by_sector": [{"sector": k, **indicators.figures(sectors[k])} for k in sorted(sectors)],
            "lights": lights,
        }
    # One GROUP BY edition and sector (a few dozen rows): the totals, per edition and per sector are sums of
    # its counts and amounts, exact as they are.
    total, editions, sectors = indicators.empty_counts(), {}, {}
    groups = qs.values(*EDITION, "project__edition__starts_on", "sector").annotate(**_aggregates(as_of))
    for row in groups.order_by("project__edition__starts_on", "project__edition__slug", "sector"):
        head = {"edition": row[EDITION[0]], "name": row[EDITION[1]], "name_en": row[EDITION[2]]}
        edition = editions.setdefault(head["edition"], (head, indicators.empty_counts()))[1]
        for counts in (total, edition, sectors.setdefault(row["sector"], indicators.empty_counts())):
            for key in counts:
                counts[key] += row[key]
    by_edition = [{**head, **indicators.figures(c)} for head, c in editions.values()]
    by_sector = [{"sector": k, **indicators.figures(sectors[k])} for k in sorted(sectors)]
    lights = dict.fromkeys(("green", "yellow", "red", "grey"), 0)
    for _pk, colour in light_rows(qs, series, as_of):
        lights[colour] += 1
    return {
        "series": series.slug,
        "as_of": as_of.isoformat(),
        **indicators.figures(total),
        "by_edition": by_edition,
        "by_sector": by_sector,
        "lights": lights,
    }


def project_list(series: Series, as_of: dt.date | None = None, *, stage=None, light=None, **filters) -> list:
    """The projects of the series with their lights (GET /series/{series}/projects)."""
    as_of = as_of or timezone.localdate()
    ensure_followed(series)
    qs = scoped(series, as_of, **filters)
    if stage:
        qs = qs.filter(at_stage=stage)
    lights = dict(light_rows(qs, series, as_of))
    projects = (
        qs.annotate(s=F("at_stage"), f=F("at_funds"), lp=F("at_period"))
        .select_related("project__edition", "responsible_unit")
        .prefetch_related("project__parties__organization")
    )
    out = []
    for p in projects:
        colour = lights.get(p.pk, "green")
        if light and colour != light:
            continue
        out.append({"followed": p, "stage": p.s, "funds_in": p.f, "last_period": p.lp, "light": colour})
    return out


def overdue_units(series: Series, today: dt.date | None = None) -> list[dict]:
    """The units whose return for a period past its due date lacks a project (the latest such period)."""
    today = today or timezone.localdate()
    closed = last_closed_period(series, today)
    if closed is None:
        return []
    returned = ProjectUpdate.objects.filter(project=OuterRef("pk"), period=closed.period)
    missing = (
        FollowedProject.objects.filter(
            project__edition__series=series, signed_on__lte=closed.due_on, responsible_unit__isnull=False
        )
        .exclude(stage=Stage.TERMINATED)
        .exclude(Exists(returned))
        .values("responsible_unit_id", "responsible_unit__name", "responsible_unit__name_en")
        .annotate(missing=Count("pk"))
        .order_by("responsible_unit__name")
    )
    return [
        {
            "period": closed.period,
            "due_on": closed.due_on,
            "unit": row["responsible_unit__name"],
            "unit_en": row["responsible_unit__name_en"],
            "missing": row["missing"],
        }
        for row in missing
    ]


def under_way(stage: str) -> bool:
    return stage in STARTED_STAGES


def period_label(period: str) -> str:
    return periods.label(period) if period else ""
