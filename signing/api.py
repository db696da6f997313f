from typing import Literal

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.responses import Status

from events.auth import staff
from events.exceptions import InvalidInput, NotFound
from events.selectors import get_edition
from events.throttles import throttle
from organizers.permissions import require

from . import credential, crypto, documents, selectors, services, spreadsheet, status
from .models import IssuerKey
from .schemas import (
    AwardCreatedOut,
    AwardIn,
    AwardOut,
    AwardTitleOut,
    CredentialOut,
    PressSummaryOut,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
    ReorderIn,
    RevokeIn,
)

DocLang = Literal["zh", "en", "both"]  # documents.LANGS
router = Router(tags=["signing"])
SIGNING = staff("signing")


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- signing projects ----------------------------------------------------------------------------------


@router.get(
    "/events/{slug}/signing-projects", response=list[ProjectOut], auth=SIGNING, url_name="signing_projects"
)
def list_projects(request: HttpRequest, slug: str):
    return selectors.project_list(get_edition(slug))


@router.post("/events/{slug}/signing-projects", response={201: ProjectOut}, auth=SIGNING)
def create_project(request: HttpRequest, slug: str, payload: ProjectIn):
    project = services.create_project(edition=get_edition(slug), **payload.dict())
    return Status(201, selectors.project_out(selectors.get_project(project.edition, project.pk)))


@router.post("/events/{slug}/signing-projects/reorder", response=list[ProjectOut], auth=SIGNING)
def reorder_projects(request: HttpRequest, slug: str, payload: ReorderIn):
    edition = get_edition(slug)
    services.reorder_projects(edition=edition, ids=payload.ids)
    return selectors.project_list(edition)


