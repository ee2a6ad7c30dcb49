"""The PUD admin: rows through for_user, saves through the services, the workflow status never editable here."""

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse

from pud.models import UMKM, LangkahPUD, PengajuanPUD, StatusPengajuan, Siklus
from tests.factories import RWFactory, make_user
from tests.kader.factories import buat_nik
from tests.pud.factories import UMKMFactory, pengajuan_berstatus, pengajuan_di, siklus_terbuka
from tests.wilayah.test_hanya_baca import PembacaFormulir
from wilayah.roles import CAMAT, OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db


def formulir(client, url, form_id) -> dict:
    response = client.get(url)
    assert response.status_code == 200, url
    pembaca = PembacaFormulir(form_id)
    pembaca.feed(response.content.decode())
    return pembaca.data


@pytest.fixture
def operator_staf(dua_wilayah):
    return make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="operator_staf", is_staff=True)


def test_status_dan_keputusan_hanya_dibaca_di_admin(rf, operator_staf, bappeda, admin_user, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    model_admin = admin.site._registry[PengajuanPUD]
    for user in (operator_staf, bappeda, admin_user):
        request = rf.get("/")
        request.user = user
        readonly = set(model_admin.get_readonly_fields(request, pengajuan))
        assert {"status", "nomor_keputusan", "tanggal_keputusan"} <= readonly, user
        assert not model_admin.has_add_permission(request) and not model_admin.has_delete_permission(request, pengajuan)


def test_pos_palsu_tidak_mengubah_status_tetapi_catatan_fgd_tersimpan(client, operator_staf, dua_wilayah):
    """The operator's change page saves the FGD record through berita_acara_simpan; a status, decree number
    or date slipped into the POST changes nothing (the workflow is services.pengajuan_langkah only)."""
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    client.force_login(operator_staf)
    url = reverse("admin:pud_pengajuanpud_change", args=[pengajuan.pk])
    data = formulir(client, url, "pengajuanpud_form")
    assert "status" not in data and "nomor_keputusan" not in data
    data |= {"tempat_fgd": ["Aula Kelurahan"], "status": ["ditetapkan"], "nomor_keputusan": ["PALSU/1"], "tanggal_keputusan": ["2026-01-02"]}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    pengajuan.refresh_from_db()
    assert (pengajuan.tempat_fgd, pengajuan.status, pengajuan.nomor_keputusan, pengajuan.tanggal_keputusan) == ("Aula Kelurahan", StatusPengajuan.DRAF, "", None)
    assert not LangkahPUD.objects.exists()
    assert pengajuan.history.first().history_user == operator_staf


def test_pengajuan_terkirim_tidak_dapat_diubah_di_admin(client, operator_staf, dua_wilayah):
    pengajuan = pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIAJUKAN)
    client.force_login(operator_staf)
    url = reverse("admin:pud_pengajuanpud_change", args=[pengajuan.pk])
    body = client.get(url).content.decode()
    assert 'name="tempat_fgd"' not in body, "submitted: the page only reads"
    assert client.post(url, {"tempat_fgd": "Diubah"}).status_code == 403
    pengajuan.refresh_from_db()
    assert pengajuan.tempat_fgd != "Diubah"


def test_admin_umkm_lewat_service_dan_lingkup(client, bappeda, dua_wilayah):
    """Bappeda's admin save goes through umkm_simpan: an RW of another kelurahan is refused, nothing changes."""
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"])
    rw_lain = RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=4)
    client.force_login(bappeda)
    url = reverse("admin:pud_umkm_change", args=[umkm.pk])
    data = formulir(client, url, "umkm_form")
    response = client.post(url, data | {"rw": [str(rw_lain.pk)]})
    assert response.status_code in (200, 403)
    umkm.refresh_from_db()
    assert umkm.rw is None
    response = client.post(url, data | {"produk": ["Keripik mangga pedas"]})
    assert response.status_code == 302
    umkm.refresh_from_db()
    assert umkm.produk == "Keripik mangga pedas" and umkm.history.first().history_user == bappeda


def test_admin_umkm_menyamarkan_nik_untuk_camat_dan_membatasi_baris(client, dua_wilayah, bappeda):
    nik = buat_nik(dua_wilayah["kel_a"], dt.date(1980, 1, 1), "L", 5)
    umkm = UMKMFactory(kelurahan=dua_wilayah["kel_a"], nik=nik)
    lain = UMKMFactory(kelurahan=dua_wilayah["kel_b"])
    camat = make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat_staf", is_staff=True)
    client.force_login(camat)
    for url in (reverse("admin:pud_umkm_change", args=[umkm.pk]), reverse("admin:pud_umkm_changelist")):
        body = client.get(url).content.decode()
        assert nik not in body and nik[:4] + "\u2022" in body, url
    assert client.get(reverse("admin:pud_umkm_change", args=[lain.pk])).status_code == 302  # not in scope: "does not exist"
    assert not UMKM.objects.for_user(camat).filter(pk=lain.pk).exists()
    client.force_login(bappeda)
    assert nik in client.get(reverse("admin:pud_umkm_change", args=[umkm.pk])).content.decode()


def test_log_langkah_dan_putaran_tidak_ditambah_di_admin(client, admin_user):
    siklus_terbuka()
    client.force_login(admin_user)
    assert client.get(reverse("admin:pud_langkahpud_add")).status_code == 403
    assert client.get(reverse("admin:pud_siklus_add")).status_code == 403
    siklus = Siklus.objects.get()
    body = client.get(reverse("admin:pud_siklus_change", args=[siklus.pk])).content.decode()
    assert 'name="status"' not in body and 'name="nama"' in body
