"""Wisata city pages by level (issue 14): kecamatan from the stored 'wisata.kota' figures, drill-down to
the kelurahan counted live, never one row per kelurahan for the whole city; fixed queries at two sizes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import KecamatanFactory, KelurahanFactory, RWFactory
from tests.wisata.factories import DestinasiFactory, EventFactory
from wilayah.angka import angka, perbarui
from wilayah.models import Kecamatan
from wisata.models import TargetProgram
from wisata.ringkasan import KUNCI_KOTA, hitung_wisata_kota, progres_target

pytestmark = pytest.mark.django_db


def _kota(n_kecamatan, n_kelurahan, *, awal=0):
    """n_kecamatan x n_kelurahan, two RW each, the first with an active destination, one event this month."""
    hari_ini = timezone.localdate()
    for c in range(awal, awal + n_kecamatan):
        kec = KecamatanFactory(kode=f"35.{10 + c // 90:02d}.{10 + c % 90:02d}", nama=f"Kec {c:02d}")
        for k in range(n_kelurahan):
            kel = KelurahanFactory(kecamatan=kec, kode=f"{kec.kode}.{1001 + k}", nama=f"Kel {c:02d}-{k:02d}")
            rw = RWFactory(kelurahan=kel, nomor=1)
            RWFactory(kelurahan=kel, nomor=2)
            if k % 2 == 0:
                DestinasiFactory(kelurahan=kel, rw=rw, tanggal_aktif=hari_ini - datetime.timedelta(days=10))
            EventFactory(kelurahan=kel, tanggal_mulai=hari_ini.replace(day=1), tahunan=k % 3 == 0)


def _kueri(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx), response


URLS = ("wisata:index", "wisata:kota", "wilayah:kota")


@pytest.mark.parametrize("nama_url", URLS)
def test_kota_kueri_tetap_2x5_dan_4x20(client, bappeda, nama_url, panel_tanpa_simpan):
    _kota(2, 5)
    perbarui()
    client.force_login(bappeda)
    url = reverse(nama_url)
    _kueri(client, url)  # the session and the user's permissions
    kecil, _r = _kueri(client, url)
    _kota(2, 20, awal=2)
    perbarui()
    besar, response = _kueri(client, url)
    assert kecil == besar
    if nama_url != "wilayah:kota":
        body = response.content.decode()
        assert body.count('class="baris-kecamatan"') == 4 and 'class="baris-kelurahan"' not in body
        assert "Kel 03-19" not in body, "no kelurahan of the whole city on a city page"
        assert "Angka per " in body


def test_tabel_kecamatan_urut_di_server_dan_per_halaman(client, bappeda):
    _kota(3, 2)
    Kecamatan.objects.bulk_create([Kecamatan(kode=f"35.99.{i:02d}", nama=f"Kosong {i:02d}") for i in range(60)])
    perbarui()
    client.force_login(bappeda)
    url = reverse("wisata:kota")
    tabel = client.get(url).context["tabel"]
    assert tabel.urut == "persen" and tabel.turun and tabel.paginator.count == 63
    assert len(tabel.halaman.object_list) == 50
    assert [b["nama"] for b in tabel.halaman.object_list[:3]] == ["Kec 00", "Kec 01", "Kec 02"]  # 50 % each, by code
    tabel = client.get(url, {"urut": "-nama"}).context["tabel"]
    assert tabel.halaman.object_list[0]["nama"] == "Kosong 59"
    assert len(client.get(url, {"urut": "nama", "page": "2"}).context["tabel"].halaman.object_list) == 13
    for buruk in ("x%00", "-", "9999", "persen;drop"):
        assert client.get(url, {"urut": buruk, "page": buruk}).status_code == 200


def test_turun_ke_kecamatan_menampilkan_kelurahannya_dihitung_langsung(client, bappeda):
    _kota(2, 3)
    perbarui()
    kec = Kecamatan.objects.get(nama="Kec 01")
    client.force_login(bappeda)
    for nama_url in ("wisata:kota", "wisata:index"):
        response = client.get(reverse(nama_url), {"kecamatan": kec.kode})
        assert response.context["tingkat"] == "kelurahan"
        assert sorted(r.nama for r in response.context["peringkat"]) == ["Kel 01-00", "Kel 01-01", "Kel 01-02"]
        body = response.content.decode()
        assert "Semua kecamatan" in body and "Kel 00-00" not in body
    # Live: a destination recorded now shows in the drill-down before the stored figures are refreshed.
    kel = kec.kelurahan_set.get(nama="Kel 01-01")
    DestinasiFactory(kelurahan=kel, rw=kel.rw_set.get(nomor=1), tanggal_aktif=timezone.localdate())
    baris = {r.nama: r for r in client.get(reverse("wisata:kota"), {"kecamatan": kec.kode}).context["peringkat"]}
    assert baris["Kel 01-01"].rw_tercakup == 1
    # An unknown code is the field's error, not a 500 and not the whole city's kelurahan.
    response = client.get(reverse("wisata:kota"), {"kecamatan": "99.99.99"})
    assert response.status_code == 200 and response.context["tingkat"] == "kota" and 'id="galat-kecamatan"' in response.content.decode()


def test_camat_melihat_kelurahannya_operator_miliknya(client, camat_a, operator_a, dua_wilayah):
    KelurahanFactory(kecamatan=dua_wilayah["kec_a"], kode="35.74.04.1005", nama="Tisnonegaran")
    client.force_login(camat_a)
    response = client.get(reverse("wisata:index"))
    assert response.context["tingkat"] == "kelurahan" and "angka" not in response.context
    assert {r.nama for r in response.context["peringkat"]} == {"Kebonsari Wetan", "Tisnonegaran"}
    # Another kecamatan's code is outside the camat's scope: the field's error.
    response = client.get(reverse("wisata:index"), {"kecamatan": dua_wilayah["kec_b"].kode})
    assert {r.nama for r in response.context["peringkat"]} == {"Kebonsari Wetan", "Tisnonegaran"}
    assert 'id="galat-kecamatan"' in response.content.decode()
    client.force_login(operator_a)
    assert client.get(reverse("wisata:index"))["Location"] == reverse("wisata:kelurahan", args=[dua_wilayah["kel_a"].kode])


def test_target_wali_kota_dari_angka_tersimpan_target_berlaku_langsung(client, bappeda, dua_wilayah):
    hari_ini = timezone.localdate()
    rw = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)
    RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=1)
    DestinasiFactory(kelurahan=dua_wilayah["kel_a"], rw=rw, tanggal_aktif=hari_ini, baru=True)
    EventFactory(kelurahan=dua_wilayah["kel_a"], tahunan=True, tanggal_mulai=hari_ini)
    perbarui(KUNCI_KOTA)
    client.force_login(bappeda)
    progres = client.get(reverse("wisata:kota")).context["progres"]
    sama = progres_target(hari_ini.year, hari_ini=hari_ini)
    assert [(b.kode, b.tercapai, b.target, b.laju_3_bulan, b.tanggal_proyeksi) for b in progres.butir] == [
        (b.kode, b.tercapai, b.target, b.laju_3_bulan, b.tanggal_proyeksi) for b in sama.butir
    ]
    assert {b.kode: b.target for b in progres.butir} == {"destinasi_baru": 100, "event_tahunan": 100, "rw_tercakup": 2}
    # Counts are stored (a new destination waits for the refresh); a target Bappeda sets shows at once.
    DestinasiFactory(kelurahan=dua_wilayah["kel_b"], rw=RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=2), tanggal_aktif=hari_ini, baru=True)
    TargetProgram.objects.create(tahun=hari_ini.year, target_destinasi_baru=7, target_event_tahunan=3, target_rw_persen=50)
    response = client.get(reverse("wisata:kota"))
    butir = {b.kode: b for b in response.context["progres"].butir}
    assert (butir["destinasi_baru"].tercapai, butir["destinasi_baru"].target, butir["event_tahunan"].target) == (1, 7, 3)
    assert butir["rw_tercakup"].target == 1
    assert "Angka per " in response.content.decode()
    body = client.get(reverse("wilayah:kota")).content.decode()
    assert "Rincian dan proyeksi" in body and "Angka per " in body


def test_tahun_di_luar_pilihan_menjadi_tahun_terdekat(client, bappeda):
    client.force_login(bappeda)
    tahun = timezone.localdate().year
    assert client.get(reverse("wisata:kota"), {"tahun": tahun - 5}).context["tahun"] == tahun - 1
    assert client.get(reverse("wisata:kota"), {"tahun": "x"}).context["tahun"] == tahun


def test_hitung_wisata_kota_kueri_tetap_dan_satu_baris_per_kecamatan(db):
    _kota(2, 5)
    with CaptureQueriesContext(connection) as kecil:
        hitung_wisata_kota()
    _kota(3, 20, awal=2)
    with CaptureQueriesContext(connection) as besar:
        data = hitung_wisata_kota()
    assert len(kecil) == len(besar)
    tahun = data["tahun"][str(timezone.localdate().year)]
    assert len(tahun["kecamatan"]) == 5
    kec = {b["nama"]: b for b in tahun["kecamatan"]}["Kec 04"]
    assert (kec["jumlah_kelurahan"], kec["jumlah_rw"], kec["rw_tercakup"], kec["kelurahan_tuntas"], kec["event_bulan_ini"]) == (20, 40, 10, 0, 20)
    assert kec["persen_rw"] == 25.0 and kec["destinasi_aktif"] == 10
    assert angka(KUNCI_KOTA).data["tahun"].keys() == data["tahun"].keys()


def test_hanya_kota_yang_membaca_angka_tersimpan(client, camat_a, dua_wilayah):
    """The stored figures are unscoped: a camat's page never shows them."""
    client.force_login(camat_a)
    body = client.get(reverse("wisata:index")).content.decode()
    assert "Angka per " not in body and 'id="tabel-kecamatan"' not in body
    assert "Ketapang" not in body
