"""Shapes shared by the API and the pages (plain dicts; no HTTP here)."""

from events.models import Edition

from . import selectors
from .models import Release, Session


def session_out(session: Session, edition: Edition, conflicts: list[dict] | None = None) -> dict:
    data = selectors.session_data(session, selectors.edition_tz(edition))
    data["expected_categories"] = [c.code for c in session.expected_categories.all()]
    data["conflicts"] = conflicts or []
    return data


def release_out(release: Release, edition: Edition) -> dict:
    return {
        "version": release.version,
        "published_at": release.published_at.astimezone(selectors.edition_tz(edition)).isoformat(),
        "comment": release.comment,
        "changes": release.changes,
    }
