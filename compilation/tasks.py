"""The compilation task: takes a run's id and calls the service (see compilation.services).

acks_late + reject_on_worker_lost: the message is acknowledged only when the task returns, so a
worker process killed mid-run (OOM, SIGKILL, a lost machine) gives the message back to the broker
and the run starts again; the service counts the attempts and gives up after MAX_ATTEMPTS.
The soft time limit ends the run as failed with a message; the hard one kills the child process
(counted as an interrupted attempt). The memory ceiling is set around the job by the service, and
CELERY_WORKER_MAX_MEMORY_PER_CHILD replaces a child that grew too large after its task.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from compilation import services


@shared_task(
    name="compilation.compile_report",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    soft_time_limit=settings.COMPILATION_SOFT_TIME_LIMIT,
    time_limit=settings.COMPILATION_TIME_LIMIT,
)
def compile_report(run_id: int) -> None:
    services.run_execute(run_id=run_id)
