"""Someone registers with an e-mail address that already holds a registration for the edition.

The answer must not tell a stranger that this person attends, yet the person must be able to get back to
their registration. So the answer is neutral ("check your e-mail"), and the holder of the address gets an
e-mail with a fresh private link (the old link's secret is stored only as a hash and cannot be re-sent; the
new link replaces it). The ticket QR code is not touched."""

from django.core.mail import send_mail
from django.db import transaction

from .auth import hash_secret
from .enums import ACTIVE_STATUSES
from .models import Edition, Registration
from .services import manage_url, new_manage_token

CHECK_EMAIL = (
    "Thank you. We have sent an e-mail to this address: follow the link in it to see or change your "
    "registration. 已向该邮箱发送邮件，请通过邮件中的链接查看或修改报名。"
)


def resend_private_link(*, edition: Edition, email: str) -> None:
    """Mail the active registration of `email` for `edition` a new private link; nothing if there is none."""
    email = (email or "").strip().lower()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .filter(edition=edition, email=email, status__in=ACTIVE_STATUSES, anonymized_at__isnull=True)
            .first()
        )
        if registration is None:
            return
        token = new_manage_token()
        Registration.objects.filter(pk=registration.pk).update(manage_token_hash=hash_secret(token))
        transaction.on_commit(lambda: _send(registration, edition, token))


def _send(registration: Registration, edition: Edition, token: str) -> None:
    link = manage_url(token)
    lines = [
        f"{registration.name}：",
        "",
        f"有人（也许是您本人）使用此邮箱再次报名{edition.name}。您已报名，报名编号 {registration.code}。",
        f"查看电子票、修改或取消报名：{link}",
        "（此链接取代此前邮件中的链接。如非本人操作，无需处理。）",
        "",
        f"Dear {registration.name_en or registration.name},",
        "",
        f"Someone (perhaps you) tried to register again with this address for {edition.name_en or edition.name}.",
        f"You are already registered, code {registration.code}. Your ticket, and to change or cancel: {link}",
        "(This link replaces the one in earlier e-mails. If it was not you, there is nothing to do.)",
    ]
    subject = f"[{edition.name}] 您已报名 / You are already registered"
    send_mail(subject, "\n".join(lines), None, [registration.email], fail_silently=True)
