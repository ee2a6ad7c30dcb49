"""The public events calendar and .ics feed: which events show, and how annual events recur.

Rules:
- only not-cancelled events show;
- an annual event (``tahunan``) recurs every later year on the same day and month (29 February
  becomes 28 February in a common year, ``wilayah.periode.ke_tahun``), lasting as many days;
- an annual event recorded again in a later year (same name, same kelurahan) is one series: only
  its latest record counts, so neither the calendar nor the feed shows it twice;
- a destination is named only while it is published (status ``aktif``);
- both cover one window (``JENDELA_BULAN``: the past 3 months and the next 12, ``jendela``): the
  calendar opens only the months of the window, the feed lists the events overlapping it and the
  annual series (which recur into it);
- both answer conditional requests: ``tanda_event`` reads, in one aggregate query over what they show,
  the latest change (``Event.diubah``, and the named destinations' ``Destinasi.diubah``) and the count;
  the ETag is built from it and the window, so an unchanged page is a 304 without being built. The tanda
  is kept briefly and the page built once per state for anonymous visitors (``wilayah.publik``,
  ``TANDA_EVENT``); the destination catalogue does the same over its own tanda (``TANDA_KATALOG``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta, timezone

from django.db.models import Case, Count, IntegerField, Max, Q, Subquery, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth

from wilayah.periode import batas_bulan, ke_tahun, tambah_bulan
from wilayah.publik import SumberTanda, Tanda, jumlah_dan_terakhir

from .models import Destinasi, Event, FotoDestinasi, StatusDestinasi


# THE window of the public calendar and the .ics feed: (months back, months ahead) from today.
JENDELA_BULAN = (3, 12)


def jendela(hari_ini: date) -> tuple[date, date]:
    """The first and the last day of the public window: the first day of the month three months back,
    the last day of the month twelve months ahead (27 Nov 2026 -> 1 Aug 2026 .. 30 Nov 2027)."""
    lalu, depan = JENDELA_BULAN
    awal = tambah_bulan(hari_ini.replace(day=1), -lalu)
    akhir_bulan = tambah_bulan(hari_ini.replace(day=1), depan)
    return awal, batas_bulan(akhir_bulan.year, akhir_bulan.month)[1]


def dalam_jendela(tahun: int, bulan: int, hari_ini: date) -> tuple[int, int]:
    """The month asked for, moved into the window when it lies outside (the nearest end)."""
    awal, akhir = jendela(hari_ini)
    pertama = date(tahun, bulan, 1)
    if pertama < awal:
        return awal.year, awal.month
    if pertama > akhir:
        return akhir.year, akhir.month
    return tahun, bulan


def q_jendela(awal: date, akhir: date) -> Q:
    """The events the public sees in the window: those overlapping it, and every annual series (recurring)."""
    return Q(tanggal_mulai__lte=akhir, tanggal_selesai__gte=awal) | Q(tahunan=True, tanggal_mulai__lte=akhir)


def event_publik(hari_ini: date):
    """The events the public sees, each with its own page: not cancelled, in the window ``jendela``."""
    return Event.objects.tidak_batal().filter(q_jendela(*jendela(hari_ini)))


def tanda_event(hari_ini: date) -> Tanda:
    """The state of the public events in the window (``wilayah.publik.Tanda``: the ETag is built from it
    and the page asked): the latest change of the events (and of their destinations: a destination
    published or withdrawn changes the page), their count, the latest deletion and the window itself (it
    moves with the month). One query; kept briefly by ``wilayah.publik.tanda`` (``TANDA_EVENT``)."""
    awal, akhir = jendela(hari_ini)
    # The latest deletion (django-simple-history keeps it) moves Last-Modified too: a deleted event has no
    # ``diubah`` left, and a client asking only If-Modified-Since must not keep it.
    dihapus = Event.history.filter(history_type="-").order_by("-history_date").values("history_date")[:1]
    agg = Event.objects.tidak_batal().filter(q_jendela(awal, akhir)).aggregate(
        n=Count("id"), diubah=Max("diubah"), destinasi=Max("destinasi__diubah"), dihapus=Max(Subquery(dihapus))
    )
    diubah = max((d for d in (agg["diubah"], agg["destinasi"], agg["dihapus"]) if d is not None), default=None)
    # Cancelling an event changes its ``diubah`` (and the count); deleting one, the count and ``dihapus``.
    return Tanda(isi="|".join(str(x) for x in (awal, akhir, agg["n"], agg["diubah"], agg["destinasi"], agg["dihapus"])), diubah=diubah)


def tanda_katalog(hari_ini: date) -> Tanda:
    """The state of the public destination catalogue: the published destinations' count, the latest change
    of any destination (publishing or withdrawing one changes it), the latest deletion, and the photos'
    count and latest id (a photo added or removed). One query; kept briefly (``TANDA_KATALOG``)."""
    dihapus = Destinasi.history.filter(history_type="-").order_by("-history_date").values("history_date")[:1]
    agg = Destinasi.objects.aggregate(
        n=Count("id", filter=Q(status=StatusDestinasi.AKTIF)), diubah=Max("diubah"), dihapus=Max(Subquery(dihapus)),
        **jumlah_dan_terakhir(FotoDestinasi.objects.all(), "foto"),
    )
    diubah = max((d for d in (agg["diubah"], agg["dihapus"]) if d is not None), default=None)
    return Tanda(isi="|".join(str(agg[k]) for k in ("n", "diubah", "dihapus", "foto_n", "foto_id")), diubah=diubah)


#: what the calendar and the feed depend on (``wilayah.publik``; receivers connected in ``WisataConfig.ready``)
TANDA_EVENT = SumberTanda(nama="wisata.event", hitung=tanda_event, model=(Event, Destinasi))
#: what the destination catalogue depends on
TANDA_KATALOG = SumberTanda(nama="wisata.katalog", hitung=tanda_katalog, model=(Destinasi, FotoDestinasi))


def tanda_beranda(hari_ini: date) -> Tanda:
    """The public home shows destinations and the next events: the state of both, read from their kept
    tandas (no query when they are kept)."""
    from wilayah.publik import tanda

    katalog, event = tanda(TANDA_KATALOG, hari_ini), tanda(TANDA_EVENT, hari_ini)
    diubah = max((d for d in (katalog.diubah, event.diubah) if d is not None), default=None)
    return Tanda(isi=f"{katalog.isi}#{event.isi}", diubah=diubah)


#: what the public home depends on (the bulk event import forgets it with the calendar's)
TANDA_BERANDA = SumberTanda(nama="wisata.beranda", hitung=tanda_beranda, model=(Event, Destinasi, FotoDestinasi))


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


def mulai_berikutnya(sejak: date, akhir: date) -> date | None:
    """The first day on or after ``sejak`` (up to ``akhir``) on which a not-cancelled event starts, an annual
    series' recurrence included; None when there is none. Two queries: recorded starts, then the nearest
    recurrence of an annual event recorded in an earlier year (this year's, or next year's when its day
    has passed)."""
    tercatat = (
        Event.objects.tidak_batal().filter(tanggal_mulai__gte=sejak, tanggal_mulai__lte=akhir)
        .order_by("tanggal_mulai").values_list("tanggal_mulai", flat=True).first()
    )
    sudah_lewat = Q(b__lt=sejak.month) | Q(b=sejak.month, h__lt=sejak.day)
    ulang = (
        Event.objects.tidak_batal().filter(tahunan=True, tanggal_mulai__year__lte=sejak.year)
        .annotate(b=ExtractMonth("tanggal_mulai"), h=ExtractDay("tanggal_mulai"))
        .filter(sudah_lewat | Q(tanggal_mulai__year__lt=sejak.year))
        .annotate(depan=Case(When(sudah_lewat, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("depan", "b", "h").values_list("tanggal_mulai", "depan").first()
    )
    calon = [tercatat] if tercatat else []
    if ulang:
        calon.append(ke_tahun(ulang[0], sejak.year + ulang[1]))
    hasil = min(calon, default=None)
    return hasil if hasil is not None and hasil <= akhir else None


def acara_mendatang(hari_ini: date, jumlah: int) -> list[Acara]:
    """The next ``jumlah`` events a visitor can still go to (ending today or later), in calendar order, within
    the public window: this month's calendar, then the next month that has an event, and so on (one query per
    month shown, two to find each next month)."""
    akhir = jendela(hari_ini)[1]
    hasil = [a for a in acara_bulan(hari_ini.year, hari_ini.month) if a.selesai >= hari_ini]
    bulan = hari_ini.replace(day=1)
    while len(hasil) < jumlah:
        berikut = mulai_berikutnya(tambah_bulan(bulan, 1), akhir)
        if berikut is None:
            break
        bulan = berikut.replace(day=1)
        sudah = {(a.event.pk, a.mulai) for a in hasil}  # an event over two months shows in both
        hasil.extend(a for a in acara_bulan(bulan.year, bulan.month) if (a.event.pk, a.mulai) not in sudah)
    return hasil[:jumlah]


class BarisFeed:
    """One event of the feed as plain values (no model objects: the window holds tens of thousands)."""

    __slots__ = ("pk", "nama", "kelurahan_id", "tanggal_mulai", "tanggal_selesai", "tahunan", "lokasi", "penyelenggara", "deskripsi",
                 "diubah", "kelurahan", "kecamatan", "kategori", "destinasi")  # fmt: skip

    def __init__(self, **nilai):
        for kunci, isi in nilai.items():
            setattr(self, kunci, isi)


_KOLOM_FEED = {
    "pk": "pk", "nama": "nama", "kelurahan_id": "kelurahan_id", "tanggal_mulai": "tanggal_mulai", "tanggal_selesai": "tanggal_selesai",
    "tahunan": "tahunan", "lokasi": "lokasi", "penyelenggara": "penyelenggara", "deskripsi": "deskripsi", "diubah": "diubah",
    "kelurahan__jenis": "jenis", "kelurahan__nama": "kelurahan", "kelurahan__kecamatan__nama": "kecamatan", "kategori__nama": "kategori",
    "destinasi__nama": "destinasi", "destinasi__status": "status_destinasi",
}  # fmt: skip


def event_untuk_feed(hari_ini: date) -> list[BarisFeed]:
    """The .ics feed: the events overlapping the window (``jendela``) and every annual series started
    by its end (once, its latest record; the feed repeats it), as plain values. One query."""
    from wilayah.models import Kelurahan

    awal, akhir = jendela(hari_ini)
    jenis = dict(Kelurahan.Jenis.choices)
    qs = Event.objects.tidak_batal().filter(q_jendela(awal, akhir)).order_by("tanggal_mulai", "pk").values_list(*_KOLOM_FEED)
    baris = []
    for nilai in qs:
        d = dict(zip(_KOLOM_FEED.values(), nilai))
        d["kelurahan"] = f"{jenis.get(d.pop('jenis'), '')} {d['kelurahan']}".strip()
        # A destination is named only while it is published.
        d["destinasi"] = d["destinasi"] if d.pop("status_destinasi") == StatusDestinasi.AKTIF else None
        baris.append(BarisFeed(**d))
    return tanpa_ulangan_tahunan(baris)


# --------------------------------------------------------------------------- the .ics text (RFC 5545)


def _teks_ics(nilai: str) -> str:
    """A TEXT value escaped (backslash, semicolon, comma, newline)."""
    return nilai.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _lipat(baris: str) -> str:
    """A content line folded at 75 octets (a continuation starts with a space), never inside a UTF-8 character."""
    data = baris.encode()
    if len(data) <= 75:
        return baris + "\r\n"
    potongan, awal, batas = [], 0, 75
    while awal < len(data):
        akhir = min(awal + batas, len(data))
        while akhir < len(data) and (data[akhir] & 0xC0) == 0x80:  # back to a character's first byte
            akhir -= 1
        potongan.append(data[awal:akhir].decode())
        awal, batas = akhir, 74  # a continuation line's leading space counts
    return "\r\n ".join(potongan) + "\r\n"


def ics_event(events: Iterable[BarisFeed], host: str) -> bytes:
    """The feed as iCalendar text, written directly (the icalendar package took ~2 ms an event): one
    VEVENT per event, all-day dates, annual events with RRULE:FREQ=YEARLY, DTSTAMP the record's last
    change (the same bytes while nothing changes), the destination named only while published."""
    baris = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Portal Pemberdayaan Kota Probolinggo//Wisata//ID", "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Event Wisata Kota Probolinggo", "X-WR-TIMEZONE:Asia/Jakarta",
    ]  # fmt: skip
    keluar = [_lipat(b) for b in baris]
    for event in events:
        tempat = [event.lokasi] if event.lokasi else []
        if event.destinasi:
            tempat.append(event.destinasi)
        tempat.append(f"{event.kelurahan}, Kec. {event.kecamatan}, Kota Probolinggo")
        keterangan = [f"Kategori: {event.kategori}"]
        if event.penyelenggara:
            keterangan.append(f"Penyelenggara: {event.penyelenggara}")
        if event.deskripsi:
            keterangan.append(event.deskripsi)
        dtstamp = event.diubah.astimezone(timezone.utc) if event.diubah else None
        vevent = [
            "BEGIN:VEVENT",
            f"UID:wisata-event-{event.pk}@{host}",
            f"SUMMARY:{_teks_ics(event.nama)}",
            f"DTSTART;VALUE=DATE:{event.tanggal_mulai:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.tanggal_selesai + timedelta(days=1):%Y%m%d}",
            f"DTSTAMP:{dtstamp:%Y%m%dT%H%M%SZ}" if dtstamp else None,
            f"LOCATION:{_teks_ics(', '.join(tempat))}",
            f"DESCRIPTION:{_teks_ics(chr(10).join(keterangan))}",
            f"CATEGORIES:{_teks_ics(event.kategori)}",
            "RRULE:FREQ=YEARLY" if event.tahunan else None,
            "END:VEVENT",
        ]
        keluar.extend(_lipat(b) for b in vevent if b is not None)
    keluar.append(_lipat("END:VCALENDAR"))
    return "".join(keluar).encode()
