"""Background document jobs (the `Job` model): queue one, run it in the task worker with progress, publish its
file, read it back; the lock a worker holds while it runs a job and the recovery of jobs whose worker died.

Each kind of job names the function that renders its file by dotted path (`services.RENDERERS`), imported
when a job of that kind runs: the machinery imports neither the badges nor the units that use it.
"""

# Stored by task rows failed before events/badges/ existed (`events.jobs.WorkerDied`): it resolves again.
from .locks import WorkerDied

__all__ = ["WorkerDied"]
