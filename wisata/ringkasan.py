"""The wisata programme's figures, for reports and dashboards, as plain data.

``ringkasan_bulanan(tahun, bulan, *, kelurahan_ids=None)``  one month, every kelurahan at once (a
                                   fixed number of queries); registered in ``apps.py`` for reports.
``progres_target(tahun)``          the city's progress to its yearly targets, with a projection
                                   at the pace of the last three months.
``cakupan_rw(kelurahan, destinasi=..., pada=...)``  one kelurahan's covered RWs and its gap list
                                   on a day, by the same rule (the kelurahan page).
``peringkat(per_kelurahan)``       kelurahan ranked by RW coverage (index and city pages).

Counting rules (the same everywhere):
- an RW is *covered* when it has at least one destination with status ``aktif`` (active from
  ``tanggal_aktif`` on: ``aktif_pada_q``); ``potensi`` and ``dalam pengembangan`` do not cover an
  RW, and several destinations in one RW count the RW once;
- a *new destination* of year Y is one marked ``baru`` that became active in Y;
- an *annual event* of year Y is a not-cancelled event marked ``tahunan`` that starts in Y.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import ClassVar

from django.db.models import BooleanField, Count, ExpressionWrapper, Min, Prefetch, Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wilayah.angka import angka, perbarui
from wilayah.models import RW, Kecamatan, Kelurahan
from wilayah.periode import batas_bulan, nama_bulan, tambah_bulan
from wilayah.ringkasan import Agregasi, Indikator, Ringkasan, rekap, rekap_per, untuk_filter_in
from wilayah.scoping import boleh, sees_whole_city

from .models import Destinasi, Event, StatusDestinasi, StatusEvent, TargetProgram

HARI_PER_BULAN = 365.25 / 12


@dataclass
class RingkasanKelurahan(Ringkasan):
    INDIKATOR: ClassVar[tuple[Indikator, ...]] = (
        Indikator("jumlah_rw", _("RW"), "RW"),
        Indikator("rw_tercakup", _("RW yang punya destinasi aktif"), "RW"),
        Indikator("rw_tanpa_destinasi", _("RW tanpa destinasi aktif"), "RW", tindakan=_("{nilai} RW belum punya destinasi aktif")),
        Indikator("persen_rw", _("Cakupan RW"), "%", Agregasi.RASIO, pembilang="rw_tercakup", penyebut="jumlah_rw",
                  target_kota="target_rw_persen"),
        Indikator("destinasi_aktif", _("Destinasi aktif"), "destinasi"),
        Indikator("destinasi_pengembangan", _("Destinasi dalam pengembangan"), "destinasi"),
        Indikator("destinasi_potensi", _("Destinasi potensi"), "destinasi"),
        Indikator("destinasi_baru_aktif_bulan_ini", _("Destinasi baru aktif bulan ini"), "destinasi", perubahan=True),
        Indikator("destinasi_baru_tahun_ini", _("Destinasi baru aktif sejak Januari"), "destinasi", target_kota="target_destinasi_baru"),
        Indikator("event_bulan_ini", _("Event bulan ini"), "event"),
        Indikator("event_tahunan_bulan_ini", _("Event tahunan bulan ini"), "event"),
        Indikator("event_terlaksana_bulan_ini", _("Event terlaksana bulan ini"), "event", perubahan=True),
        Indikator("event_tahunan_tahun_ini", _("Event tahunan sejak Januari"), "event", target_kota="target_event_tahunan"),
        Indikator("pengunjung", _("Pengunjung event"), "orang", perubahan=True),
        Indikator("umkm_terlibat", _("UMKM terlibat"), "UMKM", perubahan=True),
        Indikator("transaksi", _("Nilai transaksi"), "Rp", perubahan=True),
    )

    kelurahan_id: int
    kode: str
    nama: str
    kecamatan: str
    jumlah_rw: int = 0
    rw_tercakup: int = 0
    destinasi_aktif: int = 0
    destinasi_pengembangan: int = 0
    destinasi_potensi: int = 0
    destinasi_baru_aktif_bulan_ini: int = 0
    event_bulan_ini: int = 0
    event_tahunan_bulan_ini: int = 0
    event_terlaksana_bulan_ini: int = 0
    pengunjung: int = 0
    umkm_terlibat: int = 0
    transaksi: int = 0
    rw_tanpa_destinasi: int = 0
    destinasi_baru_tahun_ini: int = 0  # new destinations active by the month's end, activated since 1 January
    event_tahunan_tahun_ini: int = 0  # annual events (not cancelled) starting from 1 January to the month's end
    # the year's city targets (``TargetProgram``, defaults when Bappeda set none): the same on every row
    target_destinasi_baru: int = 0
    target_event_tahunan: int = 0
    target_rw_persen: int = 0

    @property
    def persen_rw(self) -> float:
        return self.nilai("persen_rw")

    @property
    def rw_belum(self) -> int:
        return self.jumlah_rw - self.rw_tercakup

    def as_dict(self) -> dict:
        data = super().as_dict()
        data["persen_rw"] = self.persen_rw
        return data


def aktif_pada_q(pada: date, awalan: str = "") -> Q:
    """THE covering rule: a destination is active on ``pada`` when its status is ``aktif`` and its
    ``tanggal_aktif`` is on or before ``pada`` (an activation date in the future does not count yet).
    ``awalan`` reaches the destination through a relation (``"destinasi__"`` from RW)."""
    return Q(**{f"{awalan}status": StatusDestinasi.AKTIF, f"{awalan}tanggal_aktif__lte": pada})


def ringkasan_bulanan(
    tahun: int, bulan: int, *, kelurahan_ids=None, hari_ini: date | None = None, dengan_target: bool = True
) -> dict[int, RingkasanKelurahan]:
    """The month's figures of every kelurahan (or of ``kelurahan_ids``), keyed by kelurahan id.

    Destination figures are as of the month's last day, or as of today while the month is still
    running (``aktif_pada_q``; by the current status); event figures count not-cancelled events
    starting in the month; the year-to-date figures count from 1 January. Five queries; four with
    ``dengan_target=False`` (the year's city targets are not read and their fields stay 0: for a
    panel that prints none of them).
    """
    awal, akhir_bulan = batas_bulan(tahun, bulan)
    awal_tahun = date(tahun, 1, 1)
    target = (TargetProgram.objects.filter(tahun=tahun).first() if dengan_target else None) or TargetProgram(tahun=tahun)
    if not dengan_target:
        target.target_destinasi_baru = target.target_event_tahunan = target.target_rw_persen = 0
    akhir = min(akhir_bulan, hari_ini or timezone.localdate())
    kelurahan = Kelurahan.objects.all()
    if kelurahan_ids is not None:
        kelurahan = kelurahan.filter(pk__in=untuk_filter_in(kelurahan_ids))
    hasil = {
        row["id"]: RingkasanKelurahan(
            kelurahan_id=row["id"], kode=row["kode"], nama=row["nama"], kecamatan=row["kecamatan__nama"], jumlah_rw=row["jumlah_rw"],
            target_destinasi_baru=target.target_destinasi_baru, target_event_tahunan=target.target_event_tahunan,
            target_rw_persen=target.target_rw_persen,
        )
        for row in kelurahan.order_by("kode").values("id", "kode", "nama", "kecamatan__nama").annotate(jumlah_rw=Count("rw_set", distinct=True))
    }
    aktif_per_akhir = aktif_pada_q(akhir)
    tercakup = (
        RW.objects.filter(aktif_pada_q(akhir, "destinasi__"), kelurahan_id__in=hasil.keys())
        .values("kelurahan_id")
        .annotate(n=Count("id", distinct=True))
    )
    for row in tercakup:
        hasil[row["kelurahan_id"]].rw_tercakup = row["n"]
    destinasi = (
        Destinasi.objects.filter(kelurahan_id__in=hasil.keys())
        .values("kelurahan_id")
        .annotate(
            aktif=Count("id", filter=aktif_per_akhir),
            pengembangan=Count("id", filter=Q(status=StatusDestinasi.PENGEMBANGAN) | Q(status=StatusDestinasi.AKTIF, tanggal_aktif__gt=akhir)),
            potensi=Count("id", filter=Q(status=StatusDestinasi.POTENSI)),
            baru_bulan=Count("id", filter=aktif_per_akhir & Q(baru=True, tanggal_aktif__gte=awal)),
            baru_tahun=Count("id", filter=aktif_per_akhir & Q(baru=True, tanggal_aktif__gte=awal_tahun)),
        )
        .order_by()
    )
    for row in destinasi:
        r = hasil[row["kelurahan_id"]]
        r.destinasi_aktif, r.destinasi_pengembangan, r.destinasi_potensi = row["aktif"], row["pengembangan"], row["potensi"]
        r.destinasi_baru_aktif_bulan_ini, r.destinasi_baru_tahun_ini = row["baru_bulan"], row["baru_tahun"]
    bulan_ini = Q(tanggal_mulai__gte=awal)
    event = (
        Event.objects.filter(kelurahan_id__in=hasil.keys(), tanggal_mulai__range=(awal_tahun, akhir_bulan))
        .exclude(status=StatusEvent.BATAL)
        .values("kelurahan_id")
        .annotate(
            n=Count("id", filter=bulan_ini),
            n_tahunan=Count("id", filter=bulan_ini & Q(tahunan=True)),
            n_tahunan_tahun=Count("id", filter=Q(tahunan=True)),
            terlaksana=Count("id", filter=bulan_ini & Q(status=StatusEvent.TERLAKSANA)),
            pengunjung=Sum("pengunjung", filter=bulan_ini),
            umkm=Sum("umkm_terlibat", filter=bulan_ini),
            transaksi=Sum("transaksi", filter=bulan_ini),
        )
        .order_by()
    )
    for row in event:
        r = hasil[row["kelurahan_id"]]
        r.event_bulan_ini, r.event_tahunan_bulan_ini, r.event_terlaksana_bulan_ini = row["n"], row["n_tahunan"], row["terlaksana"]
        r.event_tahunan_tahun_ini = row["n_tahunan_tahun"]
        r.pengunjung, r.umkm_terlibat, r.transaksi = row["pengunjung"] or 0, row["umkm"] or 0, row["transaksi"] or 0
    for r in hasil.values():
        r.rw_tanpa_destinasi = r.jumlah_rw - r.rw_tercakup
    return hasil


def peringkat(per_kelurahan: dict[int, RingkasanKelurahan]) -> list[RingkasanKelurahan]:
    """Kelurahan ranked by RW coverage, then active destinations, then name."""
    return sorted(per_kelurahan.values(), key=lambda r: (-r.persen_rw, -r.destinasi_aktif, r.nama))


@dataclass
class CakupanRW:
    """A kelurahan's RWs on one day: ``rw`` in number order, each with ``aktif`` (the destinations
    that cover it) and ``lain`` (the others: potensi, in development, or active from a later date)."""

    pada: date
    rw: list

    @property
    def tercakup(self) -> list:
        return [r for r in self.rw if r.aktif]

    @property
    def celah(self) -> list:
        return [r for r in self.rw if not r.aktif]

    @property
    def jumlah_rw(self) -> int:
        return len(self.rw)

    @property
    def persen(self) -> float:
        """The same rule as the monthly figure ``persen_rw``."""
        return RingkasanKelurahan.indikator("persen_rw").nilai({"rw_tercakup": len(self.tercakup), "jumlah_rw": self.jumlah_rw})


def cakupan_rw(kelurahan, *, destinasi, pada: date) -> CakupanRW:
    """Which RWs of ``kelurahan`` have an active destination on ``pada`` (``aktif_pada_q``, the rule of
    ``ringkasan_bulanan``). ``destinasi``: the destinations the user may see (``for_user``). Two queries."""
    destinasi = (
        destinasi.filter(kelurahan=kelurahan)
        .select_related("kategori")
        .annotate(aktif_pada=ExpressionWrapper(aktif_pada_q(pada), output_field=BooleanField()))
        .order_by("nama")
    )
    daftar = list(RW.objects.filter(kelurahan=kelurahan).order_by("nomor").prefetch_related(Prefetch("destinasi_set", queryset=destinasi)))
    for rw in daftar:
        rw.aktif = [d for d in rw.destinasi_set.all() if d.aktif_pada]
        rw.lain = [d for d in rw.destinasi_set.all() if not d.aktif_pada]
    return CakupanRW(pada=pada, rw=daftar)


def total_kota(per_kelurahan: dict[int, RingkasanKelurahan]) -> dict[str, int | float]:
    """The totals of a ``ringkasan_bulanan`` result, each indicator by its rule (``wilayah.ringkasan``)."""
    total = rekap(RingkasanKelurahan.INDIKATOR, per_kelurahan.values())
    total["rw_belum"] = total["jumlah_rw"] - total["rw_tercakup"]
    return total


@dataclass
class Progres:
    kode: str
    judul: str
    target: int
    tercapai: int
    laju_3_bulan: int  # how many were added in the last three months
    tanggal_proyeksi: date | None  # when the target is reached at that pace; None: not at this pace
    sudah_tercapai: bool = False

    @property
    def persen(self) -> float:
        return min(100.0, round(100 * self.tercapai / self.target, 1)) if self.target else 100.0

    @property
    def sisa(self) -> int:
        return max(0, self.target - self.tercapai)

    @property
    def laju_per_bulan(self) -> float:
        return round(self.laju_3_bulan / 3, 1)


def proyeksi(*, target: int, tercapai: int, laju_3_bulan: int, hari_ini: date) -> date | None:
    """The date the target is reached at the pace of the last three months; None when the pace is zero."""
    if tercapai >= target:
        return hari_ini
    if laju_3_bulan <= 0:
        return None
    bulan = (target - tercapai) / (laju_3_bulan / 3)
    return hari_ini + timedelta(days=math.ceil(bulan * HARI_PER_BULAN))


def tiga_bulan_lalu(hari_ini: date) -> date:
    """The start of the pace window: three months before ``hari_ini`` (31 May -> 28 Feb)."""
    return tambah_bulan(hari_ini, -3)


@dataclass
class ProgresKota:
    tahun: int
    hari_ini: date
    target: TargetProgram
    butir: list[Progres] = field(default_factory=list)
    event_per_bulan: list[dict] = field(default_factory=list)
    jumlah_rw: int = 0
    rw_tercakup: int = 0


def progres_target(tahun: int, *, hari_ini: date | None = None) -> ProgresKota:
    """Progress to the year's targets (defaults when Bappeda has set none), all computed from data.

    Pace: what was reached in the three months up to ``hari_ini`` (new destinations by
    ``tanggal_aktif``, annual events by start date, RWs by the date their first destination
    became active). Six queries.
    """
    hari_ini = hari_ini or timezone.localdate()
    target = TargetProgram.objects.filter(tahun=tahun).first() or TargetProgram(tahun=tahun)
    return progres_dari(hitung_progres(tahun, hari_ini), tahun=tahun, hari_ini=hari_ini, target=target)


def hitung_progres(tahun: int, hari_ini: date) -> dict:
    """What the year reached up to ``hari_ini`` and in the three months before, as plain (JSON) data:
    the part of ``progres_target`` that counts (five queries over the whole city); the targets are
    applied by ``progres_dari``, so a target Bappeda changes shows at once over stored counts."""
    mulai_laju = tiga_bulan_lalu(hari_ini)
    laju = Q(tanggal_aktif__gt=mulai_laju, tanggal_aktif__lte=hari_ini)
    baru = Destinasi.objects.filter(aktif_pada_q(hari_ini), baru=True, tanggal_aktif__year=tahun).aggregate(
        n=Count("id"), laju=Count("id", filter=laju)
    )
    event_q = Event.objects.filter(tahunan=True, tanggal_mulai__year=tahun).exclude(status=StatusEvent.BATAL)
    event = event_q.aggregate(n=Count("id"), laju=Count("id", filter=Q(tanggal_mulai__gt=mulai_laju, tanggal_mulai__lte=hari_ini)))
    jumlah_rw = RW.objects.count()
    pertama = list(
        RW.objects.filter(aktif_pada_q(hari_ini, "destinasi__"))
        .annotate(pertama=Min("destinasi__tanggal_aktif"))
        .values_list("pertama", flat=True)
    )
    return {
        "destinasi_baru": [baru["n"], baru["laju"]],
        "event_tahunan": [event["n"], event["laju"]],
        "jumlah_rw": jumlah_rw,
        "rw_tercakup": [len(pertama), sum(1 for d in pertama if mulai_laju < d <= hari_ini)],
        "event_per_bulan": event_per_bulan(tahun),
    }


def progres_dari(mentah: dict, *, tahun: int, hari_ini: date, target: TargetProgram) -> ProgresKota:
    """``ProgresKota`` from the counts of ``hitung_progres`` (computed now or stored) and the year's targets."""
    jumlah_rw, (rw_tercakup, rw_laju) = mentah["jumlah_rw"], mentah["rw_tercakup"]
    target_rw = math.ceil(jumlah_rw * target.target_rw_persen / 100)
    hasil = ProgresKota(tahun=tahun, hari_ini=hari_ini, target=target, jumlah_rw=jumlah_rw, rw_tercakup=rw_tercakup)
    for kode, judul, t, (n, l) in (
        ("destinasi_baru", "Destinasi baru aktif", target.target_destinasi_baru, mentah["destinasi_baru"]),
        ("event_tahunan", "Event tahunan", target.target_event_tahunan, mentah["event_tahunan"]),
        ("rw_tercakup", "RW yang punya destinasi aktif", target_rw, (rw_tercakup, rw_laju)),
    ):
        hasil.butir.append(
            Progres(kode=kode, judul=judul, target=t, tercapai=n, laju_3_bulan=l, sudah_tercapai=n >= t,
                    tanggal_proyeksi=proyeksi(target=t, tercapai=n, laju_3_bulan=l, hari_ini=hari_ini))
        )
    hasil.event_per_bulan = mentah["event_per_bulan"]
    return hasil


