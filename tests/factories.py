"""Shared factories: regions and users in each role.

App factories live in ``tests/<app>/factories.py``. Each such module (and this one) may
declare ``SCOPED_FACTORIES = {"app_label.ModelName": make(kelurahan) -> instance}``; the
scoping matrix (``tests/wilayah/test_scoping_matrix.py``) collects them all and fails for
any scoped model that has none, so a new model cannot escape the matrix.
"""

import itertools

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from laporan.models import AngkaBulanan, LaporanBulanan, Sumber
from wilayah.models import RT, RW, Kecamatan, Kelurahan, Lingkup
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
from wilayah.scoping import Tingkat

PASSWORD = "rahasia-uji-123"


class KecamatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kecamatan
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"35.74.{n % 90 + 10:02d}")
    nama = factory.Sequence(lambda n: f"Kecamatan Uji {n}")


class KelurahanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kelurahan
        django_get_or_create = ("kode",)

    kecamatan = factory.SubFactory(KecamatanFactory)
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.kecamatan.kode}.{1000 + n % 9000:04d}")
    nama = factory.Sequence(lambda n: f"Kelurahan Uji {n}")


class RWFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RW

    kelurahan = factory.SubFactory(KelurahanFactory)
    nomor = factory.Sequence(lambda n: n % 900 + 1)


class RTFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RT

    rw = factory.SubFactory(RWFactory)
    nomor = factory.Sequence(lambda n: n % 900 + 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = "Pengguna"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def simpan(obj, create, extracted, **kwargs):
        if create:
            obj.save()


ROLE_LEVEL = {OPERATOR_KELURAHAN: Tingkat.KELURAHAN, CAMAT: Tingkat.KECAMATAN, BAPPEDA: Tingkat.KOTA, KANTOR_WALI_KOTA: Tingkat.KOTA}


def make_user(role: str, *, kelurahan=None, kecamatan=None, **kwargs):
    """A user in ``role`` with the matching scope row (Bappeda users are staff, as in production)."""
    tingkat = ROLE_LEVEL[role]
    kwargs.setdefault("is_staff", role == BAPPEDA)
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=role))
    Lingkup.objects.create(
        user=user,
        tingkat=tingkat,
        kelurahan=kelurahan if tingkat == Tingkat.KELURAHAN else None,
        kecamatan=kecamatan if tingkat == Tingkat.KECAMATAN else None,
    )
    return user


# Each call of the report factory takes the next month back from December 2024, so two rows of one
# kelurahan never meet the "one version per region and month" constraint.
_bulan = itertools.count()


def _bulan_berikut() -> tuple[int, int]:
    n = next(_bulan) % 120
    return 2024 - n // 12, 12 - n % 12


def laporan_kelurahan(kelurahan, *, tahun=None, bulan=None, **kwargs) -> LaporanBulanan:
    """A finished, published kelurahan report (no files) of a month (the next free one unless given)."""
    if tahun is None:
        tahun, bulan = _bulan_berikut()
    kwargs.setdefault("status", LaporanBulanan.Status.SELESAI)
    kwargs.setdefault("terbaru", True)
    kwargs.setdefault("sumber", Sumber.PERINTAH)
    return LaporanBulanan.objects.create(
        tingkat=Tingkat.KELURAHAN, kelurahan=kelurahan, kecamatan=kelurahan.kecamatan, kunci_wilayah=kelurahan.kode,
        tahun=tahun, bulan=bulan, **kwargs,
    )


def angka_bulanan(kelurahan, **kwargs) -> AngkaBulanan:
    kwargs.setdefault("program", "kader")
    kwargs.setdefault("nilai", {"aktif": 3})
    return AngkaBulanan.objects.create(laporan=laporan_kelurahan(kelurahan), **kwargs)


SCOPED_FACTORIES = {
    "laporan.LaporanBulanan": laporan_kelurahan,
    "laporan.AngkaBulanan": angka_bulanan,
    "wilayah.Kecamatan": lambda kelurahan: kelurahan.kecamatan,
    "wilayah.Kelurahan": lambda kelurahan: kelurahan,
    "wilayah.RW": lambda kelurahan: RWFactory(kelurahan=kelurahan),
    "wilayah.RT": lambda kelurahan: RTFactory(rw=RWFactory(kelurahan=kelurahan)),
}
