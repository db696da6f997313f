"""Plain answers of the follow-up API (and the pages' data): amounts as decimal strings in 万元."""

import json
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from events.exceptions import InvalidInput


def money(value) -> str:

    return str(Decimal(value or 0).quantize(Decimal("0.01")))


def followed_out(row: dict) -> dict:
    f = row["followed"]
    project = f.project
    return {
        "id": f.pk,
        "edition": project.edition.slug,
        "name": project.name,
        "name_en": project.name_en,
        "parties": [{"role": p.role, "organization": p.organization.name} for p in project.parties.all()],
        "sector": f.sector,
        "contract_kind": f.contract_kind,
        "investment_total": money(f.investment_total),
        "funds_in": money(row["funds_in"]),
        "stage": row["stage"],
        "terminated_reason": f.terminated_reason,
        "light": row["light"],
        "signed_on": f.signed_on,
        "start_due_on": f.start_due_on,
        "finish_due_on": f.finish_due_on,
        "converted_on": f.converted_on,
        "responsible_unit": f.responsible_unit.name if f.responsible_unit else None,
        "liaison_name": f.liaison_name,
        "liaison_mobile": f.liaison_mobile,
        "liaison_email": f.liaison_email,
        "last_period": row["last_period"],
    }


def evidence_url(followed_id: int, evidence) -> str:
    return reverse("followup_evidence", kwargs={"project_id": followed_id, "evidence_id": evidence.pk})


def update_out(u) -> dict:
    return {
        "id": u.pk,
        "period": u.period,
        "stage": u.stage,
        "funds_added": None if u.funds_added is None else money(u.funds_added),
        "note": u.note,
        "blockers": u.blockers,
        "corrects": u.corrects_id,
        "corrected_by": [c.pk for c in u.corrected_by.all()],
        "recorded_by": u.recorded_name,
        "recorded_at": u.recorded_at,
        "evidence": [
            {
                "id": e.pk,
                "name": e.name,
                "content_type": e.content_type,
                "size": e.size,
                "url": evidence_url(u.project_id, e),
            }
            for e in u.evidence.all()
        ],
    }


def read_body(request) -> tuple[dict, list]:
    """The fields and evidence files of an update: multipart (a form with `evidence` files) or JSON."""
    media_type = (request.content_type or "").split(";")[0].strip().lower()
    if media_type == "multipart/form-data" or media_type == "application/x-www-form-urlencoded":
        data = {
            k: request.POST.get(k) for k in ("period", "stage", "funds_added", "note", "corrects", "project")
        }
        data["blockers"] = request.POST.getlist("blockers")
        return data, request.FILES.getlist("evidence")
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput(_("The body is not valid JSON."), field=None) from None
    if not isinstance(data, dict):
        raise InvalidInput(_("The body is not valid JSON."), field=None)
    return data, []
