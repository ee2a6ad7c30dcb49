import datetime as dt

import factory

from lkk.models import Jabatan, JenisLembaga, Lembaga, Pengurus
from tests.factories import KelurahanFactory


def jenis(kode: str) -> JenisLembaga:
    """One of the seeded types (data migration 0002): lpm, rw, rt, pkk, karang-taruna, posyandu, pokmas."""
    return JenisLembaga.objects.get(kode=kode)


class LembagaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lembaga

    jenis = factory.LazyFunction(lambda: jenis("pokmas"))
    nama = factory.Sequence(lambda n: f"Pokmas Uji {n}")
    kelurahan = factory.SubFactory(KelurahanFactory)
    nomor_sk = factory.Sequence(lambda n: f"188/{n}/425.xx/2024")
    tanggal_sk = dt.date(2024, 1, 2)
    masa_bakti_mulai = dt.date(2024, 1, 2)
    masa_bakti_selesai = dt.date(2029, 1, 1)


class PengurusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pengurus

    lembaga = factory.SubFactory(LembagaFactory)
    nama = factory.Sequence(lambda n: f"Pengurus Uji {n}")
    jabatan = Jabatan.ANGGOTA
    masa_mulai = dt.date(2024, 1, 2)
    pernyataan_nonpartai = True
    tanggal_pernyataan = dt.date(2024, 1, 2)


SCOPED_FACTORIES = {
    "lkk.Lembaga": lambda kelurahan: LembagaFactory(kelurahan=kelurahan),
    "lkk.Pengurus": lambda kelurahan: PengurusFactory(lembaga=LembagaFactory(kelurahan=kelurahan)),
}
