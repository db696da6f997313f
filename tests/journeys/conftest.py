"""Journeys: a person's whole path through huiwu, clicked in Debian's Chromium against a server started
the way `make run` starts it (migrate, load_demo, collectstatic, then scripts/serve.sh: gunicorn and the
task worker) on a free port, with a fresh database (SQLite in a temporary folder, or a fresh database on
the PostgreSQL server named by DATABASE_URL). One server per test session.

Fixtures:
- `server`: the base URL (a str, e.g. "http://127.0.0.1:41234"); `server.manage("create_token", ...)`
  runs a manage.py command against the same database and returns its output.
- `phone` / `desk`: a Playwright page in a fresh browser context (390x844 zh-CN / 1280x900 en);
  `new_page("phone"|"desk")` another person's page. tests/journeys/people.py: API calls, login, readers.
- `axe(page)`: runs axe-core on the page and fails on any critical or serious violation.
"""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.conftest import PHONE
from tests.journeys.people import PASSWORD, login  # noqa: F401  (other journeys import them from here)
from tests.shell_env import MAKE_RUN_STEPS, PYTHON, ROOT, fresh_database, run_steps, shell_env

AXE_JS = Path(__file__).resolve().parent / ".vendor" / "axe.min.js"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.journeys)
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server(str):
    """The base URL, plus a way to run manage.py commands against the served database."""

    env: dict
    log: Path

    def manage(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def get(self, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
        request = urllib.request.Request(self + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("journeys-var")
    database_url, drop = fresh_database("journeys")
    env = shell_env(var_dir, database_url)
    # As `make run`: it exports the secret it keeps in var/secret_key.
    env["DJANGO_SECRET_KEY"] = (var_dir / "secret_key").read_text().strip()
    # Every person of every journey comes from this one address: the per-address limits (10 staff logins
    # in 5 minutes, 20 registrations a minute) would refuse later journeys. The limits are tested on their
    # own (tests/limits/); here they are raised, not switched off.
    env.update(HUIWU_RATE_LOGIN="1000/5m", HUIWU_RATE_REGISTER="1000/m", HUIWU_RATE_MANAGE="2000/m")
    port = _free_port()
    base = Server(f"http://127.0.0.1:{port}")
    base.env = env
    base.log = var_dir / "serve.log"
    # `make run`'s steps; collectstatic (no database) beside the others, and those in one process, to
    # save Django's start-up time on a loaded machine.
    collect = subprocess.Popen(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        run_steps(env, MAKE_RUN_STEPS)
    finally:
        output, _ = collect.communicate(timeout=600)
    if collect.returncode != 0:
        raise RuntimeError(f"collectstatic failed:\n{output}")
    log = open(base.log, "w")
    proc = subprocess.Popen(
        ["scripts/serve.sh"],
        cwd=ROOT,
        env={**env, "PORT": str(port), "WEB_CONCURRENCY": "2"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"scripts/serve.sh exited early:\n{base.log.read_text()}")
            try:
                status, _, _ = base.get("/")
                if status < 500:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not answer within 120 s:\n{base.log.read_text()}")
            time.sleep(0.3)
        yield base
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log.close()
        # The server's log of the last run, for a person reading a failure: var/journeys-serve.log.
        (ROOT / "var").mkdir(exist_ok=True)
        (ROOT / "var" / "journeys-serve.log").write_text(base.log.read_text(errors="replace"))
        drop()


def _page(browser, server, **options):
    context = browser.new_context(base_url=server, **options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    return context, page


@pytest.fixture
def phone(browser, server):
    context, page = _page(browser, server, **PHONE, locale="zh-CN")
    yield page
    context.close()


@pytest.fixture
def desk(browser, server):
    context, page = _page(browser, server, viewport={"width": 1280, "height": 900}, locale="en")
    yield page
    context.close()


@pytest.fixture
def new_page(browser, server):
    """Another person's page: new_page("phone") / new_page("desk")."""
    contexts = []

    def make(kind: str = "desk"):
        if kind == "phone":
            context, page = _page(browser, server, **PHONE, locale="zh-CN")
        else:
            context, page = _page(browser, server, viewport={"width": 1280, "height": 900}, locale="en")
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()


_AXE_SOURCE = None


def run_axe(page) -> list[dict]:
    """axe-core's violations of impact critical or serious on the page as it is now."""
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        if not AXE_JS.exists():
            pytest.fail(
                "axe-core is not installed: run scripts/test-vendor.sh (make test runs it; needs npm)"
            )
        _AXE_SOURCE = AXE_JS.read_text()
    # Runtime.evaluate is not subject to the page's Content-Security-Policy (no inline script needed).
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE_SOURCE)
    result = page.evaluate(
        "async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})); }"
    )
    return [v for v in result if v["impact"] in ("critical", "serious")]


@pytest.fixture(scope="session")
def axe():
    """axe(page): no critical or serious accessibility violation on the page as it is now."""

    def check(page, label: str = ""):
        bad = run_axe(page)
        assert bad == [], f"axe on {label or page.url}:\n" + json.dumps(bad, ensure_ascii=False, indent=1)

    return check
