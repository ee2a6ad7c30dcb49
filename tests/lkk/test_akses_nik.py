"""Issue 9 (UU 27/2022) in the LKK boards: pages and exports that give a board member's NIK in full
are recorded, masked ones are not; a post refused because its NIK holds another is recorded; the
board import's NIK lookups are limited per user per day (``wilayah.nik``)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lkk.models import Jabatan, Pengurus
from lkk.services import pengurus_simpan
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis
from tests.lkk.test_impor import KOLOM_PENGURUS, xlsx
from wilayah.models import AksesNIK
from wilayah.nik import simpan_catatan_tertunda

pytestmark = pytest.mark.django_db

NIK_A = "3574041203800012"
NIK_B = "3574045504850003"


def _catatan():
    return list(AksesNIK.objects.order_by("pk").values_list("nama_pengguna", "jenis", "jumlah", "object_id"))


@pytest.fixture
def dewan(dua_wilayah):
    lembaga = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")
    return {
        "lembaga": lembaga,
        "ketua": PengurusFactory(lembaga=lembaga, nama="Sutrisno", jabatan=Jabatan.KETUA, nik=NIK_A),
        "anggota": PengurusFactory(lembaga=lembaga, nama="Wati", nik=NIK_B),
        "tanpa_nik": PengurusFactory(lembaga=lembaga, nama="Bambang", nik=""),
    }


def test_ekspor_pengurus_dengan_nik_penuh_dicatat_yang_tersamar_tidak(client, operator_a, camat_a, dewan):
    client.force_login(camat_a)
    assert client.get(reverse("lkk:pengurus-ekspor")).status_code == 200
    assert _catatan() == []
    client.force_login(operator_a)
    assert client.get(reverse("lkk:pengurus-ekspor")).status_code == 200
    assert _catatan() == [("operator_a", "ekspor", 2, "")]  # two of the three have a NIK


def test_halaman_dengan_nik_penuh_dicatat_yang_tersamar_tidak(client, operator_a, camat_a, dewan):
    urls = [
        reverse("lkk:lembaga-detail", args=[dewan["lembaga"].pk]),
        reverse("lkk:pengurus-list"),
        reverse("lkk:pengurus-detail", args=[dewan["ketua"].pk]),
    ]
    client.force_login(camat_a)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200 and NIK_A not in response.content.decode(), url
    assert _catatan() == []
    client.force_login(operator_a)
    for url in urls:
        assert NIK_A in client.get(url).content.decode(), url
    client.get(reverse("lkk:pengurus-update", args=[dewan["ketua"].pk]))
    ketua = str(dewan["ketua"].pk)
    assert _catatan() == [
        ("operator_a", "lihat", 2, ""), ("operator_a", "lihat", 2, ""), ("operator_a", "lihat", 1, ketua), ("operator_a", "lihat", 1, ketua),
    ]  # fmt: skip


def test_rangkap_karena_nik_sama_dicatat(operator_a, bappeda, dua_wilayah):
    """The refusal tells the operator that this NIK holds a post outside their region: recorded,
    although the service's transaction (and its log row) was rolled back."""
    kt_b = LembagaFactory(kelurahan=dua_wilayah["kel_b"], jenis=jenis("karang-taruna"), nama="Karang Taruna Ketapang")
    lain = pengurus_simpan(
        acting_user=bappeda,
        pengurus=Pengurus(lembaga=kt_b, nama="Ahmad", nik=NIK_A, jabatan=Jabatan.BENDAHARA, masa_mulai=dt.date(2023, 1, 1), pernyataan_nonpartai=True, tanggal_pernyataan=dt.date(2023, 1, 1)),
    )
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    baru = Pengurus(lembaga=lpm, nama="A. Fauzi", nik=NIK_A, jabatan=Jabatan.KETUA, masa_mulai=dt.date(2024, 1, 2), pernyataan_nonpartai=True, tanggal_pernyataan=dt.date(2024, 1, 2))
    with pytest.raises(ValidationError, match="di luar wilayah kerja Anda"):
        pengurus_simpan(acting_user=operator_a, pengurus=baru)
    simpan_catatan_tertunda()  # what the end of the request does
    assert _catatan() == [("operator_a", "bentrok", 1, str(lain.pk))]
    assert AksesNIK.objects.get().nik_samaran == "3574\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u20220012"


def test_rangkap_dikenali_dari_nama_dan_telepon_tidak_dicatat_sebagai_nik(operator_a, dua_wilayah):
    kt = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("karang-taruna"))
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    data = {"nama": "Ahmad Fauzi", "telepon": "081234567890", "masa_mulai": dt.date(2024, 1, 2), "pernyataan_nonpartai": True, "tanggal_pernyataan": dt.date(2024, 1, 2)}
    pengurus_simpan(acting_user=operator_a, pengurus=Pengurus(lembaga=kt, jabatan=Jabatan.BENDAHARA, **data))
    with pytest.raises(ValidationError):
        pengurus_simpan(acting_user=operator_a, pengurus=Pengurus(lembaga=lpm, jabatan=Jabatan.KETUA, **data))
    simpan_catatan_tertunda()
    assert _catatan() == []


def test_batas_menolak_pratinjau_impor_pengurus_tanpa_menulis(client, operator_a, dua_wilayah, monkeypatch):
    monkeypatch.setattr("wilayah.nik.BATAS_PEMERIKSAAN_NIK_HARIAN", 1)
    kel = dua_wilayah["kel_a"]
    LembagaFactory(kelurahan=kel, jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")
    rows = [
        (kel.kode, "lpm", "LPM Kebonsari Wetan", "Sutrisno", NIK_A, "", "Ketua", "02/01/2024", "ya", "02/01/2024"),
        (kel.kode, "lpm", "LPM Kebonsari Wetan", "Wati", NIK_B, "", "Sekretaris", "02/01/2024", "ya", "02/01/2024"),
    ]
    client.force_login(operator_a)
    response = client.post(reverse("lkk:pengurus-impor"), {"berkas": xlsx(KOLOM_PENGURUS, rows)})
    hasil = response.context["hasil"]
    assert hasil.galat == [] and len(hasil.galat_berkas) == 1
    assert "Batas pemeriksaan NIK lewat impor hari ini terlampaui" in hasil.galat_berkas[0]
    assert not response.context["token"]
    assert not Pengurus.objects.exists() and _catatan() == []

    response = client.post(reverse("lkk:pengurus-impor"), {"berkas": xlsx(KOLOM_PENGURUS, rows[:1])})
    assert not response.context["hasil"].ada_galat, response.context["hasil"].galat
    assert not Pengurus.objects.exists()
    assert _catatan() == [("operator_a", "periksa_impor", 1, "")]
