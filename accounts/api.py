"""The caller's own two factors: POST /me/totp (a new authenticator to scan) and /me/totp/confirm."""

from django.http import HttpRequest
from ninja import Router, Schema

from events.auth import signed_in

from . import twofactor

router = Router(tags=["me"])


class TotpOut(Schema):
    secret: str  # base32, for typing into an app
    otpauth_uri: str  # otpauth://totp/...: what the QR code holds


class TotpConfirmIn(Schema):
    code: str


class TotpConfirmOut(Schema):
    enabled: bool
    recovery_codes: list[str]  # shown once; each works once instead of the app's code


@router.post("/me/totp", response=TotpOut, auth=signed_in())
def start_totp(request: HttpRequest):
    """A new, unconfirmed authenticator for the caller; sign-in asks for codes only once it is confirmed."""
    return twofactor.start_enrolment(user=request.auth)


@router.post("/me/totp/confirm", response=TotpConfirmOut, auth=signed_in())
def confirm_totp(request: HttpRequest, payload: TotpConfirmIn):
    """Enable the authenticator with a code it shows (422 naming `code` when wrong); returns recovery codes."""
    codes = twofactor.confirm_enrolment(user=request.auth, code=payload.code)
    return {"enabled": True, "recovery_codes": codes}
