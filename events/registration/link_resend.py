"""Public registration answers the same for a new address and for one that already holds a registration.

A stranger who types someone's address must not learn that this person attends, yet the person must get
their private link. So the public answer (the API's 202 `check_email`, the registration page's "check your
e-mail") never says which happened, and the link travels only by e-mail:

- a new address: the registration is written; the task worker mints its private link and e-mails the
  confirmation carrying it (`register_by_mail`);
- an address that already holds an active registration: nothing is written; the task worker mints a new
  private link for the holder and e-mails it with "you are already registered" (the old link's secret is
  stored only as a hash and cannot be re-sent; the new link replaces it). The ticket QR code is not touched.

Both e-mails are sent after the request by the task worker (`mail_private_link_task` below, `make run` starts the worker): the
request only records the task, and the raw link is never stored (the worker mints it when it mails it).
"""

from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from ..auth import hash_secret
from ..enums import ACTIVE_STATUSES
from ..exceptions import AlreadyRegistered
from ..language import localized
from ..models import Edition, Registration
from . import services
from .links import manage_url, new_manage_token
from .mail import send_confirmation

CHECK_EMAIL = gettext_lazy(
    "Thank you. We have sent an e-mail to this address: follow the link in it to see or change your registration."
)


def register_by_mail(*, edition: Edition, **data) -> None:
    """The public registration (API and page): register, or mail the holder of the address their link.
    Answers nothing either way; errors that do not depend on the address (closed, full, invalid) raise."""
    try:
        result = services.register_attendee(edition=edition, mail_link=True, **data)
    except AlreadyRegistered:
        holder = (
            Registration.objects.filter(
                edition=edition,
                email=(data.get("email") or "").strip().lower(),
                status__in=ACTIVE_STATUSES,
                anonymized_at__isnull=True,
            )
            .values_list("pk", flat=True)
            .first()
        )
        if holder is not None:
            enqueue_link_mail(registration_id=holder, again=True)
        return
    enqueue_link_mail(registration_id=result.registration.pk)


def mail_private_link(*, registration_id: int, again: bool = False) -> bool:
    """The task worker's side: give the registration a new private link and e-mail it (the confirmation
    for a new registration; "you are already registered" when `again`). False when there is nobody to
    mail (cancelled or anonymised meanwhile)."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("edition")
            .filter(pk=registration_id, anonymized_at__isnull=True)
            .exclude(email="")
            .first()
        )
        if registration is None or (again and registration.status not in ACTIVE_STATUSES):
            return False
        token = new_manage_token()
        Registration.objects.filter(pk=registration.pk).update(manage_token_hash=hash_secret(token))
    if again:
        _send_again(registration, registration.edition, token)
    else:
        send_confirmation(registration=registration, manage_token=token)
    return True


def _send_again(registration: Registration, edition: Edition, token: str) -> None:
    link = manage_url(token)
    lines = [
        f"{registration.name}：",
        "",
        f"有人（也许是您本人）使用此邮箱再次报名{edition.name}。您已报名，报名编号 {registration.code}。",
        f"查看电子票、修改或取消报名：{link}",
        "（此链接取代此前邮件中的链接。如非本人操作，无需处理。）",
        "",
        f"Dear {localized(registration, en=True)},",
        "",
        f"Someone (perhaps you) tried to register again with this address for {localized(edition, en=True)}.",
        f"You are already registered, code {registration.code}. Your ticket, and to change or cancel: {link}",
        "(This link replaces the one in earlier e-mails. If it was not you, there is nothing to do.)",
    ]
    with translation.override(
        registration.language
    ):  # the subject in the holder's language, the body in both
        subject = _("[%(name)s] You are already registered") % {"name": localized(edition)}
    send_mail(subject, "\n".join(lines), None, [registration.email], fail_silently=True)


@task()
def mail_private_link_task(registration_id: int, again: bool = False) -> None:
    """Mint a registration's private link and e-mail it: the confirmation of a public registration, or
    "you are already registered" to the holder of an address registered again."""
    mail_private_link(registration_id=registration_id, again=again)


def enqueue_link_mail(*, registration_id: int, again: bool = False) -> None:
    """Record, for when the current transaction commits, that the task worker is to mint this registration a
    private link and e-mail it (`mail_private_link`: the confirmation, or "already registered" when
    `again`). Only the id is queued: the raw link is never stored."""
    transaction.on_commit(
        lambda: mail_private_link_task.enqueue(registration_id=registration_id, again=again)
    )
