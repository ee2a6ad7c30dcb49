"""Housekeeping tasks of the shared pieces."""

from celery import shared_task

from .impor import bersihkan_pratinjau_lama


@shared_task(name="wilayah.bersihkan_pratinjau_impor")
def bersihkan_pratinjau_impor() -> int:
    """Remove import previews left unconfirmed for more than a day (Celery beat, hourly)."""
    return bersihkan_pratinjau_lama()
