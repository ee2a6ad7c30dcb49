import os
import socket
from urllib.parse import urlparse

import pytest

from probolinggo_portal.celery import app
from tests.factories import KecamatanFactory, KelurahanFactory, make_user
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN


@pytest.fixture
def dua_wilayah(db):
    """Two kelurahan in two kecamatan: A (the user's) and B (outside every kelurahan/kecamatan scope of A)."""
    kec_a = KecamatanFactory(kode="35.74.04", nama="Kanigaran")
    kec_b = KecamatanFactory(kode="35.74.01", nama="Kademangan")
    kel_a = KelurahanFactory(kode="35.74.04.1004", nama="Kebonsari Wetan", kecamatan=kec_a)
    kel_b = KelurahanFactory(kode="35.74.01.1001", nama="Ketapang", kecamatan=kec_b)
    return {"kec_a": kec_a, "kec_b": kec_b, "kel_a": kel_a, "kel_b": kel_b}


@pytest.fixture
def operator_a(dua_wilayah):
    return make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="operator_a")


@pytest.fixture
def camat_a(dua_wilayah):
    return make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat_a")


@pytest.fixture
def bappeda(db):
    return make_user(BAPPEDA, username="bappeda")


@pytest.fixture
def walikota(db):
    return make_user(KANTOR_WALI_KOTA, username="walikota")


@pytest.fixture
def hitung_dekode(monkeypatch):
    """The sizes of the images Pillow decodes during the test, one entry per decoding."""
    from PIL import ImageFile

    hitung = []
    asli = ImageFile.ImageFile.load

    def load(self):
        if self.tile:  # pixel data still to decode (afterwards load() returns at once)
            hitung.append(self.size)
        return asli(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return hitung

@pytest.fixture(autouse=True)
def _tanpa_catatan_nik_tertunda():
    """Each test starts with no NIK access log entry pending from an earlier one (``wilayah.nik``:
    entries written inside a transaction wait for the end of the request; a test is one transaction)."""
    from wilayah.nik import lupakan_catatan_tertunda

    lupakan_catatan_tertunda()


# --------------------------------------------------------------------------- a real Celery broker

def _redis_uji() -> str:
    """The test broker: ``CELERY_TEST_BROKER_URL`` (CI) or the local Redis, with a database of its own per
    pytest-xdist worker (15, 14, ...), so a worker started by one test process never takes another
    process's tasks, which would run them against the wrong test database."""
    url = os.environ.get("CELERY_TEST_BROKER_URL") or os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/15"
    pekerja = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    urai = urlparse(url)
    dasar = int(urai.path.strip("/") or 15)
    db = (dasar - int(pekerja or 0)) % 16 if pekerja.isdigit() else dasar
    return urai._replace(path=f"/{db}").geturl()


REDIS_URL = _redis_uji()


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
    app.control.purge()  # messages a killed earlier run left unacknowledged are not this test's
    try:
        yield app
    finally:
        app.conf.update(saved)
        _forget_cached_connections()