@router.get("/events/{slug}/signing-projects.xlsx", auth=SIGNING)
def export_projects(request: HttpRequest, slug: str):
    response = HttpResponse(
        spreadsheet.projects_xlsx(get_edition(slug)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}-signing-projects.xlsx"'
    return response


@router.get(
    "/events/{slug}/signing-projects/{project_id}",
    response=ProjectOut,
    auth=SIGNING,
    url_name="signing_project",
)
def get_project(request: HttpRequest, slug: str, project_id: int):
    return selectors.project_out(selectors.get_project(get_edition(slug), project_id))


@router.patch(
    "/events/{slug}/signing-projects/{project_id}",
    response=ProjectOut,
    auth=SIGNING,
    url_name="signing_project_patch",
)
def patch_project(request: HttpRequest, slug: str, project_id: int, payload: ProjectPatch):
    project = selectors.get_project(get_edition(slug), project_id)
    project = services.update_project(project=project, changes=payload.dict(exclude_unset=True))
    return selectors.project_out(selectors.get_project(project.edition, project.pk))


@router.delete("/events/{slug}/signing-projects/{project_id}", response={204: None}, auth=SIGNING)
def delete_project(request: HttpRequest, slug: str, project_id: int):
    services.delete_project(project=selectors.get_project(get_edition(slug), project_id))
    return Status(204, None)


@router.get("/events/{slug}/press-summary", response=PressSummaryOut, auth=SIGNING)
def press_summary(request: HttpRequest, slug: str):
    return selectors.press_summary(get_edition(slug))


# --- documents (literal paths: agenda registers programme.pdf beside them) ------------------------------


def _document(slug: str, kind: str, lang: str | None) -> HttpResponse:
    edition = get_edition(slug)
    return _pdf(documents.render_document(edition, kind, lang or "zh"), f"{slug}-{kind}.pdf")


@router.get("/events/{slug}/documents/run-of-show.pdf", auth=SIGNING)
def run_of_show_pdf(request: HttpRequest, slug: str, lang: DocLang = "zh"):
    return _document(slug, "run-of-show", lang)


@router.get("/events/{slug}/documents/signing-list.pdf", auth=SIGNING)
def signing_list_pdf(request: HttpRequest, slug: str, lang: DocLang = "zh"):
    return _document(slug, "signing-list", lang)


@router.get("/events/{slug}/documents/placards.pdf", auth=SIGNING)
def placards_pdf(request: HttpRequest, slug: str, lang: DocLang = "zh"):
    return _document(slug, "placards", lang)


@router.get("/events/{slug}/documents/certificates.pdf", auth=SIGNING)
def certificates_pdf(request: HttpRequest, slug: str, lang: DocLang = "both"):
    return _document(slug, "certificates", lang)


@router.get("/events/{slug}/documents/ceremony.zip", auth=SIGNING)
def ceremony_pack(request: HttpRequest, slug: str, lang: DocLang = "zh"):
    """Every document of the ceremony in one ZIP (laid out side by side in worker processes)."""
    response = HttpResponse(
        documents.render_ceremony_pack(get_edition(slug), lang), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}-ceremony-{lang}.zip"'
    return response


# --- award titles and awards ---------------------------------------------------------------------------


@router.get("/award-titles", response=list[AwardTitleOut])
def list_award_titles(request: HttpRequest):
    return [selectors.award_title_out(t) for t in selectors.award_titles()]


@router.get("/award-issuer", response=dict)
def award_issuer(request: HttpRequest):
    """The issuer's public keys (a JWK set): Ed25519 for the awards' signatures, RSA (RS256) for the
    credentials' VC-JWTs, whose `kid` is the URL below."""
    return {"id": crypto.issuer_id(), "keys": crypto.public_jwks()}


JWK_SCHEMA = {
    "type": "object",
    "required": ["kty", "n", "e", "kid", "alg", "use"],
    "properties": {
        "kty": {"type": "string", "enum": ["RSA"]},
        "n": {"type": "string"},
        "e": {"type": "string"},
        "kid": {"type": "string", "format": "uri"},
        "alg": {"type": "string", "enum": ["RS256"]},
        "use": {"type": "string", "enum": ["sig"]},
    },
}
STATUS_LIST_SCHEMA = {
    "type": "object",
    "required": ["@context", "id", "type", "issuer", "validFrom", "credentialSubject"],
    "properties": {
        "@context": {"type": "array", "items": {"type": "string"}},
        "id": {"type": "string"},
        "type": {"type": "array", "items": {"type": "string"}},
        "issuer": {"type": "string"},
        "validFrom": {"type": "string", "format": "date-time"},
        "credentialSubject": {
            "type": "object",
            "required": ["id", "type", "statusPurpose", "encodedList"],
            "properties": {
                "id": {"type": "string"},
                "type": {"type": "string", "enum": ["BitstringStatusList"]},
                "statusPurpose": {"type": "string", "enum": ["revocation"]},
                "encodedList": {"type": "string", "pattern": "^u[A-Za-z0-9_-]+$"},
            },
        },
    },
}


@router.get(
    "/award-issuer/keys/{kid}",
    openapi_extra={
        "responses": {
            200: {
                "description": "The public JWK",
                "content": {"application/jwk+json": {"schema": JWK_SCHEMA}},
            }
        }
    },
)
def award_issuer_key(request: HttpRequest, kid: str):
    """The RS256 public JWK named by a credential's `kid`."""
    key = IssuerKey.objects.filter(kid=kid).first()
    jwk = crypto.rsa_public_jwk(key) if key else None
    if jwk is None:
        raise NotFound(_("no such key."))
    return JsonResponse(jwk, content_type="application/jwk+json")


@router.get(
    "/award-status/{number}",
    openapi_extra={
        "responses": {
            200: {
                "description": "The BitstringStatusListCredential",
                "content": {
                    "application/vc+ld+json": {"schema": STATUS_LIST_SCHEMA},
                    "application/vc+jwt": {"schema": {"type": "string"}},
                },
            }
        }
    },
)
def award_status_list(request: HttpRequest, number: int):
    """The W3C Bitstring Status List credential of the awards' revocations (list `number`). JSON by
    default; as a VC-JWT (RS256, like the awards' credentials) for `Accept: application/vc+jwt`."""
    if not status.list_exists(number):
        raise NotFound(_("no such status list."))
    data = status.list_credential(number)
    if "application/vc+jwt" in request.headers.get("Accept", ""):
        response = HttpResponse(
            credential.sign_jwt(data, crypto.issuer_key()), content_type="application/vc+jwt"
        )
    else:
        response = JsonResponse(data, content_type="application/vc+ld+json")
    response["Cache-Control"] = "no-cache"  # a revocation must reach verifiers at once
    response["Vary"] = "Accept"
    return response


@router.post("/awards", response={201: AwardCreatedOut}, auth=SIGNING)
def create_award(request: HttpRequest, payload: AwardIn):
    data = payload.dict()
    edition = _edition_field(data.pop("edition"))
    require(request, "signing", edition=edition)
    award = services.issue_award(edition=edition, **data)
    return Status(201, selectors.award_out(award))


def _edition_field(slug: str | None):
    if not slug:
        return None
    try:
        return get_edition(slug)
    except NotFound:
        raise InvalidInput(_("no edition '%(slug)s'.") % {"slug": slug}, field="edition")


@router.post("/awards/{serial}/revoke", response=AwardOut, auth=SIGNING)
def revoke_award(request: HttpRequest, serial: str, payload: RevokeIn):
    award = selectors.get_award(serial)
    require(request, "signing", edition=award.edition)
    award = services.revoke_award(award=award, reason=payload.reason)
    return selectors.award_out(selectors.get_award(award.serial))


@router.get("/events/{slug}/awards", response=list[AwardOut], auth=SIGNING)
def edition_awards(request: HttpRequest, slug: str):
    return [selectors.award_out(a) for a in selectors.edition_awards(get_edition(slug))]


@router.get("/awards/{serial}", response=AwardOut, throttle=throttle("verify"))
def get_award(request: HttpRequest, serial: str):
    return selectors.award_out(selectors.get_award(serial))


@router.get("/awards/{serial}/certificate.pdf", auth=SIGNING)
def award_certificate(request: HttpRequest, serial: str, lang: DocLang = "both"):
    award = selectors.get_award(serial)
    require(request, "signing", edition=award.edition)
    return _pdf(documents.render_certificate(award, lang), f"certificate-{award.serial}.pdf")


@router.get("/awards/{serial}/credential", response=CredentialOut, throttle=throttle("verify"))
def award_credential(request: HttpRequest, serial: str):
    award = selectors.get_award(serial)
    return {"credential": credential.build_credential(award), "jwt": credential.credential_jwt(award)}
