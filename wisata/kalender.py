"""The public events calendar and .ics feed: which events show, and how annual events recur.

Rules:
- only not-cancelled events show;
- an annual event (``tahunan``) recurs every later year on the same day and month (29 February
  becomes 28 February in a common year, ``wilayah.periode.ke_tahun``), lasting as many days;
- an annual event recorded again in a later year (same name, same kelurahan) is one series: only
  its latest record counts, so neither the calendar nor the feed shows it twice;
- a destination is named only while it is published (status ``aktif``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from wilayah.periode import batas_bulan, ke_tahun

from .models import Event, StatusDestinasi


def _seri(event: Event) -> tuple:
    return (event.kelurahan_id, event.nama.strip().lower())


def tanpa_ulangan_tahunan(events: Iterable[Event]) -> list[Event]:
    """Keep one record per annual series (its latest), in the given order; one-off events stay."""
    events = list(events)
    terakhir: dict[tuple, Event] = {}
    for e in events:
        if e.tahunan and (_seri(e) not in terakhir or e.tanggal_mulai > terakhir[_seri(e)].tanggal_mulai):
            terakhir[_seri(e)] = e
    return [e for e in events if not e.tahunan or terakhir[_seri(e)] is e]


def destinasi_publik(event: Event):
    return event.destinasi if event.destinasi and event.destinasi.status == StatusDestinasi.AKTIF else None


@dataclass(frozen=True)
class Acara:
    """One event as it falls in the calendar month shown (an annual event moved to that year)."""

    event: Event
    mulai: date
    selesai: date

    @property
    def destinasi_publik(self):
        return destinasi_publik(self.event)


def ulangan_di_tahun(event: Event, tahun: int) -> Acara:
    """An annual event of an earlier year as it recurs in ``tahun`` (same length)."""
    mulai = ke_tahun(event.tanggal_mulai, tahun)
    return Acara(event, mulai, mulai + (event.tanggal_selesai - event.tanggal_mulai))


def acara_bulan(tahun: int, bulan: int) -> list[Acara]:
    """The calendar of one month: events overlapping it, and annual events of earlier years that
    recur in it; by start date, then name. One query."""
    awal, akhir = batas_bulan(tahun, bulan)
    qs = (
        Event.objects.tidak_batal()
        .filter(Q(tanggal_mulai__lte=akhir, tanggal_selesai__gte=awal) | Q(tahunan=True, tanggal_mulai__month=bulan, tanggal_mulai__year__lt=tahun))
        .select_related("kelurahan__kecamatan", "kategori", "destinasi")
        .order_by("tanggal_mulai", "nama")
    )
    acara = [
        ulangan_di_tahun(e, tahun) if e.tahunan and e.tanggal_selesai < awal else Acara(e, e.tanggal_mulai, e.tanggal_selesai)
        for e in tanpa_ulangan_tahunan(qs)
    ]
    return sorted(acara, key=lambda a: (a.mulai, a.event.nama))


def event_untuk_feed(hari_ini: date) -> list[Event]:
    """The .ics feed: upcoming events and every annual series (once; the feed repeats it). One query."""
    qs = (
        Event.objects.tidak_batal()
        .filter(Q(tanggal_selesai__gte=hari_ini) | Q(tahunan=True))
        .select_related("kelurahan__kecamatan", "kategori", "destinasi")
        .order_by("tanggal_mulai", "pk")
    )
    return tanpa_ulangan_tahunan(qs)
