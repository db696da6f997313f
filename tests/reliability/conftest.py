"""A small demo-like world for the reliability suite: one edition with real-looking rows for every kind of
path parameter the API takes, and an API token per staff role."""

import datetime as dt
from dataclasses import dataclass, field

import pytest

from agenda.services import publish_release
from events.auth import new_api_token
from events.models import Job
from organizers.permissions import FLAGS
from tests.agenda.factories import make_session
from tests.factories import make_category, make_edition, make_point, make_user, register


@dataclass
class World:
    edition: object
    code: str
    manage_token: str
    job_id: str
    tokens: dict = field(default_factory=dict)  # role (or "none") -> bearer token

    def path_params(self) -> dict:
        """Values for every path parameter name the API uses; unknown names get a plausible filler."""
        return {
            "slug": self.edition.slug,
            "code": self.code,
            "manage_token": self.manage_token,
            "job_id": self.job_id,
            "serial": "HW-2030-0001",
            "session_id": 1,
            "project_id": 1,
        }


def staff_token(username: str, flag: str | None) -> str:
    """A bearer token for a user in a team holding `flag` over the test organiser (no password: hashing one
    costs a second per user)."""
    return new_api_token(user=make_user(username, [flag] if flag else None, password=None))


def build_world() -> World:
    edition = make_edition(starts_on=dt.date(2030, 6, 28), ends_on=dt.date(2030, 6, 29))
    make_category(edition, capacity=50, waitlist=True)
    make_category(edition, code="guest", name="嘉宾", name_en="Guest", requires_approval=True)
    make_point(edition)
    result = register(edition)
    # A published agenda, so the public agenda's answer is held to its schema too.
    make_session(edition, "09:00", "09:30")
    publish_release(edition=edition)
    job = Job.objects.create(kind=Job.Kind.BADGES, edition=edition, params={"size": "a6"}, total=1)
    tokens = {flag: staff_token(f"rel-{flag}", flag) for flag in FLAGS}
    tokens["none"] = staff_token("rel-norole", None)
    return World(
        edition=edition,
        code=result.registration.code,
        manage_token=result.manage_token,
        job_id=str(job.pk),
        tokens=tokens,
    )


@pytest.fixture
def world(db) -> World:
    return build_world()
