"""Render processes for long documents (events.badges): forked from a fork server that has imported
only the PDF pipeline (documents.render_server), not the Django project that asked for them, so each
starts small (about 60 MB resident against 100+ for a Django process; bench/README.md "Badges") and warm.
"""

import ctypes
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from multiprocessing import forkserver

_PR_SET_PDEATHSIG = 1


def die_with(job_pid: int) -> None:
    """Pool initializer: this render process ends as soon as the process that asked for it (`job_pid`)
    dies, even by SIGKILL, so a killed job leaves no renderer behind (nor, in turn, the fork server,
    which lives while any of its children hold its pipe). Under the fork method the job is the parent
    and the kernel kills us (PR_SET_PDEATHSIG); forked from the fork server, a thread waits on a pidfd
    of the job."""
    if os.getppid() == job_pid:
        if sys.platform == "linux":
            try:
                ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
            except (OSError, AttributeError):
                pass
        if os.getppid() == job_pid:
            return
    threading.Thread(target=_exit_when_gone, args=(job_pid,), daemon=True).start()


def _exit_when_gone(pid: int) -> None:
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):  # no pidfd (old kernel): poll
        while True:
            time.sleep(0.5)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except OSError:
                pass
    select.select([fd], [], [])
    os._exit(1)


def start() -> None:
    """Start the fork server now, so that it warms up while the caller reads its data."""
    if context().get_start_method() == "forkserver":
        forkserver.ensure_running()


def context() -> multiprocessing.context.BaseContext:
    """Processes forked from a warm, pipeline-only server (plain fork where there is no fork server)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["documents.render_server"])
    return ctx
