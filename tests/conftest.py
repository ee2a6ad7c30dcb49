import pytest

from tests.factories import KecamatanFactory, KelurahanFactory, make_user
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN


@pytest.fixture
def dua_wilayah(db):
    """Two kelurahan in two kecamatan: A (the user's) and B (outside every kelurahan/kecamatan scope of A)."""
    kec_a = KecamatanFactory(kode="35.74.04", nama="Kanigaran")
    kec_b = KecamatanFactory(kode="35.74.01", nama="Kademangan")
    kel_a = KelurahanFactory(kode="35.74.04.1004", nama="Kebonsari Wetan", kecamatan=kec_a)
    kel_b = KelurahanFactory(kode="35.74.01.1001", nama="Ketapang", kecamatan=kec_b)
    return {"kec_a": kec_a, "kec_b": kec_b, "kel_a": kel_a, "kel_b": kel_b}


@pytest.fixture
def operator_a(dua_wilayah):
    return make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="operator_a")


@pytest.fixture
def camat_a(dua_wilayah):
    return make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat_a")


@pytest.fixture
def bappeda(db):
    return make_user(BAPPEDA, username="bappeda")


@pytest.fixture
def walikota(db):
    return make_user(KANTOR_WALI_KOTA, username="walikota")


@pytest.fixture
def hitung_dekode(monkeypatch):
    """The sizes of the images Pillow decodes during the test, one entry per decoding."""
    from PIL import ImageFile

    hitung = []
    asli = ImageFile.ImageFile.load

    def load(self):
        if self.tile:  # pixel data still to decode (afterwards load() returns at once)
            hitung.append(self.size)
        return asli(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return hitung

@pytest.fixture(autouse=True)
def _tanpa_catatan_nik_tertunda():
    """Each test starts with no NIK access log entry pending from an earlier one (``wilayah.nik``:
    entries written inside a transaction wait for the end of the request; a test is one transaction)."""
    from wilayah.nik import lupakan_catatan_tertunda

    lupakan_catatan_tertunda()
