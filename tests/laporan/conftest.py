"""Fixtures shared by the report tests: tasks in-process, a broker that does not answer, the city's regions."""

import pytest
from django.core.management import call_command

from probolinggo_portal.celery import app
from tests.conftest import _forget_cached_connections
from wilayah.models import Kelurahan

BROKER_MATI = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def eager():
    """Tasks in-process, whatever the environment says (the embedded default: no broker); a task's
    error is its result's, as ``tasks.jalankan`` runs them (Celery retries eagerly only so)."""
    simpan = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, False
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = simpan


@pytest.fixture
def broker_mati():
    """A broker is configured but does not answer."""
    simpan = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=BROKER_MATI, result_backend=BROKER_MATI, task_always_eager=False)
    _forget_cached_connections()
    yield app
    app.conf.update(simpan)
    _forget_cached_connections()


@pytest.fixture
def kota(db):
    """The city's 5 kecamatan and 29 kelurahan."""
    call_command("muat_wilayah", verbosity=0)
    return Kelurahan.objects.count()
