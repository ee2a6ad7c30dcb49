"""The LKK figures for reports: for ALL kelurahan at once, in a fixed number of queries, as plain data.

- ``tabel_cakupan(kelurahan=..., pada=...)``: the coverage table (per kelurahan, per type: how many,
  how many with a valid SK, how many RW lack one where the type is per RW, how many RT lack one
  where the type is per RT). 5 queries.
- ``ringkasan_bulanan(tahun, bulan, *, kelurahan_ids=None)``: the monthly figures the monthly
  report reads (through ``wilayah.ringkasan``, registered in ``apps.py``), keyed by kelurahan id.
  6 queries, whatever the number of kelurahan, RW, RT, lembaga or pengurus.
- ``hitung_cakupan_kota()``: the city's coverage summed per kecamatan, stored under ``lkk.cakupan_kota``
  (``wilayah.angka``, refreshed by Celery) and read by the city pages; ``cakupan_kota(user)`` reads it
  for a city-level user (the city panel: its summary only). 6 queries. ``cakupan_kota_tampil(baris)``: its
  rows as the start page prints them.

An SK is valid on a date when the lembaga is active, has an SK number and date, and the date lies
within its term (``models.sk_berlaku_q``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from wilayah.periode import batas_bulan
from wilayah.ringkasan import Agregasi, Indikator, Ringkasan, untuk_filter_in

from .models import HARI_PERINGATAN, JenisLembaga, Lembaga, Pengurus, Status, sk_berlaku_q


@dataclass(frozen=True)
class JenisInfo:
    id: int
    kode: str
    nama: str
    singkatan: str
    per_rw: bool
    per_rt: bool = False


@dataclass
class Cakupan:
    jumlah: int = 0
    sk_berlaku: int = 0
    rw_tercakup: int = 0
    rw_tanpa: int | None = None  # only for types that belong to one RW
    rt_tanpa: int | None = None  # only for types that belong to one RT


@dataclass
class BarisKelurahan:
    kelurahan_id: int
    kode: str
    nama: str
    kecamatan: str
    jumlah_rw: int
    jumlah_rt: int = 0
    kecamatan_kode: str = ""
    per_jenis: dict[int, Cakupan] = field(default_factory=dict)

    @property
    def jumlah(self) -> int:
        return sum(c.jumlah for c in self.per_jenis.values())

    @property
    def sk_berlaku(self) -> int:
        return sum(c.sk_berlaku for c in self.per_jenis.values())

    def sel(self, jenis_list):
        """The cells in the order of the type columns (templates cannot index a dict by variable)."""
        return [self.per_jenis[j.id] for j in jenis_list]


@dataclass
class TabelCakupan:
    pada: dt.date
    jenis: list[JenisInfo]
    baris: dict[int, BarisKelurahan]

    def total(self) -> list[Cakupan]:
        hasil = []
        for j in self.jenis:
            c = Cakupan(rw_tanpa=0 if j.per_rw else None, rt_tanpa=0 if j.per_rt else None)
            for b in self.baris.values():
                s = b.per_jenis[j.id]
                c.jumlah += s.jumlah
                c.sk_berlaku += s.sk_berlaku
                c.rw_tercakup += s.rw_tercakup
                if j.per_rw:
                    c.rw_tanpa += s.rw_tanpa
                if j.per_rt:
                    c.rt_tanpa += s.rt_tanpa
            hasil.append(c)
        return hasil

    def baris_urut(self) -> list[BarisKelurahan]:
        return sorted(self.baris.values(), key=lambda b: b.kode)


def _jenis_list() -> list[JenisInfo]:
    return [
        JenisInfo(
            id=j["id"], kode=j["kode"], nama=j["nama"], singkatan=j["singkatan"] or j["nama"],
            per_rw=j["tingkat"] == JenisLembaga.Tingkat.RW, per_rt=j["tingkat"] == JenisLembaga.Tingkat.RT,
        )
        for j in JenisLembaga.objects.order_by("urutan", "nama").values("id", "kode", "nama", "singkatan", "tingkat")
    ]


def _jumlah_rw_rt(kelurahan) -> tuple[dict[int, int], dict[int, int]]:
    """RW and RT per kelurahan id (of the Kelurahan queryset ``kelurahan``; None: all), one grouped count
    per table (2 queries, each a single hash aggregate). Not a kelurahan x RW x RT join counted back with
    DISTINCT: that fans out to every RT and sorts it on disk at province size (170,000 rows); nor a
    correlated subquery per kelurahan, which probes the RT index once per RW (8,500 x 5)."""
    from wilayah.models import RT, RW

    rw, rt = RW.objects.all(), RT.objects.all()
    if kelurahan is not None:
        ids = kelurahan.order_by().values("pk")
        rw, rt = rw.filter(kelurahan__in=ids), rt.filter(rw__kelurahan__in=ids)
    per_rw = dict(rw.order_by().values("kelurahan").annotate(n=Count("pk")).values_list("kelurahan", "n"))
    per_rt = dict(rt.order_by().values("rw__kelurahan").annotate(n=Count("pk")).values_list("rw__kelurahan", "n"))
    return per_rw, per_rt


def _kelurahan_rows(kelurahan):
    """The kelurahan (all, or those of the queryset) in code order with their RW and RT counts. 3 queries."""
    from wilayah.models import Kelurahan

    qs = Kelurahan.objects.all() if kelurahan is None else kelurahan
    rows = list(qs.order_by("kode").values("id", "kode", "nama", "kecamatan__nama", "kecamatan__kode"))
    per_rw, per_rt = _jumlah_rw_rt(kelurahan)
    for r in rows:
        r["jumlah_rw"], r["jumlah_rt"] = per_rw.get(r["id"], 0), per_rt.get(r["id"], 0)
    return rows


def tabel_cakupan(*, kelurahan=None, pada: dt.date | None = None) -> TabelCakupan:
    """Coverage per kelurahan (a Kelurahan queryset, already scoped; None: all) and per type. 5 queries."""
    from django.utils import timezone

    pada = pada or timezone.localdate()
    jenis = _jenis_list()
    rows = _kelurahan_rows(kelurahan)
    baris = {
        r["id"]: BarisKelurahan(
            kelurahan_id=r["id"], kode=r["kode"], nama=r["nama"], kecamatan=r["kecamatan__nama"], kecamatan_kode=r["kecamatan__kode"], jumlah_rw=r["jumlah_rw"], jumlah_rt=r["jumlah_rt"],
            per_jenis={
                j.id: Cakupan(rw_tanpa=r["jumlah_rw"] if j.per_rw else None, rt_tanpa=r["jumlah_rt"] if j.per_rt else None) for j in jenis
            },
        )
        for r in rows
    }
    lembaga = Lembaga.objects.filter(status=Status.AKTIF)
    if kelurahan is not None:
        lembaga = lembaga.filter(kelurahan__in=kelurahan.values("pk"))
    agregat = (
        lembaga.order_by()
        .values("kelurahan_id", "jenis_id")
        .annotate(jumlah=Count("id"), sk=Count("id", filter=sk_berlaku_q(pada)), rw=Count("rw_id", distinct=True), rt=Count("rt_id", distinct=True))
    )
    per_rw = {j.id for j in jenis if j.per_rw}
    per_rt = {j.id for j in jenis if j.per_rt}
    for a in agregat:
        b = baris.get(a["kelurahan_id"])
        if b is None or a["jenis_id"] not in b.per_jenis:
            continue
        c = b.per_jenis[a["jenis_id"]]
        c.jumlah, c.sk_berlaku, c.rw_tercakup = a["jumlah"], a["sk"], a["rw"]
        if a["jenis_id"] in per_rw:
            c.rw_tanpa = max(b.jumlah_rw - a["rw"], 0)
        if a["jenis_id"] in per_rt:
            c.rt_tanpa = max(b.jumlah_rt - a["rt"], 0)
    return TabelCakupan(pada=pada, jenis=jenis, baris=baris)


KUNCI_CAKUPAN_KOTA = "lkk.cakupan_kota"


def _persen(bagian: int, dari: int) -> float | None:
    return round(100 * bagian / dari, 1) if dari else None


def _sel_kosong(j: JenisInfo) -> list:
    """One type's cell of the stored table, compact (the payload is read on every city page):
    [active lembaga, with a valid SK, RW (per-RW type) or RT (per-RT type) without one, else None]."""
    return [0, 0, 0 if (j.per_rw or j.per_rt) else None]


def baca_cakupan_kota(user) -> bool:
    """Whether ``user`` reads the stored city coverage: a city-level user who may see lembaga (no query of its own)."""
    from wilayah.scoping import boleh, sees_whole_city

    return sees_whole_city(user) and boleh(user, Lembaga, "view")


def cakupan_kota(user, *, hanya_ringkasan: bool = False):
    """The stored city coverage for a city-level user who may see lembaga; None for anyone else (they read live).
    ``hanya_ringkasan``: the types and the city total only (``AngkaTersimpan.ringkasan``), not the rows per kecamatan."""
    from wilayah.angka import angka

    return angka(KUNCI_CAKUPAN_KOTA, hanya_ringkasan=hanya_ringkasan) if baca_cakupan_kota(user) else None


def hitung_cakupan_kota(pada: dt.date | None = None) -> dict:
    """``lkk.cakupan_kota`` (stored by ``wilayah.angka``, refreshed by Celery): the coverage of the WHOLE
    city summed per kecamatan, one row per kecamatan (never per kelurahan), plus the city total and the
    lembaga whose term has ended or ends within 90 days. 6 queries (``tabel_cakupan`` + one grouped count)."""
    from django.utils import timezone

    pada = pada or timezone.localdate()
    tabel = tabel_cakupan(pada=pada)
    perhatian = dict(
        Lembaga.objects.perlu_perhatian(pada).order_by().values("kelurahan__kecamatan__kode").annotate(n=Count("pk")).values_list("kelurahan__kecamatan__kode", "n")
    )
    kosong = lambda: {  # noqa: E731
        "jumlah_kelurahan": 0, "jumlah_rw": 0, "jumlah_rt": 0, "jumlah": 0, "sk_berlaku": 0,
        "sel": [_sel_kosong(j) for j in tabel.jenis],
    }  # fmt: skip
    per_kecamatan: dict[str, dict] = {}
    total = kosong()
    for b in tabel.baris.values():
        k = per_kecamatan.setdefault(b.kecamatan_kode, {"kode": b.kecamatan_kode, "nama": b.kecamatan, **kosong()})
        for tujuan in (k, total):
            tujuan["jumlah_kelurahan"] += 1
            tujuan["jumlah_rw"] += b.jumlah_rw
            tujuan["jumlah_rt"] += b.jumlah_rt
            for sel, c in zip(tujuan["sel"], b.sel(tabel.jenis)):
                sel[0] += c.jumlah
                sel[1] += c.sk_berlaku
                if sel[2] is not None:
                    sel[2] += c.rw_tanpa if c.rw_tanpa is not None else c.rt_tanpa
    for tujuan in (*per_kecamatan.values(), total):
        tujuan["jumlah"] = sum(s[0] for s in tujuan["sel"])
        tujuan["sk_berlaku"] = sum(s[1] for s in tujuan["sel"])
        tujuan["persen_sk"] = _persen(tujuan["sk_berlaku"], tujuan["jumlah"])
    for kode, k in per_kecamatan.items():
        k["perhatian"] = perhatian.get(kode, 0)
    total["perhatian"] = sum(perhatian.values())
    return {
        "pada": pada.isoformat(),
        "jenis": [{"id": j.id, "kode": j.kode, "nama": j.nama, "singkatan": j.singkatan, "per_rw": j.per_rw, "per_rt": j.per_rt} for j in tabel.jenis],
        "total": total,
        "kecamatan": sorted(per_kecamatan.values(), key=lambda k: k["kode"]),
    }


def cakupan_kota_tampil(baris: list[dict]) -> list[dict]:
    """Rows of ``lkk.cakupan_kota`` (a page of its kecamatan, or ``[total]``) as the start page prints them:
    each row with ``teks`` (its counts formatted, ``persen_sk`` too: None when there is no lembaga) and
    ``sel_teks``, its type cells as ``(ada, sk, tanpa, sk_kurang, ada_tanpa)``: the three counts as text
    (``tanpa`` None for a type of neither RW nor RT), whether fewer have a valid SK than exist, and whether
    any RW/RT lacks one. A page holds a thousand counts of a few dozen distinct values, so each value is
    formatted once (``wilayah.tampilan.angka``), not once per cell through the template filter."""
    from functools import cache

    from wilayah.tampilan import angka, persen

    teks = cache(angka)
    return [
        {
            **b,
            "teks": {
                **{k: teks(b[k]) for k in ("jumlah_kelurahan", "jumlah_rw", "jumlah_rt", "jumlah", "sk_berlaku", "perhatian")},
                "persen_sk": None if b["persen_sk"] is None else persen(b["persen_sk"]),
            },
            "sel_teks": [(teks(ada), teks(sk), sk < ada, None if tanpa is None else teks(tanpa), bool(tanpa)) for ada, sk, tanpa in b["sel"]],
        }
        for b in baris
    ]


@dataclass
class RingkasanLKK(Ringkasan):
    """The LKK figures of one kelurahan for one month (as of its last day). The per-type counts
    (``per_jenis``, ``rw_tanpa``, ``rt_tanpa``, by type code) are sums too, type by type."""

    INDIKATOR: ClassVar[tuple[Indikator, ...]] = (
        Indikator("lembaga_aktif", _("Lembaga aktif"), "lembaga"),
        Indikator("lembaga_sk_berlaku", _("Lembaga dengan SK berlaku"), "lembaga"),
        Indikator("persen_sk_berlaku", _("Lembaga aktif yang SK-nya berlaku"), "%", Agregasi.RASIO,
                  pembilang="lembaga_sk_berlaku", penyebut="lembaga_aktif", target_kota=100),
        Indikator("lembaga_masa_bakti_habis", _("Lembaga yang masa baktinya habis"), "lembaga",
                  tindakan=_("{nilai} lembaga masa baktinya habis tanpa SK baru")),
        Indikator("lembaga_masa_bakti_segera_habis", _("Lembaga yang masa baktinya segera habis"), "lembaga",
                  tindakan=_("{nilai} lembaga masa baktinya habis dalam 90 hari: siapkan SK baru")),
        Indikator("sk_terbit_bulan_ini", _("SK terbit bulan ini"), "SK", perubahan=True),
        Indikator("pengurus_menjabat", _("Pengurus menjabat"), "orang"),
        Indikator("pengurus_diangkat_bulan_ini", _("Pengurus diangkat bulan ini"), "orang", perubahan=True),
        Indikator("pengurus_berhenti_bulan_ini", _("Pengurus berhenti bulan ini"), "orang", perubahan=True),
        Indikator("jumlah_rw", _("RW"), "RW"),
        Indikator("jumlah_rt", _("RT"), "RT"),
    )

    kelurahan_id: int
    kode: str
    nama: str
    jumlah_rw: int = 0
    jumlah_rt: int = 0
    lembaga_aktif: int = 0
    lembaga_sk_berlaku: int = 0
    lembaga_masa_bakti_habis: int = 0
    lembaga_masa_bakti_segera_habis: int = 0
    sk_terbit_bulan_ini: int = 0
    pengurus_menjabat: int = 0
    pengurus_diangkat_bulan_ini: int = 0
    pengurus_berhenti_bulan_ini: int = 0
    per_jenis: dict[str, int] = field(default_factory=dict)
    rw_tanpa: dict[str, int] = field(default_factory=dict)
    rt_tanpa: dict[str, int] = field(default_factory=dict)

def ringkasan_bulanan(tahun: int, bulan: int, *, kelurahan_ids=None) -> dict[int, RingkasanLKK]:
    """Figures for every kelurahan (or those of ``kelurahan_ids``) for the month, as of its last day. 6 queries."""
    awal, akhir = batas_bulan(tahun, bulan)
    batas = akhir + dt.timedelta(days=HARI_PERINGATAN)
    jenis = _jenis_list()
    kode_jenis = {j.id: j.kode for j in jenis}
    per_rw = {j.id for j in jenis if j.per_rw}
    per_rt = {j.id for j in jenis if j.per_rt}
    kelurahan = None
    lembaga = Lembaga.objects.all()
    pengurus = Pengurus.objects.all()
    if kelurahan_ids is not None:
        from wilayah.models import Kelurahan

        kelurahan_ids = untuk_filter_in(kelurahan_ids)
        kelurahan = Kelurahan.objects.filter(pk__in=kelurahan_ids)
        lembaga = lembaga.filter(kelurahan_id__in=kelurahan_ids)
        pengurus = pengurus.filter(lembaga__kelurahan_id__in=kelurahan_ids)
    hasil = {
        r["id"]: RingkasanLKK(
            kelurahan_id=r["id"], kode=r["kode"], nama=r["nama"], jumlah_rw=r["jumlah_rw"], jumlah_rt=r["jumlah_rt"],
            per_jenis={j.kode: 0 for j in jenis}, rw_tanpa={j.kode: r["jumlah_rw"] for j in jenis if j.per_rw},
            rt_tanpa={j.kode: r["jumlah_rt"] for j in jenis if j.per_rt},
        )
        for r in _kelurahan_rows(kelurahan)
    }
    ada = Q(status=Status.AKTIF, tanggal_berdiri__isnull=True) | Q(status=Status.AKTIF, tanggal_berdiri__lte=akhir)
    agregat = (
        lembaga.filter(ada)
        .order_by()
        .values("kelurahan_id", "jenis_id")
        .annotate(
            jumlah=Count("id"),
            sk=Count("id", filter=sk_berlaku_q(akhir)),
            habis=Count("id", filter=Q(masa_bakti_selesai__lt=akhir)),
            segera=Count("id", filter=Q(masa_bakti_selesai__gte=akhir, masa_bakti_selesai__lte=batas)),
            sk_baru=Count("id", filter=Q(tanggal_sk__gte=awal, tanggal_sk__lte=akhir)),
            rw=Count("rw_id", distinct=True),
            rt=Count("rt_id", distinct=True),
        )
    )
    for a in agregat:
        r = hasil.get(a["kelurahan_id"])
        if r is None or a["jenis_id"] not in kode_jenis:
            continue
        kode = kode_jenis[a["jenis_id"]]
        r.lembaga_aktif += a["jumlah"]
        r.lembaga_sk_berlaku += a["sk"]
        r.lembaga_masa_bakti_habis += a["habis"]
        r.lembaga_masa_bakti_segera_habis += a["segera"]
        r.sk_terbit_bulan_ini += a["sk_baru"]
        r.per_jenis[kode] = a["jumlah"]
        if a["jenis_id"] in per_rw:
            r.rw_tanpa[kode] = max(r.jumlah_rw - a["rw"], 0)
        if a["jenis_id"] in per_rt:
            r.rt_tanpa[kode] = max(r.jumlah_rt - a["rt"], 0)
    pengurus = (
        pengurus.filter(lembaga__status=Status.AKTIF)
        .order_by()
        .values("lembaga__kelurahan_id")
        .annotate(
            menjabat=Count("id", filter=Q(masa_mulai__lte=akhir, akhir_efektif__gte=akhir)),
            diangkat=Count("id", filter=Q(masa_mulai__gte=awal, masa_mulai__lte=akhir)),
            berhenti=Count("id", filter=Q(tanggal_sk_pemberhentian__gte=awal, tanggal_sk_pemberhentian__lte=akhir)),
        )
    )
    for p in pengurus:
        r = hasil.get(p["lembaga__kelurahan_id"])
        if r is not None:
            r.pengurus_menjabat, r.pengurus_diangkat_bulan_ini, r.pengurus_berhenti_bulan_ini = p["menjabat"], p["diangkat"], p["berhenti"]
    return hasil
