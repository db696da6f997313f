"""Periodic returns (月报/季报): the bureau opens a period for a series; each responsible unit gets a private
link (a 256-bit secret, stored as its SHA-256 like the units' links) to file one return per project,
e-mailed to the liaisons through events.notifications; a reminder three days before the due date."""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.auth import hash_secret
from events.enums import Language
from events.exceptions import Conflict, InvalidInput, NotFound
from events.notifications import EmailChannel, Message

from . import periods, selectors, services
from .enums import Stage
from .models import FollowedProject, ProjectUpdate, ReturnLink, ReturnPeriod

REMIND_DAYS = 3


def link_url(token: str) -> str:
    return settings.SITE_URL + reverse("followup_returns", kwargs={"token": token})


@dataclass
class Recipient:
    """Who an e-mail goes to: what events.notifications' e-mail channel reads of a registration."""

    email: str
    language: str = Language.ZH


def unit_projects(series, organization, period_end: dt.date):
    """The projects a unit reports on for a period: its projects signed by the period's end, not terminated."""
    return (
        FollowedProject.objects.filter(
            project__edition__series=series, responsible_unit=organization, signed_on__lte=period_end
        )
        .exclude(stage=Stage.TERMINATED)
        .select_related("project__edition")
        .order_by("project__edition__starts_on", "project__order", "pk")
    )


def open_period(*, series, period, due_on, user=None, send: bool = True) -> tuple[ReturnPeriod, list[dict]]:
    """Open `period` for the series: a link per responsible unit with projects to report, each e-mailed
    to the unit's liaisons. Returns the period and `[{unit, url, emailed_to}]` (each link shown this once)."""

    today = timezone.localdate()
    period = periods.clean(period, today=today)
    start, end = periods.bounds(period)
    if not isinstance(due_on, dt.date):
        due_on = services._date(due_on, "due_on")
    if due_on is None:
        raise InvalidInput(_("This field is required."), field="due_on")
    if due_on < start:
        raise InvalidInput(_("The due date comes before the period begins."), field="due_on")
    selectors.ensure_followed(series)
    units = (
        FollowedProject.objects.filter(
            project__edition__series=series, signed_on__lte=end, responsible_unit__isnull=False
        )
        .exclude(stage=Stage.TERMINATED)
        .values_list("responsible_unit", flat=True)
        .distinct()
    )
    links = []
    try:
        with transaction.atomic():
            opened = ReturnPeriod.objects.create(series=series, period=period, due_on=due_on, opened_by=user)
            for org_id in sorted(set(units)):
                token = secrets.token_urlsafe(32)
                link = ReturnLink.objects.create(
                    return_period=opened, organization_id=org_id, token_hash=hash_secret(token)
                )
                links.append((link, token))
    except IntegrityError:
        raise Conflict(_("This period is already open."), field="period") from None
    out = []
    for link, token in links:
        emailed = send_link(link, token) if send else []
        out.append({"unit": link.organization.name, "url": link_url(token), "emailed_to": emailed})
    return opened, out


def _liaison_emails(link: ReturnLink) -> list[str]:
    _start, end = periods.bounds(link.return_period.period)
    emails = unit_projects(link.return_period.series, link.organization, end).values_list(
        "liaison_email", flat=True
    )
    return sorted({e for e in emails if e})


def send_link(link: ReturnLink, token: str, *, reminder: bool = False) -> list[str]:
    """E-mail the unit's link to its liaisons (in Chinese, with the English beside it)."""
    emails = _liaison_emails(link)
    if not emails:
        return []
    rp = link.return_period
    with translation.override("zh-hans"):
        label = periods.label(rp.period)
    due = rp.due_on.isoformat()
    series = rp.series
    if reminder:
        subject = f"[{series.name}] 提醒：{label}项目履约情况请于{due}前填报 Reminder"
        first = f"{link.organization.name}：{label}签约项目履约情况填报将于{due}截止，贵单位尚有项目未填报。"
    else:
        subject = f"[{series.name}] {label}签约项目履约情况填报 Returns"
        first = f"{link.organization.name}：请于{due}前通过以下链接填报贵单位负责的签约项目{label}履约情况。"
    message = Message(
        kind="followup_return",
        subject=subject,
        lines=[
            first,
            f"Please report the progress of your signed projects for {rp.period} by {due} through this link.",
        ],
        link=link_url(token),
        link_label="填报链接 Link",
    )
    channel = EmailChannel()
    for email in emails:
        channel.send(Recipient(email=email), message)
    ReturnLink.objects.filter(pk=link.pk).update(
        emailed_to=emails, **({"reminded_at": timezone.now()} if reminder else {"sent_at": timezone.now()})
    )
    return emails


