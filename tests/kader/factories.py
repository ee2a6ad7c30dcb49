"""Factories of the kader app; ``SCOPED_FACTORIES`` feeds the scoping matrix."""

import datetime as dt

import factory

from kader.models import Kader, KepengurusanForkom, LombaKPM, NominasiLomba
from tests.factories import UserFactory
from wilayah.scoping import Tingkat


def buat_nik(kelurahan_or_prefix, tanggal_lahir: dt.date, jenis_kelamin: str, urut: int) -> str:
    """A NIK that agrees with the birth date and sex; prefix from the kelurahan's kecamatan."""
    if isinstance(kelurahan_or_prefix, str):
        prefix = kelurahan_or_prefix
    else:
        prefix = kelurahan_or_prefix.kecamatan.kode.replace(".", "")
    hari = tanggal_lahir.day + (40 if jenis_kelamin == "P" else 0)
    return f"{prefix}{hari:02d}{tanggal_lahir.month:02d}{tanggal_lahir.year % 100:02d}{urut % 10000:04d}"


class KaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kader
        skip_postgeneration_save = True

    nama = factory.Sequence(lambda n: f"Kader Uji {n}")
    jenis_kelamin = factory.Sequence(lambda n: "P" if n % 2 else "L")
    tempat_lahir = "Probolinggo"
    tanggal_lahir = factory.Sequence(lambda n: dt.date(1970 + n % 30, n % 12 + 1, n % 28 + 1))
    alamat = "Jl. Uji No. 1"
    kelurahan = None
    tanggal_mulai = dt.date(2023, 1, 2)
    nik = factory.LazyAttributeSequence(lambda o, n: buat_nik(o.kelurahan, o.tanggal_lahir, o.jenis_kelamin, n + 1))


def kepengurusan_kelurahan(kelurahan, **kwargs):
    kwargs.setdefault("periode_mulai", dt.date(2024, 1, 1))
    kwargs.setdefault("periode_selesai", dt.date(2028, 12, 31))
    return KepengurusanForkom.objects.create(tingkat=Tingkat.KELURAHAN, kelurahan=kelurahan, **kwargs)


def lomba(tahun=2025, **kwargs):
    obj, _ = LombaKPM.objects.get_or_create(tahun=tahun, tingkat=kwargs.pop("tingkat", LombaKPM.Tingkat.KOTA), defaults=kwargs)
    return obj


def nominasi(kelurahan, lomba_obj=None, **kwargs):
    pengusul = UserFactory()
    return NominasiLomba.objects.create(
        lomba=lomba_obj or lomba(), kader=KaderFactory(kelurahan=kelurahan), prestasi="Menggerakkan bank sampah RW 03.", diusulkan_oleh=pengusul, **kwargs
    )


SCOPED_FACTORIES = {
    "kader.Kader": lambda kelurahan: KaderFactory(kelurahan=kelurahan),
    "kader.KepengurusanForkom": kepengurusan_kelurahan,
    "kader.NominasiLomba": nominasi,
}


def banyak_kader(kelurahan, n: int, *, mulai: int = 0, rw=None, status="aktif", bidang=None) -> list:
    """``n`` valid cadres in one bulk_create (for volume tests), optionally with a field of work each."""
    objs = []
    for i in range(mulai, mulai + n):
        lahir = dt.date(1960 + i % 40, i % 12 + 1, i % 28 + 1)
        jk = "P" if i % 2 else "L"
        extra = {}
        if status != "aktif":
            extra = {"alasan_nonaktif": "Pindah", "tanggal_nonaktif": dt.date(2024, 6, 1)}
        objs.append(
            Kader(
                nik=buat_nik(kelurahan, lahir, jk, i), nama=f"Kader Massal {i:06d}", jenis_kelamin=jk, tempat_lahir="Probolinggo",
                tanggal_lahir=lahir, alamat="Jl. Massal", kelurahan=kelurahan, rw=rw, tanggal_mulai=dt.date(2023, 1, 2),
                peran=",penggerak,", status=status, **extra,
            )
        )  # fmt: skip
    objs = Kader.objects.bulk_create(objs, batch_size=1000)
    if bidang is not None:
        through = Kader.bidang_kerja.through
        through.objects.bulk_create([through(kader_id=o.pk, bidangkerja_id=bidang.pk) for o in objs], batch_size=1000)
    return objs
