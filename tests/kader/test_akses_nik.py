"""Issue 9 (UU 27/2022) in the cadre registry: every page, export and admin page that gives a NIK in
full is recorded, a masked one is not; a NIK conflict is recorded; an import's NIK lookups are
limited per user per day (``wilayah.nik``)."""

import datetime as dt

import pytest
from django.urls import reverse

from kader.models import Kader, StatusKader
from tests.factories import make_user
from tests.kader.factories import KaderFactory
from tests.kader.test_impor import baris, xlsx
from wilayah.models import AksesNIK
from wilayah.roles import CAMAT

pytestmark = pytest.mark.django_db


@pytest.fixture
def kader_a(dua_wilayah):
    return [KaderFactory(kelurahan=dua_wilayah["kel_a"]) for _ in range(3)]


@pytest.fixture
def kader_b(dua_wilayah):
    return KaderFactory(kelurahan=dua_wilayah["kel_b"])


def _catatan():
    return list(AksesNIK.objects.order_by("pk").values_list("nama_pengguna", "jenis", "jumlah", "object_id"))


def test_ekspor_dengan_nik_penuh_dicatat(client, operator_a, kader_a, kader_b):
    client.force_login(operator_a)
    response = client.get(reverse("kader:kader-ekspor"))
    assert response.status_code == 200
    assert _catatan() == [("operator_a", "ekspor", 3, "")]  # the operator's own three cadres, in full


def test_ekspor_kota_oleh_bappeda_dicatat(client, bappeda, kader_a, kader_b):
    client.force_login(bappeda)
    client.get(reverse("kader:kader-ekspor"), {"status": StatusKader.AKTIF})
    assert _catatan() == [("bappeda", "ekspor", 4, "")]


def test_ekspor_dan_halaman_tersamar_tidak_dicatat(client, camat_a, kader_a):
    client.force_login(camat_a)
    for url in (reverse("kader:kader-ekspor"), reverse("kader:kader-list"), reverse("kader:kader-detail", args=[kader_a[0].pk])):
        response = client.get(url)
        assert response.status_code == 200, url
        assert kader_a[0].nik not in response.content.decode(errors="replace"), url
    assert _catatan() == []


def test_halaman_detail_daftar_dan_formulir_dengan_nik_penuh_dicatat(client, operator_a, kader_a):
    client.force_login(operator_a)
    k = kader_a[0]
    assert k.nik in client.get(reverse("kader:kader-detail", args=[k.pk])).content.decode()
    client.get(reverse("kader:kader-list"))
    client.get(reverse("kader:kader-update", args=[k.pk]))
    assert _catatan() == [("operator_a", "lihat", 1, str(k.pk)), ("operator_a", "lihat", 3, ""), ("operator_a", "lihat", 1, str(k.pk))]
    entri = AksesNIK.objects.order_by("pk").first()
    assert entri.nik_samaran == k.nik_samaran and entri.keterangan == "Halaman detail KPM"


def test_halaman_admin_dengan_nik_penuh_dicatat_yang_tersamar_tidak(client, dua_wilayah, bappeda, kader_a):
    k = kader_a[0]
    change = reverse("admin:kader_kader_change", args=[k.pk])
    changelist = reverse("admin:kader_kader_changelist")
    camat = make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat_staf", is_staff=True)
    client.force_login(camat)
    assert client.get(change).status_code == 200 and client.get(changelist).status_code == 200
    assert _catatan() == []
    client.force_login(bappeda)
    assert k.nik in client.get(change).content.decode()
    assert k.nik in client.get(changelist).content.decode()
    assert _catatan() == [("bappeda", "admin", 1, str(k.pk)), ("bappeda", "admin", 3, "")]


# --- conflicts ---


def test_nik_bentrok_saat_mencatat_kader_dicatat(client, operator_a, data_kader, kader_b):
    """The refusal says the NIK is an active cadre's (in kelurahan B, outside the operator's region):
    recorded, although the service's transaction was rolled back."""
    client.force_login(operator_a)
    data = data_kader | {"nik": kader_b.nik, "tanggal_lahir": kader_b.tanggal_lahir.isoformat(), "jenis_kelamin": kader_b.jenis_kelamin}
    response = client.post(reverse("kader:kader-create"), data)
    assert response.status_code == 200
    assert "sudah terdaftar pada KPM aktif lain" in response.content.decode()
    assert Kader.objects.count() == 1
    assert _catatan() == [("operator_a", "bentrok", 1, str(kader_b.pk))]


def test_nik_bentrok_saat_mengaktifkan_kembali_dicatat(client, operator_a, dua_wilayah, kader_b):
    lama = KaderFactory(
        kelurahan=dua_wilayah["kel_a"], nik=kader_b.nik, tanggal_lahir=kader_b.tanggal_lahir, jenis_kelamin=kader_b.jenis_kelamin,
        status=StatusKader.NONAKTIF, alasan_nonaktif="Pindah", tanggal_nonaktif=dt.date(2024, 6, 1),
    )  # fmt: skip
    client.force_login(operator_a)
    client.post(reverse("kader:kader-aktifkan", args=[lama.pk]))
    lama.refresh_from_db()
    assert lama.status == StatusKader.NONAKTIF
    assert _catatan() == [("operator_a", "bentrok", 1, str(kader_b.pk))]


# --- the import ---


def test_pratinjau_impor_mencatat_pemeriksaan_dan_bentrok(client, operator_a, rw_a, dua_wilayah):
    """The preview is rolled back whole; its NIK lookups and the conflicts it found stay recorded."""
    lain = KaderFactory(kelurahan=dua_wilayah["kel_b"], nik=baris(2)["nik"], tanggal_lahir=dt.date(1972, 3, 3), jenis_kelamin="L")
    client.force_login(operator_a)
    response = client.post(reverse("kader:kader-impor"), {"berkas": xlsx([baris(i) for i in range(1, 5)])})
    hasil = response.context["hasil"]
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(3, "nik")]
    assert Kader.objects.count() == 1
    assert _catatan() == [("operator_a", "periksa_impor", 4, ""), ("operator_a", "bentrok", 1, str(lain.pk))]


def test_batas_menolak_pratinjau_dengan_pesan_dan_tidak_menulis_apa_pun(client, operator_a, rw_a, monkeypatch):
    monkeypatch.setattr("wilayah.nik.BATAS_PEMERIKSAAN_NIK_HARIAN", 5)
    client.force_login(operator_a)
    url = reverse("kader:kader-impor")
    response = client.post(url, {"berkas": xlsx([baris(i) for i in range(1, 4)])})
    assert not response.context["hasil"].ada_galat
    assert _catatan() == [("operator_a", "periksa_impor", 3, "")]

    response = client.post(url, {"berkas": xlsx([baris(i) for i in range(10, 13)])})
    hasil = response.context["hasil"]
    assert response.status_code == 200
    assert hasil.galat == [], "no row is checked when the file is refused"
    assert len(hasil.galat_berkas) == 1 and "Batas pemeriksaan NIK lewat impor hari ini terlampaui" in hasil.galat_berkas[0]
    assert "Batas pemeriksaan NIK" in response.content.decode()
    assert not response.context["token"]
    assert not Kader.objects.exists()
    assert _catatan() == [("operator_a", "periksa_impor", 3, "")]  # the refused file wrote nothing either
