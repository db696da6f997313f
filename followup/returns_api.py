"""The unit's private link (no login): its projects for the period, one return per project."""

from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from . import returns
from .api import MULTIPART_SCHEMA, UPDATE_FIELDS
from .schemas import ReturnLinkOut, UpdateOut
from .serialize import money, read_body, update_out

router = Router(tags=["follow-up"])
RETURN_FIELDS = {
    "project": {"type": "integer"},
    **{k: v for k, v in UPDATE_FIELDS.items() if k not in ("period", "corrects")},
}
RETURN_BODY = {
    "requestBody": {
        "content": {
            "application/json": {
                "schema": {"type": "object", "required": ["project"], "properties": RETURN_FIELDS}
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["project"],
                    "properties": {**RETURN_FIELDS, "evidence": MULTIPART_SCHEMA["properties"]["evidence"]},
                }
            },
        },
        "required": True,
    }
}


def link_out(detail: dict) -> dict:
    rp = detail["period"]
    return {
        "unit": detail["link"].organization.name,
        "series": rp.series.slug,
        "period": rp.period,
        "due_on": rp.due_on,
        "projects": [
            {
                "id": p["followed"].pk,
                "name": p["followed"].project.name,
                "edition": p["followed"].project.edition.slug,
                "stage": p["followed"].stage,
                "funds_in": money(p["followed"].funds_in),
                "investment_total": money(p["followed"].investment_total),
                "filed": p["filed"] is not None,
                "last": None if p["last"] is None else update_out(p["last"]),
            }
            for p in detail["projects"]
        ],
    }


@router.get("/returns/{token}", response=ReturnLinkOut)
def get_returns(request: HttpRequest, token: str):
    return link_out(returns.link_detail(returns.get_link(token)))


@router.post("/returns/{token}", response={201: UpdateOut}, openapi_extra=RETURN_BODY)
def post_return(request: HttpRequest, token: str):
    link = returns.get_link(token)
    data, files = read_body(request)
    return Status(201, update_out(returns.submit(link, data, files)))
