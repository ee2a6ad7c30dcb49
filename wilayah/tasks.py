"""Tasks of the shared pieces: housekeeping, and large imports in the background."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .impor import bersihkan_pratinjau_lama, kerjakan_impor_latar, tandai_gagal

logger = logging.getLogger(__name__)


@shared_task(name="wilayah.bersihkan_pratinjau_impor")
def bersihkan_pratinjau_impor() -> int:
    """Remove import previews left unconfirmed for more than a day (Celery beat, hourly)."""
    return bersihkan_pratinjau_lama()


@shared_task(
    bind=True,
    name="wilayah.impor_latar",
    autoretry_for=(OperationalError, InterfaceError),  # the database went away: try again later
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def impor_latar(self, job_id: int) -> str:
    """Check or save a large import (``wilayah.impor.kerjakan_impor_latar``), reporting the rows done
    to the page's progress bar through the result backend. Acknowledged late (settings): a worker
    that dies mid-way leaves the message for the next one, and the job's lock makes a second run harmless."""

    def kemajuan(diproses: int) -> None:
        if not self.request.is_eager and self.request.id:
            self.update_state(state="PROGRESS", meta={"diproses": diproses})

    try:
        return kerjakan_impor_latar(job_id, kemajuan=kemajuan)
    except (OperationalError, InterfaceError):
        if self.request.retries >= self.max_retries:
            tandai_gagal(job_id)
        raise
    except Exception:
        logger.exception("Impor latar %s gagal", job_id)
        tandai_gagal(job_id)
        return "gagal"


@shared_task(name="wilayah.perbarui_angka")
def perbarui_angka(kunci: str | None = None) -> list[str]:
    """Recompute stored city figures (``wilayah.angka.perbarui``): one key when a page found it stale,
    every key from the beat (every 15 minutes). A key no longer registered is logged and skipped."""
    from .angka import perbarui

    try:
        hasil = perbarui(kunci)
    except LookupError:
        logger.warning("Angka %s tidak terdaftar lagi: dilewati", kunci)
        return []
    return [b.kunci for b in (hasil if isinstance(hasil, list) else [hasil])]
