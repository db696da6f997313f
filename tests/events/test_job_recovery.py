"""A badge worker killed mid-job: the job is run again from the start and finishes, with no partial file."""

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from events.jobs.locks import job_lock
from events.jobs.tasks import requeue_stale_jobs
from events.models import Job
from tests.factories import make_category, make_edition, register

pytestmark = pytest.mark.django_db


def test_interrupted_badge_job_finishes_on_requeue_without_leftovers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    edition = make_edition()
    make_category(edition, capacity=10)
    for _ in range(3):
        register(edition)
    # What a SIGKILL leaves: the job claimed and half done, a renderer's temporary directory, no result.
    job = Job.objects.create(
        kind="badges", edition=edition, params={"size": "a6"}, state="running", done=1, total=3
    )
    leftover = tmp_path / "jobs" / ".badges-killed"
    leftover.mkdir(parents=True)
    (leftover / "chunk-0.pdf").write_bytes(b"%PDF-1.7 partial")

    call_command("requeue_jobs")

    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("done", 3, 3)
    assert len(PdfReader(tmp_path / job.result_path).pages) == 3
    assert not leftover.exists()
    assert sorted(p.name for p in (tmp_path / "jobs").iterdir()) == [f"{job.pk}.pdf"]


def test_requeue_marks_the_killed_run_failed_in_the_task_table(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    edition = make_edition()
    make_category(edition)
    register(edition)
    job = Job.objects.create(kind="badges", edition=edition, params={}, state="running", total=1)
    # The row db_worker claimed for the killed run (the worker died before writing its outcome).
    dead = DBTaskResult.objects.create(
        status="RUNNING",
        task_path="events.tasks.render_badges_task",
        backend_name="default",
        args_kwargs={"args": [], "kwargs": {"job_id": str(job.pk)}},
        run_after=timezone.now(),
        started_at=timezone.now(),
        worker_ids=["killed"],
    )

    requeue_stale_jobs()

    dead.refresh_from_db()
    assert (dead.status, dead.exception_class_path) == ("FAILED", "events.jobs.locks.WorkerDied")
    assert dead.finished_at is not None


def test_requeue_leaves_a_running_job_to_its_live_worker(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    edition = make_edition()
    make_category(edition)
    register(edition)
    job = Job.objects.create(kind="badges", edition=edition, params={}, state="running", done=1, total=1)
    renderer_tmp = tmp_path / "jobs" / ".badges-live"
    renderer_tmp.mkdir(parents=True)
    held, release = threading.Event(), threading.Event()

    def live_worker():  # its own thread, hence its own database session, like another worker process
        with job_lock(job.pk):
            held.set()
            release.wait(30)
        connection.close()

    worker = threading.Thread(target=live_worker)
    worker.start()
    assert held.wait(30)
    try:
        requeued = requeue_stale_jobs()
    finally:
        release.set()
        worker.join()

    job.refresh_from_db()
    assert requeued == []
    assert (job.state, job.done) == ("running", 1)
    assert renderer_tmp.is_dir()


def test_requeue_takes_a_running_job_once_its_worker_is_gone(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    edition = make_edition()
    make_category(edition)
    register(edition)
    job = Job.objects.create(kind="badges", edition=edition, params={}, state="running", total=1)
    worker = threading.Thread(target=lambda: (job_lock(job.pk).__enter__(), connection.close()))
    worker.start()
    worker.join()  # the thread took the lock and its session ended without a word, as a killed worker's does

    requeued = requeue_stale_jobs()

    job.refresh_from_db()
    assert requeued == [str(job.pk)]
    assert (job.state, job.done, job.total) == ("done", 1, 1)
    assert len(PdfReader(tmp_path / job.result_path).pages) == 1


@pytest.mark.skipif(sys.platform != "linux", reason="prctl(PR_SET_PDEATHSIG) is Linux's")
def test_a_process_forked_by_a_running_task_dies_with_the_worker():
    # A worker process (real, separate) forks a renderer while it runs a task, then is killed -9.
    script = (
        "import django, multiprocessing, os, signal, time\n"
        "django.setup()\n"
        "from events.jobs import locks\n"
        "locks.running_in = os.getpid()  # what run_job_task sets while it runs\n"
        "child = multiprocessing.get_context('fork').Process(target=time.sleep, args=(60,))\n"
        "child.start()\n"
        "print(child.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    worker = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        text=True,
    )
    renderer = int(worker.stdout.readline())  # not read to the end: a surviving renderer holds the pipe
    worker.stdout.close()
    returncode = worker.wait(30)
    deadline = time.monotonic() + 10
    while _alive(renderer) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert returncode == -signal.SIGKILL
    assert not _alive(renderer)


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
