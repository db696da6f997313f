"""Reads: projects and awards as plain dicts for the API, the pages and the documents."""

from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.exceptions import NotFound
from events.models import Edition, Organization

from . import crypto
from .enums import PARTY_ROLE_ZH, AwardStatus, ProjectStatus
from .models import Award, AwardTitle, SigningParty, SigningProject, Witness
from .money import YI, amount_en, amount_zh


def projects_qs(edition: Edition):
    return (
        SigningProject.objects.filter(edition=edition)
        .order_by("order", "id")
        .prefetch_related(
            Prefetch("parties", SigningParty.objects.select_related("organization").order_by("role")),
            Prefetch("witnesses", Witness.objects.order_by("order", "id")),
        )
    )


def get_project(edition: Edition, project_id: int) -> SigningProject:
    project = projects_qs(edition).filter(pk=project_id).first()
    if project is None:
        raise NotFound(
            _("No signing project %(project_id)s in %(slug)s.")
            % {"project_id": project_id, "slug": edition.slug}
        )
    return project


def project_out(project: SigningProject) -> dict:
    return {
        "id": project.pk,
        "order": project.order,
        "name": project.name,
        "name_en": project.name_en,
        "sector": project.sector,
        "sector_en": project.sector_en,
        "amount": project.amount,
        "amount_display": amount_zh(project.amount, project.currency),
        "amount_display_en": amount_en(project.amount, project.currency),
        "currency": project.currency,
        "status": project.status,
        "status_label": str(ProjectStatus(project.status).label),
        "notes": project.notes,
        "is_example": project.is_example,
        "parties": [
            {
                "role": p.role,
                "role_zh": PARTY_ROLE_ZH.get(p.role, p.role) + "方",
                "organization": p.organization.name,
                "organization_en": p.organization.name_en,
                "organization_id": p.organization_id,
                "signatory": p.signatory,
                "signatory_en": p.signatory_en,
                "signatory_title": p.signatory_title,
            }
            for p in project.parties.all()
        ],
        "witnesses": [
            {"name": w.name, "name_en": w.name_en, "title": w.title} for w in project.witnesses.all()
        ],
    }


def project_list(edition: Edition) -> list[dict]:
    return [project_out(p) for p in projects_qs(edition)]


def totals(projects: list[dict]) -> dict:
    """Counted: every project not cancelled. Sums per currency, exact."""
    live = [p for p in projects if p["status"] != ProjectStatus.CANCELLED]
    by_currency: dict[str, Decimal] = {}
    for p in live:
        if p["amount"] is not None:
            by_currency[p["currency"]] = by_currency.get(p["currency"], Decimal("0")) + p["amount"]
    sectors, sectors_en = [], []
    for p in live:
        if p["sector"] and p["sector"] not in sectors:
            sectors.append(p["sector"])
            sectors_en.append(p["sector_en"] or p["sector"])
    return {"count": len(live), "by_currency": by_currency, "sectors": sectors, "sectors_en": sectors_en}