# --------------------------------------------------------------------------- the city, stored (wilayah.angka)

KUNCI_KOTA = "wisata.kota"


def _tahun_kota(hari_ini: date) -> tuple[int, ...]:
    """The years the city page offers (last, this, next): the stored figures hold each."""
    return (hari_ini.year - 1, hari_ini.year, hari_ini.year + 1)


def bulan_peringkat(tahun: int, hari_ini: date) -> int:
    """The month a year's ranking is of: this month for this year, December for another."""
    return hari_ini.month if tahun == hari_ini.year else 12


def hitung_wisata_kota(hari_ini: date | None = None) -> dict:
    """"wisata.kota": for the whole city (unscoped), per offered year, one row per kecamatan (its kelurahan,
    RWs, covered RWs by the rule of ``ringkasan_bulanan``, active destinations, events of the month,
    kelurahan with every RW covered) and the counts of the targets' progress (``hitung_progres``).
    A fixed number of queries (about 35) whatever the number of kelurahan; run by the Celery task."""
    hari_ini = hari_ini or timezone.localdate()
    kecamatan = list(Kecamatan.objects.order_by("kode").values("pk", "kode", "nama"))
    kelompok = dict(Kelurahan.objects.order_by().values_list("pk", "kecamatan_id").iterator(chunk_size=5000))
    per_tahun = {}
    for tahun in _tahun_kota(hari_ini):
        bulan = bulan_peringkat(tahun, hari_ini)
        per_kelurahan = ringkasan_bulanan(tahun, bulan, hari_ini=hari_ini)
        per_kecamatan = rekap_per(RingkasanKelurahan.INDIKATOR, per_kelurahan, kelompok)
        jumlah, tuntas = Counter(), Counter()
        for kelurahan_id, r in per_kelurahan.items():
            jumlah[kelompok[kelurahan_id]] += 1
            if r.jumlah_rw and r.rw_tercakup == r.jumlah_rw:
                tuntas[kelompok[kelurahan_id]] += 1
        baris = []
        for k in kecamatan:
            r = per_kecamatan.get(k["pk"], {})
            baris.append({
                "kode": k["kode"], "nama": k["nama"], "jumlah_kelurahan": jumlah[k["pk"]], "kelurahan_tuntas": tuntas[k["pk"]],
                "jumlah_rw": r.get("jumlah_rw", 0), "rw_tercakup": r.get("rw_tercakup", 0),
                "persen_rw": float(r["persen_rw"]) if r.get("persen_rw") is not None else None,
                "destinasi_aktif": r.get("destinasi_aktif", 0), "event_bulan_ini": r.get("event_bulan_ini", 0),
            })  # fmt: skip
        per_tahun[str(tahun)] = {"bulan": bulan, "kecamatan": baris, "progres": hitung_progres(tahun, hari_ini)}
    return {"hari_ini": hari_ini.isoformat(), "tahun": per_tahun}


