"""Scoped pages: the kelurahan gap list, the city page, targets set by Bappeda, panels, list query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import RWFactory
from tests.wisata.factories import DestinasiFactory, EventFactory
from wilayah.angka import perbarui
from wisata.models import StatusDestinasi, TargetProgram

pytestmark = pytest.mark.django_db


def test_daftar_celah_rw_kelurahan(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    rw = {n: RWFactory(kelurahan=kel, nomor=n) for n in (1, 2, 3)}
    DestinasiFactory(kelurahan=kel, rw=rw[1], nama="Pasar Kuliner")
    DestinasiFactory(kelurahan=kel, rw=rw[1], nama="Galeri Batik")
    DestinasiFactory(kelurahan=kel, rw=rw[2], nama="Calon Kampung Hijau", status=StatusDestinasi.POTENSI, tanggal_aktif=None)
    hari_ini = timezone.localdate()
    EventFactory(kelurahan=kel, nama="Senam Bulan Ini", tanggal_mulai=hari_ini.replace(day=1))
    client.force_login(operator_a)
    response = client.get(reverse("wisata:kelurahan", args=[kel.kode]))
    assert response.status_code == 200
    assert [r.nomor for r in response.context["rw_celah"]] == [2, 3]  # potensi does not cover RW 02
    assert [r.nomor for r in response.context["rw_tercakup"]] == [1]
    body = response.content.decode()
    assert "Calon Kampung Hijau" in body and f"?rw={rw[2].pk}" in body and "Senam Bulan Ini" in body
    assert "1 / 3 RW" in body
    assert client.get(reverse("wisata:kelurahan", args=[dua_wilayah["kel_b"].kode])).status_code == 404
    # the operator's start page is their kelurahan
    assert client.get(reverse("wisata:index"))["Location"] == reverse("wisata:kelurahan", args=[kel.kode])


def test_halaman_kota_untuk_bappeda_dan_walikota_saja(client, bappeda, walikota, operator_a, camat_a, dua_wilayah):
    tahun = timezone.localdate().year
    rw = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1)
    DestinasiFactory(kelurahan=dua_wilayah["kel_a"], rw=rw, tanggal_aktif=timezone.localdate(), baru=True)
    EventFactory(kelurahan=dua_wilayah["kel_a"], tahunan=True, tanggal_mulai=datetime.date(tahun, 3, 5))
    TargetProgram.objects.create(tahun=tahun, target_destinasi_baru=4, target_event_tahunan=10)
    for user in (operator_a, camat_a):
        client.force_login(user)
        assert client.get(reverse("wisata:kota")).status_code == 404
    for user in (bappeda, walikota):
        client.force_login(user)
        response = client.get(reverse("wisata:kota"))
        assert response.status_code == 200
        body = response.content.decode()
        assert 'id="progres-destinasi_baru"' in body and 'id="grafik-event"' in body
        butir = {b.kode: b for b in response.context["progres"].butir}
        assert (butir["destinasi_baru"].tercapai, butir["destinasi_baru"].target) == (1, 4)
        assert "Dengan laju ini tercapai sekitar" in body
        # City level: the kecamatan ranked by RW coverage (stored figures), not one row per kelurahan.
        assert response.context["tabel"].halaman.object_list[0]["kode"] == dua_wilayah["kec_a"].kode
        assert "peringkat" not in response.context
    assert "Atur target" not in body  # the mayor's office reads; Bappeda sets targets
    client.force_login(bappeda)
    assert "Atur target" in client.get(reverse("wisata:kota")).content.decode()


def test_target_hanya_diatur_bappeda(client, bappeda, operator_a, walikota):
    """Targets are set on the targets page (/wilayah/target/, wilayah.target), by Bappeda only."""
    tahun = timezone.localdate().year
    data = {"bagian": "wisata", "tahun": tahun, "target_destinasi_baru": 1, "target_event_tahunan": 1, "target_rw_persen": 100}
    for user, status in ((operator_a, 404), (walikota, 403)):
        client.force_login(user)
        assert client.get(reverse("wisata:target-list")).status_code == 200
        assert client.post(reverse("wilayah:target"), data).status_code == status
    assert not TargetProgram.objects.exists()
    client.force_login(bappeda)
    response = client.post(reverse("wilayah:target"), {**data, "target_destinasi_baru": 120, "target_event_tahunan": 100, "target_rw_persen": 101})
    assert response.status_code == 200 and not TargetProgram.objects.exists()
    response = client.post(reverse("wilayah:target"), {**data, "target_destinasi_baru": 120, "target_event_tahunan": 100, "target_rw_persen": 100})
    assert response.status_code == 302
    assert TargetProgram.objects.get().target_destinasi_baru == 120
    assert "Tetapkan target" in client.get(reverse("wisata:target-list")).content.decode()


def test_panel_beranda_wilayah(client, operator_a, bappeda, camat_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    rw1, _rw2 = RWFactory(kelurahan=kel, nomor=1), RWFactory(kelurahan=kel, nomor=2)
    DestinasiFactory(kelurahan=kel, rw=rw1)
    client.force_login(operator_a)
    body = client.get(kel.get_absolute_url()).content.decode()
    assert "1</strong> dari <strong>2</strong> RW punya destinasi aktif" in body
    assert 'style="width: 50.0%"' in body  # CSS needs a decimal point, not the Indonesian comma
    client.force_login(camat_a)
    assert "RW punya destinasi aktif" in client.get(dua_wilayah["kec_a"].get_absolute_url()).content.decode()
    client.force_login(bappeda)
    assert "Rincian dan proyeksi" in client.get(reverse("wilayah:kota")).content.decode()


def _buat(dua_wilayah, mulai, jumlah):
    for i in range(mulai, mulai + jumlah):
        kel = dua_wilayah["kel_a"] if i % 2 else dua_wilayah["kel_b"]
        d = DestinasiFactory(kelurahan=kel, rw=RWFactory(kelurahan=kel, nomor=i + 1))
        EventFactory(kelurahan=kel, destinasi=d, rw=d.rw, tanggal_mulai=timezone.localdate())


@pytest.mark.parametrize("peran", ["bappeda", "operator_a"])
def test_halaman_daftar_query_tidak_tumbuh(client, request, dua_wilayah, peran):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = request.getfixturevalue(peran)
    kode = dua_wilayah["kel_a"].kode
    urls = [reverse("wisata:destinasi-list"), reverse("wisata:event-list"), reverse("wisata:kelurahan", args=[kode]), reverse("wisata:foto-list")]
    if peran == "bappeda":
        urls += [reverse("wisata:index"), reverse("wisata:kota"), reverse("wilayah:kota")]
    _buat(dua_wilayah, 0, 2)
    perbarui()  # the city figures stored (a city page computes them only when none are stored yet)
    client.force_login(user)
    sebelum = {}
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        sebelum[url] = len(ctx)
    _buat(dua_wilayah, 2, 30)
    perbarui()
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        assert len(ctx) == sebelum[url], url


def test_pilihan_form_terbatas_lingkup(client, operator_a, dua_wilayah):
    RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=7)
    RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=8)
    client.force_login(operator_a)
    form = client.get(reverse("wisata:destinasi-create")).context["form"]
    assert list(form.fields["kelurahan"].queryset) == [dua_wilayah["kel_a"]]
    assert [rw.nomor for rw in form.fields["rw"].queryset] == [7]


def test_proyeksi_belum_terjangkau_tampil_di_halaman_kota(client, bappeda):
    client.force_login(bappeda)
    tahun_depan = timezone.localdate().year + 1
    body = client.get(reverse("wisata:kota"), {"tahun": tahun_depan}).content.decode()
    assert body.count("Dengan laju ini belum terjangkau") == 2  # new destinations and annual events: no pace yet
    assert "Bappeda belum menetapkan target" in body


def test_camat_melihat_kelurahan_kecamatannya_saja(client, camat_a, dua_wilayah):
    client.force_login(camat_a)
    assert client.get(reverse("wisata:kelurahan", args=[dua_wilayah["kel_a"].kode])).status_code == 200
    assert client.get(reverse("wisata:kelurahan", args=[dua_wilayah["kel_b"].kode])).status_code == 404
    response = client.get(reverse("wisata:index"))
    assert [r.kelurahan_id for r in response.context["peringkat"]] == [dua_wilayah["kel_a"].pk]
    assert client.get(reverse("wisata:destinasi-create")).status_code == 403


def test_operator_tidak_bisa_mengubah_atau_menambah_foto_di_luar_lingkup(client, operator_a, dua_wilayah):
    luar = DestinasiFactory(kelurahan=dua_wilayah["kel_b"])
    event_luar = EventFactory(kelurahan=dua_wilayah["kel_b"])
    client.force_login(operator_a)
    assert client.get(reverse("wisata:destinasi-update", args=[luar.pk])).status_code == 404
    assert client.post(reverse("wisata:destinasi-update", args=[luar.pk]), {"nama": "Diambil alih"}).status_code == 404
    assert client.get(reverse("wisata:foto-create", args=[luar.pk])).status_code == 404
    assert client.get(reverse("wisata:event-update", args=[event_luar.pk])).status_code == 404
    luar.refresh_from_db()
    assert luar.nama != "Diambil alih"


def test_event_rw_dan_destinasi_harus_di_kelurahannya(bappeda, dua_wilayah):
    from django.core.exceptions import ValidationError

    from wisata import services

    rw_b = RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=9)
    d_b = DestinasiFactory(kelurahan=dua_wilayah["kel_b"])
    e = EventFactory.build(kelurahan=dua_wilayah["kel_a"], rw=rw_b, destinasi=d_b)
    with pytest.raises(ValidationError) as exc:
        services.event_simpan(acting_user=bappeda, event=e)
    assert {"rw", "destinasi"} <= set(exc.value.message_dict)
