"""The PUD programme's monthly figures, for every kelurahan at once (registered in ``apps.py``).

``ringkasan_bulanan(tahun, bulan, *, kelurahan_ids=None)`` -> ``{kelurahan_id: RingkasanPUD}``,
three queries whatever the number of kelurahan, UMKM or nominations. ``laporan`` reads it only
through ``wilayah.ringkasan``; the kecamatan and city figures are rolled up from the frozen rows
by each indicator's rule.

Which round, and "as of the month's end" (the rules, the same everywhere):

- The round of a month is the ``Siklus`` whose ``tahun`` is the month's year. A kelurahan takes
  part when it has a ``PengajuanPUD`` in that round (``ikut_putaran``); without one (no round that
  year, or a kelurahan added after the round was opened) every round figure is zero, every
  category ``tanpa_putaran`` and the shares have no target.
- The status at the month's end is the ``ke_status`` of the last ``LangkahPUD`` taken before
  midnight after the month's last day (Asia/Jakarta); no step by then: ``draf``. A step taken in
  December never changes November. A month still running reads the steps taken so far.
- FGD held: ``tanggal_fgd`` on or before the month's last day.
- FGD missed (``fgd_terlewat``, a "needs action" line): the scheduled day (``jadwal_fgd``, as it
  stands now: the schedule keeps no history) lies before the month's last day (before today while
  the month runs) and no FGD was held by then.
- Nominations: those recorded (``Usulan.dibuat``) before the month's end, with their present
  main/alternative flag (a nomination deleted later is not counted in earlier months either). A
  category's "none in this category" declaration is read as it stands now (it carries no date).
- UMKM recorded: active UMKM (``aktif``, the present flag: a business that closed is left out of
  earlier months too) recorded before the month's end; ``umkm_baru_bulan_ini`` those recorded in
  the month.
- A category's status (``status_agro``, ``status_kerajinan``, ``status_budaya``, one code of
  ``STATUS_KATEGORI``): ``tanpa_putaran``; ``belum`` (no main nomination, no declaration);
  ``tidak_ada`` (declared "none in this category"); with a main nomination the pengajuan's stage:
  ``usulan`` (draf or dikembalikan), ``diajukan``, ``diverifikasi``, ``ditetapkan``. Its number
  (``TAHAP_KATEGORI``, 0 to 4) is ``tahap_<kategori>``; ``pud_ditetapkan`` counts the determined
  categories (the PUD products of the decree).
- Submitted / verified / determined count the kelurahan whose status at the month's end is at
  least that far (a verified pengajuan has been submitted): ``diajukan`` is 1 for diajukan,
  diverifikasi and ditetapkan. A returned pengajuan (``dikembalikan``) counts as not submitted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wilayah.models import Kelurahan
from wilayah.periode import batas_bulan
from wilayah.ringkasan import Agregasi, Indikator, Ringkasan, untuk_filter_in

from .models import STATUS_TERKIRIM, STATUS_TERVERIFIKASI, KategoriKosong, KategoriPUD, LangkahPUD, PengajuanPUD, StatusPengajuan, Usulan

TANPA_PUTARAN = "tanpa_putaran"
BELUM = "belum"
TIDAK_ADA = "tidak_ada"
USULAN = "usulan"

#: A category's status codes as the frozen row keeps them, with their labels.
STATUS_KATEGORI = {
    TANPA_PUTARAN: _("Tidak ada putaran"),
    BELUM: _("Belum ada usulan utama"),
    TIDAK_ADA: _("Dinyatakan tidak ada usulan"),
    USULAN: _("Usulan utama dipilih (draf)"),
    StatusPengajuan.DIAJUKAN.value: _("Diajukan ke kecamatan"),
    StatusPengajuan.DIVERIFIKASI.value: _("Diverifikasi kecamatan"),
    StatusPengajuan.DITETAPKAN.value: _("Ditetapkan wali kota"),
}
#: A category's status as a number, for sorting and charts: how far its main nomination has come.
TAHAP_KATEGORI = {TANPA_PUTARAN: 0, BELUM: 0, TIDAK_ADA: 0, USULAN: 1, "diajukan": 2, "diverifikasi": 3, "ditetapkan": 4}



def _persen(kode: str, label, pembilang: str) -> Indikator:
    """A share of the kelurahan taking part in the round, read against 100 % while there is one."""
    return Indikator(kode, label, "%", Agregasi.RASIO, pembilang=pembilang, penyebut="ikut_putaran", target_kota="target_persen")


@dataclass
class RingkasanPUD(Ringkasan):
    """One kelurahan's PUD figures for one month, as of its last day (rules: the module's docstring)."""

    # The first two are the programme's key figures (the report's trend charts and regions table).
    INDIKATOR: ClassVar[tuple[Indikator, ...]] = (
        _persen("persen_fgd", _("FGD PUD terlaksana"), "fgd_terlaksana"),
        _persen("persen_diajukan", _("Pengajuan PUD kelurahan"), "diajukan"),
        Indikator("ikut_putaran", _("Kelurahan dalam putaran PUD tahun ini"), "kelurahan"),
        Indikator("fgd_terlaksana", _("Kelurahan yang sudah melaksanakan FGD PUD"), "kelurahan"),
        Indikator("fgd_bulan_ini", _("FGD PUD dilaksanakan bulan ini"), "FGD", perubahan=True),
        Indikator("diajukan", _("Kelurahan yang sudah mengajukan PUD"), "kelurahan"),
        Indikator("diverifikasi", _("Pengajuan PUD diverifikasi kecamatan"), "kelurahan"),
        _persen("persen_diverifikasi", _("Pengajuan PUD terverifikasi"), "diverifikasi"),
        Indikator("ditetapkan", _("Kelurahan yang PUD-nya ditetapkan"), "kelurahan"),
        _persen("persen_ditetapkan", _("PUD kelurahan ditetapkan"), "ditetapkan"),
        Indikator("pud_ditetapkan", _("Produk unggulan ditetapkan"), "produk"),
        Indikator("usulan_utama", _("Usulan PUD utama"), "usulan"),
        Indikator("usulan_alternatif", _("Usulan PUD alternatif"), "usulan"),
        Indikator("umkm", _("UMKM tercatat"), "UMKM"),
        Indikator("umkm_baru_bulan_ini", _("UMKM baru dicatat bulan ini"), "UMKM", perubahan=True),
        Indikator("dikembalikan", _("Pengajuan PUD dikembalikan kecamatan"), "kelurahan",
                  tindakan=_("Pengajuan PUD dikembalikan kecamatan: perbaiki sesuai catatan lalu ajukan lagi")),
        Indikator("fgd_terlewat", _("Jadwal FGD PUD terlewat"), "kelurahan",
                  tindakan=_("Jadwal FGD PUD sudah lewat tetapi FGD belum tercatat: laksanakan atau minta jadwal baru ke Bappeda")),
    )

    kelurahan_id: int
    tahun_putaran: int
    ikut_putaran: int = 0  # 1: the kelurahan has a pengajuan in the year's round
    status_pengajuan: str = ""  # the status at the month's end ("" without a round)
    umkm: int = 0
    umkm_baru_bulan_ini: int = 0
    usulan_utama: int = 0
    usulan_alternatif: int = 0
    fgd_terlaksana: int = 0
    fgd_bulan_ini: int = 0
    tanggal_fgd: dt.date | None = None  # held, by the month's end
    jadwal_fgd: dt.date | None = None
    diajukan: int = 0
    diverifikasi: int = 0
    ditetapkan: int = 0
    dikembalikan: int = 0
    fgd_terlewat: int = 0
    pud_ditetapkan: int = 0
    status_agro: str = TANPA_PUTARAN
    status_kerajinan: str = TANPA_PUTARAN
    status_budaya: str = TANPA_PUTARAN
    target_persen: int | None = None  # 100 while the kelurahan takes part: what the shares are read against

    def status_kategori(self, kategori: str) -> str:
        return getattr(self, f"status_{kategori}")

    def as_dict(self) -> dict:
        data = super().as_dict()
        for kategori in KategoriPUD.values:
            data[f"tahap_{kategori}"] = TAHAP_KATEGORI[data[f"status_{kategori}"]]
        return data


def akhir_bulan_waktu(tahun: int, bulan: int) -> dt.datetime:
    """The first moment after the month: midnight (the portal's time zone) after its last day."""
    return timezone.make_aware(dt.datetime.combine(batas_bulan(tahun, bulan)[1] + dt.timedelta(days=1), dt.time.min))


def status_pada_q(batas: dt.datetime) -> Subquery:
    """THE status rule: the ``ke_status`` of the last step taken before ``batas`` (None: none, so draf)."""
    return Subquery(
        LangkahPUD.objects.filter(pengajuan=OuterRef("pk"), pada__lt=batas).order_by("-pada", "-pk").values("ke_status")[:1]
    )


def ringkasan_bulanan(tahun: int, bulan: int, *, kelurahan_ids=None, hari_ini: dt.date | None = None) -> dict[int, RingkasanPUD]:
    """The month's PUD figures of every kelurahan (or of ``kelurahan_ids``), as of its end. Three queries."""
    awal, akhir = batas_bulan(tahun, bulan)
    batas = akhir_bulan_waktu(tahun, bulan)
    awal_waktu = timezone.make_aware(dt.datetime.combine(awal, dt.time.min))
    hari_ini = hari_ini or timezone.localdate()
    terlewat_sebelum = min(akhir, hari_ini)

    pengajuan = PengajuanPUD.objects.filter(siklus__tahun=tahun)
    usulan = Usulan.objects.filter(pengajuan__siklus__tahun=tahun, dibuat__lt=batas)
    kelurahan = Kelurahan.objects.all()
    if kelurahan_ids is not None:
        kelurahan_ids = untuk_filter_in(kelurahan_ids)
        kelurahan = kelurahan.filter(pk__in=kelurahan_ids)
        pengajuan = pengajuan.filter(kelurahan_id__in=kelurahan_ids)
        usulan = usulan.filter(pengajuan__kelurahan_id__in=kelurahan_ids)

    # 1. the kelurahan, with their UMKM counts
    tercatat = Q(umkm__aktif=True, umkm__dibuat__lt=batas)
    hasil = {}
    for r in kelurahan.order_by("kode").values("pk").annotate(
        umkm_n=Count("umkm", filter=tercatat), umkm_baru=Count("umkm", filter=tercatat & Q(umkm__dibuat__gte=awal_waktu))
    ):
        hasil[r["pk"]] = RingkasanPUD(kelurahan_id=r["pk"], tahun_putaran=tahun, umkm=r["umkm_n"], umkm_baru_bulan_ini=r["umkm_baru"])

    # 2. each kelurahan's part of the round: its status at the month's end, its FGD, its declared-empty categories
    kosong_q = {
        f"kosong_{k}": Exists(KategoriKosong.objects.filter(pengajuan=OuterRef("pk"), kategori=k)) for k in KategoriPUD.values
    }
    per_pengajuan: dict[int, RingkasanPUD] = {}
    kosong: set[tuple[int, str]] = set()
    for r in pengajuan.annotate(status_akhir=status_pada_q(batas), **kosong_q).values(
        "pk", "kelurahan_id", "status_akhir", "tanggal_fgd", "jadwal_fgd", *kosong_q
    ):
        baris = hasil.get(r["kelurahan_id"])
        if baris is None:
            continue
        per_pengajuan[r["pk"]] = baris
        kosong |= {(r["pk"], k) for k in KategoriPUD.values if r[f"kosong_{k}"]}
        status = r["status_akhir"] or StatusPengajuan.DRAF.value
        held = r["tanggal_fgd"] is not None and r["tanggal_fgd"] <= akhir
        baris.ikut_putaran, baris.target_persen, baris.status_pengajuan = 1, 100, status
        baris.fgd_terlaksana = int(held)
        baris.fgd_bulan_ini = int(held and r["tanggal_fgd"] >= awal)
        baris.tanggal_fgd = r["tanggal_fgd"] if held else None
        baris.jadwal_fgd = r["jadwal_fgd"]
        baris.diajukan = int(status in STATUS_TERKIRIM)
        baris.diverifikasi = int(status in STATUS_TERVERIFIKASI)
        baris.ditetapkan = int(status == StatusPengajuan.DITETAPKAN)
        baris.dikembalikan = int(status == StatusPengajuan.DIKEMBALIKAN)
        baris.fgd_terlewat = int(not held and r["jadwal_fgd"] is not None and r["jadwal_fgd"] < terlewat_sebelum)

    # 3. nominations recorded by the month's end, per pengajuan and category
    utama: set[tuple[int, str]] = set()
    for r in usulan.order_by().values("pengajuan_id", "kategori").annotate(u=Count("pk", filter=Q(utama=True)), a=Count("pk", filter=Q(utama=False))):
        baris = per_pengajuan.get(r["pengajuan_id"])
        if baris is None:
            continue
        baris.usulan_utama += r["u"]
        baris.usulan_alternatif += r["a"]
        if r["u"]:
            utama.add((r["pengajuan_id"], r["kategori"]))

    for pengajuan_id, baris in per_pengajuan.items():
        tahap = USULAN if baris.status_pengajuan in (StatusPengajuan.DRAF, StatusPengajuan.DIKEMBALIKAN) else baris.status_pengajuan
        for kategori in KategoriPUD.values:
            if (pengajuan_id, kategori) in utama:
                kode = tahap
            elif (pengajuan_id, kategori) in kosong:
                kode = TIDAK_ADA
            else:
                kode = BELUM
            setattr(baris, f"status_{kategori}", kode)
            baris.pud_ditetapkan += int(kode == StatusPengajuan.DITETAPKAN)
    return hasil
