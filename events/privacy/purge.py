"""Personal data: anonymise an edition after its retention date (the daily task is events/privacy/tasks.py)."""

import datetime as dt
import logging
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from .. import cache
from ..exceptions import Conflict
from ..models import Edition, Job, Organization, Registration, Scan, StaffAccessLog

log = logging.getLogger(__name__)
ANONYMISED_NAME = "（已匿名）"


def edition_has_ended(edition: Edition, today: dt.date | None = None) -> bool:
    return edition.ends_on < (today or timezone.localdate())


@transaction.atomic
def anonymise_edition(*, edition: Edition, force: bool = False) -> int:
    """Erase names, e-mails, mobiles, titles, employers and manage links of every registration of an
    edition that has ended. Counts, categories, statuses and check-in figures stay. Returns how many
    registrations were anonymised. Refuses while the edition has not ended, unless `force`."""
    if not force and not edition_has_ended(edition):
        raise Conflict(
            f"{edition.slug} has not ended yet ({edition.ends_on}); personal data is still needed."
        )
    now = timezone.now()
    regs = Registration.objects.filter(edition=edition, anonymized_at__isnull=True)
    organisation_ids = set(regs.exclude(organization=None).values_list("organization_id", flat=True))
    count = regs.update(
        name=ANONYMISED_NAME,
        name_en="",
        email="",
        phone="",
        title="",
        organization=None,
        manage_token_hash=None,
        anonymized_at=now,
    )
    # Scan rows keep verdict and time (the check-in figures) but not the replayed response with a name.
    Scan.objects.filter(edition=edition).exclude(response={}).update(response={})
    # A reason for a check-in by hand is free text staff typed: it goes, the fact (counted apart) stays.
    Scan.objects.filter(edition=edition, manual_reason__isnull=False).exclude(manual_reason="").update(
        manual_reason=""
    )
    # Other apps linking a person to a registration (a speaker, a signatory) keep the public role but lose
    # the link to the attendee record.
    for rel in Registration._meta.related_objects:
        model = rel.related_model
        if model._meta.app_label != "events" and rel.field.null:
            model.objects.filter(**{f"{rel.field.name}__edition": edition}).update(**{rel.field.name: None})
    # Rendered badge runs carry names: delete their files.
    _delete_job_files(edition)
    _delete_orphan_organisations(organisation_ids)
    # What staff searched for (a name, an e-mail, a mobile) in this edition: the fact of the access stays.
    StaffAccessLog.objects.filter(
        Q(edition=edition)
        | Q(path__contains=f"/events/{edition.slug}/")
        | Q(path__contains=f"/e/{edition.slug}/")
    ).exclude(target="").update(target=ANONYMISED_NAME)
    # SQLite overwrites what it frees (PRAGMA secure_delete, settings.py); in WAL mode the old page images
    # stay in the database file until a checkpoint copies the new ones over them: do that once committed.
    transaction.on_commit(_checkpoint)
    Edition.objects.filter(pk=edition.pk).update(personal_data_purged_at=now)
    cache.bump_at_commit(cache.EDITIONS)  # (an update sends no signal) registration closes on every worker
    log.warning("anonymised %s registrations of %s", count, edition.slug)
    return count


def _delete_job_files(edition: Edition) -> None:

    for path in (
        Job.objects.filter(edition=edition).exclude(result_path="").values_list("result_path", flat=True)
    ):
        Path(settings.MEDIA_ROOT, path).unlink(missing_ok=True)
    Job.objects.filter(edition=edition).update(result_path="", params={})


def _delete_orphan_organisations(candidates: set[int]) -> None:
    """Employers that only the purged registrations named: nothing else (a registration of another
    edition, a signing party, an award, a unit) refers to them any more."""
    if not candidates:
        return
    in_use: set[int] = set()
    for rel in Organization._meta.related_objects:
        in_use |= set(
            rel.related_model._base_manager.filter(**{f"{rel.field.name}__in": candidates}).values_list(
                rel.field.attname if rel.many_to_one or rel.one_to_one else rel.field.name, flat=True
            )
        )
    Organization.objects.filter(pk__in=candidates - in_use).delete()


def _checkpoint() -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def due_editions(today: dt.date | None = None):
    today = today or timezone.localdate()
    return Edition.objects.filter(
        retention_until__isnull=False,
        retention_until__lt=today,
        ends_on__lt=today,
        personal_data_purged_at__isnull=True,
    )


def purge_due_editions(today: dt.date | None = None) -> dict[str, int]:
    """Anonymise every edition whose retention date has passed."""
    return {edition.slug: anonymise_edition(edition=edition) for edition in due_editions(today)}
