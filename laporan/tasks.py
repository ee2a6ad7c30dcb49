"""Celery tasks of the reports. Tasks are thin: they take ids, load, and call a service
(``laporan/services.py`` says what each step does and why each is idempotent).

    bulanan (beat, 1st of the month 01:00 Asia/Jakarta) -> mulai_dan_antrikan -> siapkan
    siapkan(proses) -> chord(berkas(laporan) per kelurahan) -> rekap(proses)
    rekap(proses) -> chord(berkas(laporan) per kecamatan) -> berkas(city report) -> tutup(proses)

Every start (the beat, ``manage.py laporan_bulanan``, Bappeda's button) goes through
``mulai_dan_antrikan``: it starts the run (``services.laporan_mulai``) and queues its first step
once the run is committed. A broker that does not answer is a ``BrokerTidakTersedia``
(a ``ValidationError`` in Indonesian) and leaves no run blocking the month.

Faults:
- The tasks are acknowledged late and rejected when their worker is lost: a worker killed with
  SIGKILL leaves its message to be delivered again, and each step is one transaction that
  either happened or did not (no half-made report).
- A transient database error (a lost connection, a deadlock, a serialization failure:
  ``OperationalError``/``InterfaceError``) is retried with exponential backoff. Other errors are
  bugs, not worth retrying: the report or the run is marked failed with the error, so the month
  is not left blocked; a run that still stops half-way (its worker gone for good) is taken as
  abandoned after ``services.PROSES_MACET`` and its work is completed by the next start.
- On Redis, a message whose worker died is delivered again after the transport's visibility
  timeout (kombu's default: 1 hour, shorter than ``PROSES_MACET``, 2 hours): the run usually
  finishes by itself; a message delivered after the next start finds its report done and does
  nothing.
"""

from __future__ import annotations

import logging

from celery import Task, chain, chord, group, shared_task
from celery.utils import uuid
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerOperationalError

from . import services
from .models import ProsesLaporan, Sumber

log = logging.getLogger(__name__)

# Database errors that pass: worth a retry. (IntegrityError, ProgrammingError, DataError are
# bugs or bad data: a retry would fail the same way five times.)
GALAT_DB_SEMENTARA = (OperationalError, InterfaceError)

OPSI_TUGAS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": GALAT_DB_SEMENTARA,
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}

# How long a start waits for the broker before it says the broker is down (seconds).
BATAS_WAKTU_BROKER = 3


class BrokerTidakTersedia(ValidationError):
    """The Celery broker did not answer: the run was not started (or was marked failed)."""


def pesan_broker() -> str:
    return _(
        "Antrean tugas (broker Celery) tidak dapat dihubungi, jadi laporan belum dimulai. "
        "Periksa Redis dan pekerja Celery, lalu coba lagi."
    )


class TugasProses(Task):
    """A step of a run (its first argument is the run's id): when it fails for good (a bug, or
    the database still down after every retry), the run is marked failed so it does not block
    the month."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        if args:
            try:
                services.proses_gagal(args[0], _("Langkah %(langkah)s gagal: %(galat)s") % {"langkah": self.name, "galat": exc})
            except Exception:  # the database may be what failed
                log.exception("Proses laporan %s tidak dapat ditandai gagal", args[0])


class TugasBerkas(Task):
    """A report's files: when the task fails for good, the report is marked failed and, since its
    chord will never call the next step, so is its run (a new start completes the month)."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        if not args:
            return
        try:
            from .models import LaporanBulanan

            services.laporan_gagal(args[0], str(exc))
            proses_id = LaporanBulanan.objects.filter(pk=args[0]).values_list("proses_id", flat=True).first()
            if proses_id:
                services.proses_gagal(proses_id, _("Laporan %(id)s gagal dibuat: %(galat)s") % {"id": args[0], "galat": exc})
        except Exception:
            log.exception("Laporan %s tidak dapat ditandai gagal", args[0])


@shared_task(name="laporan.ping")
def ping(nama: str = "portal") -> dict:
    """Proves the Celery plumbing: answers with who asked and when (Asia/Jakarta)."""
    return {"balasan": f"halo {nama}", "waktu": timezone.localtime().isoformat()}


def _lanjut(ids: list[int], berikut) -> None:
    """One file task per report, then ``berikut`` when all are done (a chord); straight to
    ``berikut`` when there is no report to make."""
    if ids:
        chord(group(berkas.si(pk) for pk in ids))(berikut)
    else:
        berikut.delay()


@shared_task(name="laporan.siapkan", base=TugasProses, **OPSI_TUGAS)
def siapkan(proses_id: int) -> int:
    try:
        ids = services.angka_siapkan(proses_id)
    except GALAT_DB_SEMENTARA:
        raise  # retried; TugasProses marks the run failed when the retries are spent
    except Exception as exc:  # a bug must not leave the month's run blocking the next one
        services.proses_gagal(proses_id, str(exc))
        raise
    _lanjut(ids, rekap.si(proses_id))
    return len(ids)


