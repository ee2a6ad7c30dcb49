"""Celery plumbing: eager with no broker, and a real worker on the real Redis broker."""

import os

import pytest
from celery.contrib.testing.worker import start_worker

from laporan.tasks import ping
from probolinggo_portal.celery import app


def test_without_broker_tasks_run_eagerly():
    app.conf.task_always_eager = True
    try:
        result = ping.delay("eager")
        assert result.get(timeout=1)["balasan"] == "halo eager"
    finally:
        app.conf.task_always_eager = not os.environ.get("CELERY_BROKER_URL")


@pytest.mark.celery_worker
def test_real_worker_on_redis_runs_the_task(celery_redis):
    with start_worker(celery_redis, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = ping.delay("pekerja")
        answer = result.get(timeout=20)
    assert answer["balasan"] == "halo pekerja"
    assert answer["waktu"].endswith("+07:00"), "waktu tugas harus Asia/Jakarta"
    assert result.backend.__class__.__name__ == "RedisBackend"
