"""Two factors for staff: an authenticator app (TOTP) and one-time recovery codes, kept by django-otp, and
the organiser's policy "teams with admin, settings or registrations must use two factors"."""

import base64
import time

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from events.exceptions import Forbidden, InvalidInput
from organizers.models import Team

RECOVERY_CODES = 10
STRONG_FLAGS = frozenset({"admin", "settings", "registrations"})
POLICY_SESSION_KEY = "huiwu_2fa_policy"
ME_PREFIX = "/api/v1/me/"
POLICY_TTL = 300  # seconds a session keeps its answer to "must this user use two factors?"


def has_device(user) -> bool:
    """A confirmed authenticator app (recovery codes alone do not count as enrolled)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def start_enrolment(*, user) -> dict:
    """A new unconfirmed authenticator for `user` (replacing an earlier unconfirmed one): its secret in
    base32 and the otpauth:// URI an app scans. The confirmed device, if any, stays until this is confirmed."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return {"secret": secret_of(device), "otpauth_uri": device.config_url}


def secret_of(device) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def confirm_enrolment(*, user, code: str) -> list[str]:
    """Enable the unconfirmed authenticator when `code` is right (422 naming `code` otherwise), retire any
    earlier one, and return new recovery codes (shown once; each works once)."""
    code = "".join((code or "").split())
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).last()
        if device is None:
            raise InvalidInput(gettext("Start the set-up first: no authenticator is waiting."), field="code")
        if not code.isdigit() or not device.verify_token(code):
            raise InvalidInput(
                gettext("That code is not right. Enter the 6 digits the app shows now."), field="code"
            )
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return new_recovery_codes(user=user)


def new_recovery_codes(*, user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODES new ones (earlier ones stop working)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_code(user, code: str):
    """The device that accepts `code` (the app's current code, or an unused recovery code, which is then
    used up), or None."""
    code = "".join((code or "").split())
    if not code:
        return None
    return match_token(user, code)


def disable(*, user) -> None:
    """Remove every second factor of `user`."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def two_factor_required(user) -> bool:
    """Is `user` a member of a team holding admin, settings or registrations of an organiser that requires
    two factors?"""
    if not getattr(user, "is_authenticated", False):
        return False
    teams = Team.objects.filter(members=user, organizer__require_two_factor=True).values_list(
        "permissions", flat=True
    )
    return any(STRONG_FLAGS & set(flags or ()) for flags in teams)


def must_enrol(request) -> bool:
    """The signed-in session's user must use two factors and this session has not passed the second step
    (no confirmed authenticator, or signed in without it). The policy is kept in the session for a while:
    one query per session every few minutes, not one per request."""
    user = request.user
    if not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return False
    cached = request.session.get(POLICY_SESSION_KEY)
    now = time.time()
    if not cached or now - cached[0] > POLICY_TTL or cached[1] != user.pk:
        cached = [now, user.pk, two_factor_required(user)]
        request.session[POLICY_SESSION_KEY] = cached
    return bool(cached[2])


def check_session(request, user) -> None:
    """events.hooks session check: a staff API call with a session refused (403) while two factors are
    required and missing (except the enrolment itself, /api/v1/me/...)."""
    if not request.path.startswith(ME_PREFIX) and must_enrol(request):
        raise Forbidden(
            gettext(
                "Your organiser requires two-factor sign-in: enrol an authenticator app at "
                "/staff/me/security, then sign in again."
            )
        )


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's password form, closed to accounts with two factors (their second step is /staff/login)."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if has_device(user):
            raise ValidationError(
                gettext("This account signs in with two factors: use the staff login page."),
                code="two_factor",
            )
