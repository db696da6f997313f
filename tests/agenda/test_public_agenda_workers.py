"""The public agenda after a release, on the server as `make run` starts it (scripts/serve.sh, two gunicorn
workers): every worker serves the new release at the next request, whichever worker published it (the
versioned cache of events/cache.py, bumped by the release), not a copy a worker kept for a while."""

import concurrent.futures
import json
import urllib.request

import pytest

from agenda import services
from tests.agenda.factories import make_session
from tests.factories import make_edition, token_for
from tests.servers import serve_sh

pytestmark = pytest.mark.django_db(transaction=True)


def versions(url: str, n: int) -> list[int]:
    def get(_):
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.load(response)["version"]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return list(pool.map(get, range(n)))


def api(url: str, method: str, body: dict, token: str) -> dict:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def test_every_worker_serves_a_new_release_at_the_next_request(tmp_path):
    edition = make_edition()
    session = make_session(edition)
    services.publish_release(edition=edition, comment="v1")
    token = token_for("planner", "organiser")
    with serve_sh(tmp_path / "var", tmp_path / "serve.log", workers=2, HUIWU_THROTTLE="0") as base:
        agenda = f"{base}/api/v1/events/{edition.slug}/agenda"
        assert versions(agenda, 24) == [1] * 24  # both workers now hold release 1
        for release in (2, 3):
            api(
                f"{base}/api/v1/events/{edition.slug}/sessions/{session.pk}",
                "PATCH",
                {"title": f"开幕式 {release}"},
                token,
            )
            published = api(
                f"{base}/api/v1/events/{edition.slug}/agenda/releases",
                "POST",
                {"comment": f"v{release}"},
                token,
            )
            assert published["version"] == release
            assert versions(agenda, 24) == [release] * 24
