"""Factories of the pud app; ``SCOPED_FACTORIES`` feeds the scoping matrix.

``siklus_terbuka()`` gives the open round (made once, with the default rubric), ``pengajuan_di``
a kelurahan's part of it, ``pengajuan_lengkap`` one ready to submit (FGD date, a signed scan, a
main nomination in every category), ``pengajuan_berstatus`` one already at a status (rows
written directly, with the berita acara and the decree the database constraints ask for).
"""

import datetime

import factory
from django.core.files.base import ContentFile

from pud.models import (
    KRITERIA_BAWAAN,
    UMKM,
    KategoriPUD,
    KriteriaPUD,
    PengajuanPUD,
    Siklus,
    StatusPengajuan,
    StatusSiklus,
    Usulan,
)
from tests.berkas import pdf_bytes
from tests.factories import KelurahanFactory

TANGGAL_FGD = datetime.date(2026, 10, 12)


class UMKMFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UMKM

    nama_usaha = factory.Sequence(lambda n: f"UMKM Uji {n}")
    pemilik_nama = factory.Sequence(lambda n: f"Pemilik Uji {n}")
    alamat = "Jl. Uji No. 1"
    kelurahan = factory.SubFactory(KelurahanFactory)
    kategori = KategoriPUD.AGRO
    produk = "Keripik mangga"
    tenaga_kerja = 3


def siklus_terbuka(tahun=2026) -> Siklus:
    siklus = Siklus.objects.filter(tahun=tahun).first()
    if siklus is None:
        siklus = Siklus.objects.create(tahun=tahun, nama=f"Penetapan PUD {tahun}", status=StatusSiklus.DIBUKA)
        KriteriaPUD.objects.bulk_create(KriteriaPUD(siklus=siklus, nama=n, keterangan=k, bobot=b, urutan=i) for i, (n, k, b) in enumerate(KRITERIA_BAWAAN, 1))
    return siklus


def pengajuan_di(kelurahan, *, siklus=None, **kwargs) -> PengajuanPUD:
    siklus = siklus or siklus_terbuka()
    pengajuan, _ = PengajuanPUD.objects.get_or_create(siklus=siklus, kelurahan=kelurahan, defaults=kwargs)
    return pengajuan


def usulan_di(pengajuan, kategori=KategoriPUD.AGRO, *, utama=True, umkm=None, **kwargs) -> Usulan:
    umkm = umkm or UMKMFactory(kelurahan=pengajuan.kelurahan, kategori=kategori)
    return Usulan.objects.create(pengajuan=pengajuan, kategori=kategori, umkm=umkm, produk=kwargs.pop("produk", f"Produk {umkm.nama_usaha}"), utama=utama, **kwargs)


def beri_berita_acara(pengajuan, *, tanggal=TANGGAL_FGD) -> PengajuanPUD:
    pengajuan.tanggal_fgd = tanggal
    pengajuan.tempat_fgd = "Ruang Pertemuan Bappeda"
    pengajuan.berita_acara.save("ba.pdf", ContentFile(pdf_bytes("Berita acara FGD PUD")), save=False)
    pengajuan.save()
    return pengajuan


def pengajuan_lengkap(kelurahan, **kwargs) -> PengajuanPUD:
    """Draf with everything submitting needs."""
    pengajuan = beri_berita_acara(pengajuan_di(kelurahan, **kwargs))
    for kategori in KategoriPUD:
        usulan_di(pengajuan, kategori)
    return pengajuan


def pengajuan_berstatus(kelurahan, status, **kwargs) -> PengajuanPUD:
    pengajuan = pengajuan_lengkap(kelurahan, **kwargs)
    pengajuan.status = status
    if status == StatusPengajuan.DITETAPKAN:
        pengajuan.nomor_keputusan = "100.3.3.3/123/KEP/425.012/2026"
        pengajuan.tanggal_keputusan = datetime.date(2026, 11, 2)
    pengajuan.save()
    return pengajuan


SCOPED_FACTORIES = {
    "pud.UMKM": lambda kelurahan: UMKMFactory(kelurahan=kelurahan),
    "pud.PengajuanPUD": lambda kelurahan: pengajuan_di(kelurahan),
    "pud.Usulan": lambda kelurahan: usulan_di(pengajuan_di(kelurahan)),
}
