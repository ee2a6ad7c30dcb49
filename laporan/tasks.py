"""Celery tasks of the reports. Tasks are thin: they take ids, load, and call a service
(``laporan/services.py`` says what each step does and why each is idempotent).

    bulanan (beat, 1st of the month 01:00 Asia/Jakarta) -> laporan_mulai -> siapkan
    siapkan(proses) -> chord(berkas(laporan) per kelurahan) -> rekap(proses)
    rekap(proses) -> chord(berkas(laporan) per kecamatan and the city) -> tutup(proses)
"""

from __future__ import annotations

import logging

from celery import chord, group, shared_task
from django.core.exceptions import ValidationError
from django.db import DatabaseError, OperationalError
from django.utils import timezone

from . import services
from .models import Sumber

log = logging.getLogger(__name__)

OPSI_TUGAS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError, DatabaseError),
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}


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


@shared_task(name="laporan.siapkan", **OPSI_TUGAS)
def siapkan(proses_id: int) -> int:
    try:
        ids = services.angka_siapkan(proses_id)
    except (OperationalError, DatabaseError):
        raise
    except Exception as exc:  # a bug must not leave the month's run blocking the next one
        services.proses_gagal(proses_id, str(exc))
        raise
    _lanjut(ids, rekap.si(proses_id))
    return len(ids)


@shared_task(name="laporan.berkas", **OPSI_TUGAS)
def berkas(laporan_id: int) -> bool:
    try:
        return services.berkas_buat(laporan_id)
    except (OperationalError, DatabaseError):
        raise
    except Exception as exc:
        log.exception("Laporan %s gagal dibuat", laporan_id)
        services.laporan_gagal(laporan_id, str(exc))
        return False


@shared_task(name="laporan.rekap", **OPSI_TUGAS)
def rekap(proses_id: int) -> int:
    ids = services.wilayah_rekap(proses_id)
    _lanjut(ids, tutup.si(proses_id))
    return len(ids)


@shared_task(name="laporan.tutup", **OPSI_TUGAS)
def tutup(proses_id: int) -> bool:
    return services.proses_tutup(proses_id)


def jalankan(proses) -> None:
    """Queue a run's first step (after the transaction that created it commits)."""
    siapkan.delay(proses.pk)


@shared_task(name="laporan.bulanan", **OPSI_TUGAS)
def bulanan() -> int | None:
    """The beat's job on the 1st of each month: last month's reports for every kelurahan."""
    tahun, bulan = services.bulan_lalu()
    try:
        proses = services.laporan_mulai(tahun=tahun, bulan=bulan, sumber=Sumber.BEAT)
    except ValidationError as exc:
        log.warning("Laporan bulanan %s-%02d tidak dimulai: %s", tahun, bulan, exc.messages)
        return None
    jalankan(proses)
    return proses.pk