def get_link(token: str) -> ReturnLink:
    if not token or len(token) > 100:
        raise NotFound(_("This link is not valid."))
    link = (
        ReturnLink.objects.select_related("return_period__series", "organization")
        .filter(token_hash=hash_secret(token))
        .first()
    )
    if link is None:
        raise NotFound(_("This link is not valid."))
    return link


def link_detail(link: ReturnLink) -> dict:
    """The unit's projects for the period, each with its last return (to prefill the form) and whether
    this period's return is in."""
    rp = link.return_period
    _start, end = periods.bounds(rp.period)
    projects = []
    for followed in unit_projects(rp.series, link.organization, end):
        updates = list(followed.updates.order_by("-recorded_at", "-id")[:20])
        last = updates[0] if updates else None
        this_period = next((u for u in updates if u.period == rp.period), None)
        projects.append(
            {
                "followed": followed,
                "last": last,
                "filed": this_period,
                "blockers": (last.blockers if last else []),
            }
        )
    return {"link": link, "period": rp, "projects": projects}


def submit(link: ReturnLink, data: dict, files=(), *, name: str = "") -> ProjectUpdate:
    """One return for one of the unit's projects in the link's period. Filing again for the same project
    and period is a correction of the earlier return (the earlier one stays, replaced)."""
    rp = link.return_period
    _start, end = periods.bounds(rp.period)
    try:
        project_id = int(data.get("project"))
    except (TypeError, ValueError, OverflowError):
        project_id = 0
    if not 0 < project_id < 2**63:
        raise InvalidInput(_("Choose one of your projects."), field="project")
    followed = unit_projects(rp.series, link.organization, end).filter(pk=project_id).first()
    if followed is None:
        raise InvalidInput(_("Choose one of your projects."), field="project")
    earlier = (
        followed.updates.filter(period=rp.period, return_link=link).order_by("-recorded_at", "-id").first()
    )
    fields = {k: data.get(k) for k in ("stage", "funds_added", "blockers", "note")}
    fields["period"] = rp.period
    if earlier is not None:
        fields["corrects"] = earlier.pk
    return services.record_update(followed, fields, files, link=link, name=name or link.organization.name)


def missing_links(rp: ReturnPeriod):
    """The links of a period whose unit still lacks a return for one of its projects."""
    _start, end = periods.bounds(rp.period)
    filed = ProjectUpdate.objects.filter(project=OuterRef("pk"), period=rp.period)
    out = []
    for link in rp.links.select_related("organization"):
        lacking = unit_projects(rp.series, link.organization, end).exclude(Exists(filed))
        if lacking.exists():
            out.append(link)
    return out


def remind(today: dt.date | None = None) -> int:
    """Three days before a period's due date, e-mail the units that have not filed every return. Their
    link is renewed (a secret is never kept, so it cannot be sent again): the e-mail says it replaces the
    first. Each period is reminded once. Returns how many units were reminded."""
    today = today or timezone.localdate()
    sent = 0
    due = ReturnPeriod.objects.filter(
        due_on__gte=today, due_on__lte=today + dt.timedelta(days=REMIND_DAYS), reminded_at__isnull=True
    ).select_related("series")
    for rp in due:
        for link in missing_links(rp):
            token = secrets.token_urlsafe(32)
            ReturnLink.objects.filter(pk=link.pk).update(token_hash=hash_secret(token))
            if send_link(link, token, reminder=True):
                sent += 1
        ReturnPeriod.objects.filter(pk=rp.pk).update(reminded_at=timezone.now())
    return sent
