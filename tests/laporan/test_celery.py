"""Celery plumbing: eager with no broker, and a real worker on the real Redis broker."""

import os
import socket
from urllib.parse import urlparse

import pytest
from celery.contrib.testing.worker import start_worker

from laporan.tasks import ping
from probolinggo_portal.celery import app

REDIS_URL = os.environ.get("CELERY_TEST_BROKER_URL") or os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/15"


def test_without_broker_tasks_run_eagerly():
    app.conf.task_always_eager = True
    try:
        result = ping.delay("eager")
        assert result.get(timeout=1)["balasan"] == "halo eager"
    finally:
        app.conf.task_always_eager = not os.environ.get("CELERY_BROKER_URL")


def _redis_answers(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _forget_cached_connections():
    """Celery caches the result backend and the broker connection pools on first use (built
    from the settings of that moment, here the eager default); rebuild them from the new config."""
    app._local.__dict__.pop("backend", None)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_redis():
    if not _redis_answers(REDIS_URL):
        pytest.fail(f"Redis tidak menjawab di {REDIS_URL}. Jalankan redis-server (make test / .ci/run menyalakannya).")
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=REDIS_URL, result_backend=REDIS_URL, task_always_eager=False)
    _forget_cached_connections()
    try:
        yield app
    finally:
        app.conf.update(saved)
        _forget_cached_connections()


@pytest.mark.celery_worker
def test_real_worker_on_redis_runs_the_task(celery_redis):
    with start_worker(celery_redis, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = ping.delay("pekerja")
        answer = result.get(timeout=20)
    assert answer["balasan"] == "halo pekerja"
    assert answer["waktu"].endswith("+07:00"), "waktu tugas harus Asia/Jakarta"
    assert result.backend.__class__.__name__ == "RedisBackend"
