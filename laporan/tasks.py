"""Celery tasks of the reports. Tasks are thin: they take ids, load, and call a service."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="laporan.ping")
def ping(nama: str = "portal") -> dict:
    """Proves the Celery plumbing: answers with who asked and when (Asia/Jakarta)."""
    return {"balasan": f"halo {nama}", "waktu": timezone.localtime().isoformat()}