@shared_task(name="laporan.berkas", base=TugasBerkas, **OPSI_TUGAS)
def berkas(laporan_id: int) -> bool:
    try:
        return services.berkas_buat(laporan_id)
    except GALAT_DB_SEMENTARA:
        raise
    except Exception as exc:  # this report failed; the others go on, and the run ends failed
        log.exception("Laporan %s gagal dibuat", laporan_id)
        services.laporan_gagal(laporan_id, str(exc))
        return False


@shared_task(name="laporan.rekap", base=TugasProses, **OPSI_TUGAS)
def rekap(proses_id: int) -> int:
    ids = services.wilayah_rekap(proses_id)
    kecamatan, kota = services.pisah_kota(ids)
    # the city report lists the kecamatan reports: its files after theirs, then the run closes
    _lanjut(kecamatan, chain(*(berkas.si(pk) for pk in kota), tutup.si(proses_id)))
    return len(ids)


@shared_task(name="laporan.tutup", base=TugasProses, **OPSI_TUGAS)
def tutup(proses_id: int) -> bool:
    return services.proses_tutup(proses_id)


# --------------------------------------------------------------------------- starting a run


def eager() -> bool:
    """True when tasks run in-process (no broker configured, or ``--eager``)."""
    return bool(siapkan.app.conf.task_always_eager)


def periksa_broker() -> None:
    """Raise ``BrokerTidakTersedia`` when the broker does not answer within ``BATAS_WAKTU_BROKER``
    seconds (one try, no retries: a person is waiting). Nothing to check when tasks run eagerly."""
    if eager():
        return
    try:
        with siapkan.app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0, timeout=BATAS_WAKTU_BROKER)
    except (BrokerOperationalError, OSError) as exc:
        raise BrokerTidakTersedia(pesan_broker(), code="broker") from exc


def jalankan(proses: ProsesLaporan) -> None:
    """Queue a run's first step (``mulai_dan_antrikan`` calls it once the run is committed).
    A queue that refuses the message marks the run failed and raises ``BrokerTidakTersedia``;
    eagerly, the whole run happens here."""
    task_id = uuid()
    ProsesLaporan.objects.filter(pk=proses.pk).update(task_id=task_id)
    proses.task_id = task_id
    if eager():
        # In-process, a step's error is not raised to the caller: the run records it (failed, with
        # the message), as with a worker; and only so do Celery's retries work eagerly (with
        # ``task_eager_propagates`` the first transient error would escape as ``Retry``).
        conf = siapkan.app.conf
        simpan, conf.task_eager_propagates = conf.task_eager_propagates, False
        try:
            siapkan.apply_async((proses.pk,), task_id=task_id)
        except Exception as exc:
            services.proses_gagal(proses.pk, str(exc) or exc.__class__.__name__)
            raise
        finally:
            conf.task_eager_propagates = simpan
        return
    try:
        # retry=False: no publishing retries behind the user's back; the broker was checked a moment ago.
        siapkan.apply_async((proses.pk,), task_id=task_id, retry=False)
    except Exception as exc:  # broker or result store gone between the check and now
        log.warning("Proses laporan %s tidak dapat diantrikan: %r", proses.pk, exc)
        services.proses_gagal(proses.pk, pesan_broker())
        raise BrokerTidakTersedia(pesan_broker(), code="broker") from exc


def mulai_dan_antrikan(*, tahun: int, bulan: int, kelurahan=None, ulang: bool = False, sumber: str,
                       acting_user=None) -> ProsesLaporan:
    """Start the month's run and queue it when the run is committed: the one door for the beat,
    the command and the dashboard. Raises ``ValidationError`` (a run of the month is unfinished,
    a bad period, or ``BrokerTidakTersedia``) and ``PermissionDenied`` (not Bappeda).

    The broker is asked first, so a broker that is down leaves nothing behind; if it goes down
    between that question and the queueing, the run is marked failed (it never blocks the month).
    Called inside an outer transaction, the queueing (and its error) waits for that commit."""
    periksa_broker()
    proses = services.laporan_mulai(
        tahun=tahun, bulan=bulan, kelurahan=kelurahan, ulang=ulang, sumber=sumber, acting_user=acting_user,
    )
    transaction.on_commit(lambda: jalankan(proses))
    return proses


@shared_task(name="laporan.bulanan", **OPSI_TUGAS)
def bulanan() -> int | None:
    """The beat's job on the 1st of each month: last month (Asia/Jakarta) for every kelurahan."""
    tahun, bulan = services.bulan_lalu()
    try:
        proses = mulai_dan_antrikan(tahun=tahun, bulan=bulan, sumber=Sumber.BEAT)
    except ValidationError as exc:
        log.warning("Laporan bulanan %s-%02d tidak dimulai: %s", tahun, bulan, exc.messages)
        return None
    return proses.pk
