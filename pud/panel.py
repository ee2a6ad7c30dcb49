"""The PUD panel on the kelurahan, kecamatan and city home pages: the current round as it stands
today (not a month's figures). Everything read through ``for_user``; at most five queries at a
kelurahan, two at a kecamatan or the city, whatever the number of kelurahan or nominations.

The current round is the open one, else the latest (a closed round still waiting for its decree).
"""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wilayah.models import Kelurahan

from .models import KategoriKosong, KategoriPUD, LangkahPUD, PengajuanPUD, Siklus, StatusPengajuan, StatusSiklus, Usulan
from .models import STATUS_TERKIRIM, STATUS_TERVERIFIKASI


#: The Bootstrap colour of a status badge.
WARNA_STATUS = {
    StatusPengajuan.DRAF: "secondary",
    StatusPengajuan.DIAJUKAN: "info",
    StatusPengajuan.DIKEMBALIKAN: "danger",
    StatusPengajuan.DIVERIFIKASI: "primary",
    StatusPengajuan.DITETAPKAN: "success",
}


def siklus_sekarang(user) -> Siklus | None:
    """The open round, else the latest one the user may see. One query."""
    return (
        Siklus.objects.for_user(user)
        .annotate(urut_buka=Case(When(status=StatusSiklus.DIBUKA, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("urut_buka", "-tahun")
        .first()
    )


def _kategori(pengajuan: PengajuanPUD, user) -> list[dict]:
    """The three categories of one pengajuan: the main nomination, how many alternatives, or the
    declared "none" with its reason. Two queries."""
    usulan = list(Usulan.objects.for_user(user).filter(pengajuan=pengajuan).select_related("umkm").order_by("kategori", "-utama", "pk"))
    kosong = {k.kategori: k.alasan for k in KategoriKosong.objects.filter(pengajuan=pengajuan)}
    hasil = []
    for kategori in KategoriPUD:
        daftar = [u for u in usulan if u.kategori == kategori.value]
        hasil.append({
            "kode": kategori.value,
            "label": kategori.label,
            "utama": next((u for u in daftar if u.utama), None),
            "alternatif": sum(1 for u in daftar if not u.utama),
            "kosong": kosong.get(kategori.value),
        })
    return hasil


def panel_kelurahan(request, kelurahan: Kelurahan) -> dict:
    user = request.user
    siklus = siklus_sekarang(user)
    if siklus is None:
        return {"tingkat": "kelurahan", "siklus": None}
    pengajuan = PengajuanPUD.objects.for_user(user).filter(siklus=siklus, kelurahan=kelurahan).first()
    konteks = {"tingkat": "kelurahan", "siklus": siklus, "pengajuan": pengajuan, "kategori": [], "catatan_kembali": ""}
    if pengajuan is None:
        return konteks
    konteks["kategori"] = _kategori(pengajuan, user)
    konteks["warna"] = WARNA_STATUS.get(pengajuan.status, "secondary")
    hari_ini = timezone.localdate()
    konteks["fgd_terlewat"] = pengajuan.tanggal_fgd is None and pengajuan.jadwal_fgd is not None and pengajuan.jadwal_fgd < hari_ini
    if pengajuan.status == StatusPengajuan.DIKEMBALIKAN:
        terakhir = LangkahPUD.objects.filter(pengajuan=pengajuan, aksi="kembalikan").order_by("-pada", "-pk").first()
        konteks["catatan_kembali"] = terakhir.catatan if terakhir else ""
    return konteks


def _progres(request, kelurahan_qs, tingkat: str) -> dict:
    user = request.user
    siklus = siklus_sekarang(user)
    if siklus is None:
        return {"tingkat": tingkat, "siklus": None}
    hari_ini = timezone.localdate()
    angka = (
        PengajuanPUD.objects.for_user(user)
        .filter(siklus=siklus, kelurahan__in=kelurahan_qs)
        .aggregate(
            jumlah=Count("pk"),
            fgd=Count("pk", filter=Q(tanggal_fgd__isnull=False)),
            diajukan=Count("pk", filter=Q(status__in=STATUS_TERKIRIM)),
            diverifikasi=Count("pk", filter=Q(status__in=STATUS_TERVERIFIKASI)),
            ditetapkan=Count("pk", filter=Q(status=StatusPengajuan.DITETAPKAN)),
            menunggu_verifikasi=Count("pk", filter=Q(status=StatusPengajuan.DIAJUKAN)),
            menunggu_penetapan=Count("pk", filter=Q(status=StatusPengajuan.DIVERIFIKASI)),
            dikembalikan=Count("pk", filter=Q(status=StatusPengajuan.DIKEMBALIKAN)),
            fgd_terlewat=Count("pk", filter=Q(tanggal_fgd__isnull=True, jadwal_fgd__lt=hari_ini)),
        )
    )
    jumlah = angka["jumlah"]
    baris = [
        {"kode": kode, "label": label, "n": angka[kode], "persen": round(100 * angka[kode] / jumlah, 1) if jumlah else 0.0}
        for kode, label in (
            ("fgd", _("FGD terlaksana")),
            ("diajukan", _("Diajukan kelurahan")),
            ("diverifikasi", _("Diverifikasi kecamatan")),
            ("ditetapkan", _("Ditetapkan wali kota")),
        )
    ]
    return {"tingkat": tingkat, "siklus": siklus, "angka": angka, "baris": baris}


def panel_kecamatan(request, kecamatan) -> dict:
    return _progres(request, Kelurahan.objects.filter(kecamatan=kecamatan).values("pk"), "kecamatan")


def panel_kota(request, _wilayah) -> dict:
    return _progres(request, Kelurahan.objects.values("pk"), "kota")


#: The panel of each level, registered level by level in ``apps.py``.
PANEL = {"kelurahan": panel_kelurahan, "kecamatan": panel_kecamatan, "kota": panel_kota}
