"""Celery tasks of the pelatihan programme. Thin: they take ids and call a service."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)


# --- sertifikat ---

GALAT_DB_SEMENTARA = (OperationalError, InterfaceError)


@shared_task(
    bind=True,
    name="pelatihan.cetak_sertifikat",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=GALAT_DB_SEMENTARA,  # the database went away: try again later
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def cetak_sertifikat(self, job_id: int) -> str:
    """Render a certificate batch (``pelatihan.services.cetak_kerjakan``). Acknowledged late: a
    worker that dies mid-way leaves the message for the next one; the job's lock and status make a
    second run of a finished job do nothing."""
    from .services import cetak_gagal, cetak_kerjakan

    try:
        return cetak_kerjakan(job_id)
    except GALAT_DB_SEMENTARA:
        if self.request.retries >= self.max_retries:
            cetak_gagal(job_id, _("Pencetakan gagal karena basis data tidak dapat dihubungi. Coba lagi nanti."))
        raise
    except Exception:
        log.exception("Cetak sertifikat %s gagal", job_id)
        cetak_gagal(job_id, _("Pencetakan gagal karena kesalahan sistem. Coba lagi, atau hubungi Bappeda bila terulang."))
        return "gagal"


def antrikan_cetak(job) -> None:
    """Queue a batch job under the task id stored with it (``pelatihan.services.cetak_mulai`` calls
    this once the job is committed). A queue that refuses the message marks the job failed."""
    from .services import cetak_gagal

    try:
        cetak_sertifikat.apply_async(args=[job.pk], task_id=job.task_id)
    except Exception:  # the broker is down: the page says so instead of waiting for ever
        log.exception("Cetak sertifikat %s tidak dapat diantrikan", job.pk)
        cetak_gagal(job.pk, _("Antrean tugas (broker Celery) tidak dapat dihubungi. Periksa Redis dan pekerja Celery, lalu coba lagi."))