def wisata_kota(user, tahun: int | None = None, *, hanya_ringkasan: bool = False):
    """The stored city figures for a city-level user who may see destinations; None for anyone else
    (a kecamatan or kelurahan page counts its own kelurahan live). ``tahun``: one of the offered years,
    which stored figures of another year (just after New Year) do not hold yet: they are computed now.
    ``hanya_ringkasan``: without the rows per kecamatan (``AngkaTersimpan.ringkasan``: the date and, per
    year, its month and progress counts), enough for ``progres_tersimpan``."""
    if not (sees_whole_city(user) and boleh(user, Destinasi, "view")):
        return None
    tersimpan = angka(KUNCI_KOTA, hanya_ringkasan=hanya_ringkasan)
    if tahun is not None and str(tahun) not in tersimpan.ringkasan["tahun"]:
        tersimpan = perbarui(KUNCI_KOTA)
    return tersimpan


def progres_tersimpan(tersimpan, tahun: int) -> ProgresKota | None:
    """The year's progress from the stored counts (the summary) and the targets as set now (one query);
    None when the stored figures do not hold the year (the page then counts it live)."""
    ringkasan = tersimpan.ringkasan if tersimpan is not None else None
    data = ringkasan["tahun"].get(str(tahun)) if ringkasan is not None else None
    if data is None:
        return None
    target = TargetProgram.objects.filter(tahun=tahun).first() or TargetProgram(tahun=tahun)
    return progres_dari(data["progres"], tahun=tahun, hari_ini=date.fromisoformat(ringkasan["hari_ini"]), target=target)


def event_per_bulan(tahun: int, queryset=None) -> list[dict]:
    """Not-cancelled events starting in each month of the year: twelve dicts (bulan, nama, jumlah, persen). One query."""
    qs = Event.objects.all() if queryset is None else queryset
    hitung = dict(
        qs.filter(tanggal_mulai__year=tahun).exclude(status=StatusEvent.BATAL)
        .annotate(bulan=ExtractMonth("tanggal_mulai")).values("bulan").annotate(n=Count("id")).order_by().values_list("bulan", "n")
    )
    maks = max(hitung.values(), default=0)
    return [
        {"bulan": b, "nama": nama_bulan(b), "jumlah": hitung.get(b, 0), "persen": round(100 * hitung.get(b, 0) / maks) if maks else 0}
        for b in range(1, 13)
    ]