def _join_en(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def press_summary(edition: Edition, projects: list[dict] | None = None) -> dict:
    """The one-paragraph press summary: N projects signed, X 亿元 in total, the sectors."""
    projects = project_list(edition) if projects is None else projects
    sums = totals(projects)
    cny = sums["by_currency"].get("CNY", Decimal("0"))
    others = [(c, a) for c, a in sums["by_currency"].items() if c != "CNY"]
    total_yi = f"{(cny / YI).quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    zh = f"{edition.name}现场签约项目{sums['count']}个"
    en = f"{sums['count']} project{'s' if sums['count'] != 1 else ''} were signed at the {edition.name_en or edition.name}"
    if cny:
        zh += f"，签约总金额{total_yi}亿元"
        en += f", worth {amount_en(cny, 'CNY')} ({total_yi} 亿元) in total"
    for currency, amount in others:
        zh += f"，另有{amount_zh(amount, currency)}"
        en += f", plus {amount_en(amount, currency)}"
    if sums["sectors"]:
        zh += "，涵盖" + "、".join(sums["sectors"]) + "等领域"
        en += ", in " + _join_en(sums["sectors_en"])
    zh += "。"
    en += "."
    return {
        "count": sums["count"],
        "total_cny": cny,
        "total_cny_yi": total_yi,
        "sectors": sums["sectors"],
        "sectors_en": sums["sectors_en"],
        "text": zh,
        "text_en": en,
    }


# --- awards --------------------------------------------------------------------------------------------


def award_titles() -> list[AwardTitle]:
    return list(AwardTitle.objects.order_by("code"))


def award_title_out(title: AwardTitle) -> dict:
    return {
        "code": title.code,
        "name": title.name,
        "name_en": title.name_en,
        "issuer": "、".join(title.issuers),
        "issuer_en": "; ".join(title.issuers_en),
        "issuers": title.issuers,
        "issuers_en": title.issuers_en,
        "validity_years": title.validity_years,
        "batch": title.batch,
    }


def awards_qs():
    return Award.objects.select_related("title", "recipient", "edition", "key")


def get_award(serial: str) -> Award:
    award = awards_qs().filter(serial=str(serial).strip().upper()).first()
    if award is None:
        raise NotFound("Not found.")
    return award


def verify_url(serial: str) -> str:
    return settings.SITE_URL + reverse("verify_award", kwargs={"serial": serial})


def award_out(award: Award, today=None) -> dict:
    today = today or timezone.localdate()
    return {
        "serial": award.serial,
        "title": award.title.name,
        "title_en": award.title.name_en,
        "title_code": award.title.code,
        "recipient": award.recipient.name,
        "recipient_en": award.recipient.name_en,
        "edition": award.edition.slug if award.edition_id else None,
        "issuers": award.title.issuers,
        "issuers_en": award.title.issuers_en,
        "batch": award.batch,
        "issued_on": award.issued_on,
        "valid_until": award.valid_until,
        "document_number": award.document_number,
        "status": award.status_on(today),
        "status_label": str(AwardStatus(award.status_on(today)).label),
        "revoked_at": award.revoked_at,
        "revoked_reason": award.revoked_reason,
        "is_example": award.is_example,
        "signature_valid": crypto.signature_valid(award),
        "key_id": award.key.kid,
        "verify_url": verify_url(award.serial),
        "certificate_url": settings.SITE_URL
        + reverse("api:award_certificate", kwargs={"serial": award.serial}),
    }


def edition_awards(edition: Edition) -> list[Award]:
    return list(awards_qs().filter(edition=edition).order_by("title__code", "issued_on", "serial"))


# --- organisations -------------------------------------------------------------------------------------


def get_organization(org_id: int) -> Organization:
    org = Organization.objects.filter(pk=org_id).first()
    if org is None:
        raise NotFound(_("No such organisation."))
    return org


def organization_record(org: Organization, editions=None) -> dict:
    """An organisation across every edition (or only `editions`, ids): registrations, signing projects,
    awards."""
    registrations = org.registrations.select_related("edition", "category")
    party_rows = SigningParty.objects.filter(organization=org)
    award_rows = awards_qs().filter(recipient=org)
    if editions is not None:
        registrations = registrations.filter(edition__in=editions)
        party_rows = party_rows.filter(project__edition__in=editions)
        award_rows = award_rows.filter(edition__in=editions)
    registrations = list(registrations.order_by("-edition__starts_on", "created_at"))
    parties = [
        {
            "edition": p.project.edition.slug,
            "order": p.project.order,
            "project": p.project.name,
            "role": PARTY_ROLE_ZH.get(p.role, p.role) + "方",
            "signatory": f"{p.signatory} {p.signatory_title}".strip(),
            "amount": amount_zh(p.project.amount, p.project.currency),
        }
        for p in party_rows.select_related("project__edition").order_by(
            "-project__edition__starts_on", "project__order"
        )
    ]
    awards = list(award_rows.order_by("-issued_on"))
    return {"organization": org, "registrations": registrations, "parties": parties, "awards": awards}
