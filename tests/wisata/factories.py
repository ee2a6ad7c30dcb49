"""Factories of the wisata app; ``SCOPED_FACTORIES`` feeds the scoping matrix."""

import datetime

import factory
from django.db.models import Max

from tests.factories import KelurahanFactory, RWFactory
from wilayah.models import RW
from wisata.models import Destinasi, Event, FotoDestinasi, KategoriWisata, StatusDestinasi, StatusEvent
from wisata.referensi import isi_kategori_wisata


def pastikan_kategori():
    """The eight categories of the data migration (transactional tests flush them)."""
    isi_kategori_wisata(KategoriWisata)


def kategori(slug="kuliner"):
    if not KategoriWisata.objects.filter(slug=slug).exists():
        pastikan_kategori()
    return KategoriWisata.objects.get(slug=slug)


def rw_baru(kelurahan):
    """A new RW with the next free number in the kelurahan."""
    terakhir = RW.objects.filter(kelurahan=kelurahan).aggregate(m=Max("nomor"))["m"] or 0
    return RWFactory(kelurahan=kelurahan, nomor=terakhir + 1)


class DestinasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Destinasi

    nama = factory.Sequence(lambda n: f"Destinasi Uji {n}")
    kelurahan = factory.SubFactory(KelurahanFactory)
    rw = factory.LazyAttribute(lambda o: rw_baru(o.kelurahan))
    kategori = factory.LazyFunction(kategori)
    status = StatusDestinasi.AKTIF
    tanggal_aktif = factory.LazyFunction(lambda: datetime.date(2025, 6, 1))
    pengelola_jenis = "lembaga"
    pengelola_nama = "Pokmas Uji"


class FotoDestinasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FotoDestinasi

    destinasi = factory.SubFactory(DestinasiFactory)
    gambar = factory.django.FileField(filename="foto.jpg", data=b"x")
    thumbnail = factory.django.FileField(filename="kecil.jpg", data=b"x")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    nama = factory.Sequence(lambda n: f"Event Uji {n}")
    kelurahan = factory.SubFactory(KelurahanFactory)
    kategori = factory.LazyFunction(lambda: kategori("seni-budaya"))
    tanggal_mulai = datetime.date(2025, 8, 17)
    tanggal_selesai = factory.LazyAttribute(lambda o: o.tanggal_mulai)
    status = StatusEvent.RENCANA


SCOPED_FACTORIES = {
    "wisata.Destinasi": lambda kelurahan: DestinasiFactory(kelurahan=kelurahan),
    "wisata.FotoDestinasi": lambda kelurahan: FotoDestinasiFactory(destinasi=DestinasiFactory(kelurahan=kelurahan)),
    "wisata.Event": lambda kelurahan: EventFactory(kelurahan=kelurahan),
}
