"""The pelatihan admin: rows through for_user, saves through the services, the status, the session span and
the certificate fields never editable there."""

import pytest
from django.contrib import admin
from django.urls import reverse

from pelatihan.models import Diklat, Narasumber, Peserta, SesiDiklat, StatusDiklat
from tests.factories import make_user
from tests.pelatihan.factories import diklat_di, instansi, narasumber, peserta_di
from tests.wilayah.test_hanya_baca import PembacaFormulir
from wilayah.roles import BAPPEDA, CAMAT, OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db


def formulir(client, url, form_id) -> dict:
    response = client.get(url)
    assert response.status_code == 200, url
    pembaca = PembacaFormulir(form_id)
    pembaca.feed(response.content.decode())
    return pembaca.data


@pytest.fixture
def camat_staf(dua_wilayah):
    return make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat_staf", is_staff=True)


@pytest.fixture
def bappeda_staf(db):
    return make_user(BAPPEDA, username="bappeda_staf")


def test_baris_admin_menurut_lingkup(client, camat_staf, dua_wilayah):
    kota = diklat_di(judul="Kota")
    milik = diklat_di(dua_wilayah["kel_a"], judul="Kebonsari Wetan")
    lain = diklat_di(dua_wilayah["kel_b"], judul="Ketapang")
    peserta_lain = peserta_di(lain, dua_wilayah["kel_b"])
    client.force_login(camat_staf)
    body = client.get(reverse("admin:pelatihan_diklat_changelist")).content.decode()
    assert "Kota" in body and "Kebonsari Wetan" in body and "Ketapang" not in body
    assert client.get(reverse("admin:pelatihan_diklat_change", args=[lain.pk])).status_code == 302  # "does not exist"
    sesi_body = client.get(reverse("admin:pelatihan_sesidiklat_changelist")).content.decode()
    assert reverse("admin:pelatihan_sesidiklat_change", args=[milik.sesi_set.get().pk]) in sesi_body
    assert reverse("admin:pelatihan_sesidiklat_change", args=[lain.sesi_set.get().pk]) not in sesi_body
    assert client.get(reverse("admin:pelatihan_sesidiklat_change", args=[lain.sesi_set.get().pk])).status_code == 302
    assert client.get(reverse("admin:pelatihan_peserta_change", args=[peserta_lain.pk])).status_code == 302
    assert client.get(reverse("admin:pelatihan_diklat_change", args=[kota.pk])).status_code == 200


def test_status_tanggal_dan_sertifikat_hanya_dibaca(rf, camat_staf, bappeda_staf, admin_user, dua_wilayah):
    diklat = diklat_di(dua_wilayah["kel_a"])
    peserta = peserta_di(diklat, dua_wilayah["kel_a"])
    for user in (camat_staf, bappeda_staf, admin_user):
        request = rf.get("/")
        request.user = user
        diklat_admin = admin.site._registry[Diklat]
        assert {"status", "tanggal_mulai", "tanggal_selesai"} <= set(diklat_admin.get_readonly_fields(request, diklat)), user
        assert not diklat_admin.has_add_permission(request), "added on the portal, with its first session"
        peserta_admin = admin.site._registry[Peserta]
        assert {"nomor_urut_sertifikat", "nomor_sertifikat", "kode_verifikasi", "sertifikat_terbit"} <= set(peserta_admin.get_readonly_fields(request, peserta))
        assert not peserta_admin.has_change_permission(request, peserta)
        assert not admin.site._registry[SesiDiklat].has_change_permission(request, diklat.sesi_set.get())


def test_ubah_diklat_di_admin_lewat_service(client, bappeda_staf, dua_wilayah):
    diklat = diklat_di(kuota=5, status=StatusDiklat.RENCANA)
    peserta_di(diklat, dua_wilayah["kel_a"])
    peserta_di(diklat, dua_wilayah["kel_a"])
    dprd = instansi("Komisi II DPRD")
    client.force_login(bappeda_staf)
    url = reverse("admin:pelatihan_diklat_change", args=[diklat.pk])
    data = formulir(client, url, "diklat_form")
    assert "status" not in data
    # Below the registered participants: the service refuses, nothing changes.
    response = client.post(url, data | {"kuota": ["1"], "status": ["terlaksana"]})
    assert response.status_code == 403
    diklat.refresh_from_db()
    assert (diklat.kuota, diklat.status) == (5, StatusDiklat.RENCANA)
    response = client.post(url, data | {"judul": ["Diubah di admin"], "penyelenggara_lain": [str(dprd.pk)], "status": ["terlaksana"]})
    assert response.status_code == 302, response.content.decode()[:3000]
    diklat.refresh_from_db()
    assert (diklat.judul, diklat.status, list(diklat.penyelenggara_lain.all())) == ("Diubah di admin", StatusDiklat.RENCANA, [dprd])
    assert diklat.history.first().history_user == bappeda_staf


def test_hapus_diklat_berpeserta_ditolak_di_admin(client, admin_user, dua_wilayah):
    berpeserta = diklat_di()
    peserta_di(berpeserta, dua_wilayah["kel_a"])
    kosong = diklat_di()
    client.force_login(admin_user)
    client.post(reverse("admin:pelatihan_diklat_delete", args=[berpeserta.pk]), {"post": "yes"})
    assert Diklat.objects.filter(pk=berpeserta.pk).exists()
    response = client.post(reverse("admin:pelatihan_diklat_delete", args=[kosong.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Diklat.objects.filter(pk=kosong.pk).exists()


def test_operator_staf_tidak_mengubah_diklat_kota_dan_narasumber(client, dua_wilayah):
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="operator_staf", is_staff=True)
    kota = diklat_di()
    nara = narasumber()
    client.force_login(operator)
    url = reverse("admin:pelatihan_diklat_change", args=[kota.pk])
    assert 'name="judul"' not in client.get(url).content.decode(), "seen, not organised: the page only reads"
    assert client.post(url, {"judul": "Diubah"}).status_code == 403
    assert client.post(reverse("admin:pelatihan_narasumber_change", args=[nara.pk]), {"nama": "Diubah"}).status_code == 403
    assert Diklat.objects.get().judul != "Diubah" and Narasumber.objects.get().nama != "Diubah"


def test_narasumber_ganda_ditolak_di_admin(client, admin_user):
    narasumber("Dr. Hari Santoso", "BPSDM Jatim")
    lain = narasumber("Dr. Hari Lain", "BPSDM Jatim")
    client.force_login(admin_user)
    url = reverse("admin:pelatihan_narasumber_change", args=[lain.pk])
    data = formulir(client, url, "narasumber_form")
    response = client.post(url, data | {"nama": ["DR. HARI  SANTOSO"]})
    assert response.status_code == 403
    assert Narasumber.objects.get(pk=lain.pk).nama == "Dr. Hari Lain"
