"""Render processes for long documents (events.badges): forked from a fork server that has imported
only the PDF pipeline (documents.render_server), not the Django project that asked for them, so each
starts small (about 60 MB resident against 100+ for a Django process; bench/README.md "Badges") and warm.
"""

import ctypes
import multiprocessing
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Pool initializer: the kernel SIGKILLs this process when its parent exits. The parent is the fork
    server, which exits as soon as the process that started it dies (multiprocessing's alive pipe), so a
    killed job leaves no renderer behind; under the fork method the parent is the job itself."""
    if sys.platform == "linux":
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass


def start() -> None:
    """Start the fork server now, so that it warms up while the caller reads its data."""
    if context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def context() -> multiprocessing.context.BaseContext:
    """Processes forked from a warm, pipeline-only server (plain fork where there is no fork server)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["documents.render_server"])
    return ctx
