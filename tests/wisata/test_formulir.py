"""The wisata forms (issue 15): photos in the destination create form through the photo door, all or nothing;
every save lands on the object saved; the manager rule; headings named by the model."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import RWFactory
from tests.wisata.factories import DestinasiFactory, EventFactory, kategori
from tests.wisata.test_aturan import _destinasi_post, _event_post
from tests.wisata.test_foto import berkas_tersimpan
from wisata import services
from wisata.models import Destinasi, Event, FotoDestinasi, JenisPengelola, StatusDestinasi

pytestmark = pytest.mark.django_db


def png(ukuran=(320, 240), warna=(30, 140, 90)) -> bytes:
    keluar = io.BytesIO()
    Image.new("RGB", ukuran, warna).save(keluar, format="PNG")
    return keluar.getvalue()


def foto(nama="gapura.png", isi=None):
    return SimpleUploadedFile(nama, isi if isi is not None else png(), "image/png")


@pytest.fixture
def rw_a(dua_wilayah):
    return RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=4)


# --------------------------------------------------------------------------- photos in the create form


def test_destinasi_baru_dengan_dua_foto_tersimpan_dan_mendarat_di_halamannya(client, operator_a, dua_wilayah, rw_a):
    client.force_login(operator_a)
    data = _destinasi_post(dua_wilayah["kel_a"], rw_a, foto=[foto("a.png"), foto("b.png", png(warna=(200, 10, 10)))], keterangan_foto="Gapura kampung")
    response = client.post(reverse("wisata:destinasi-create"), data)
    d = Destinasi.objects.get()
    assert response.status_code == 302 and response["Location"] == d.get_absolute_url()
    fotos = list(d.foto_set.all())
    assert len(fotos) == 2 and {f.keterangan for f in fotos} == {"Gapura kampung"}
    # the photo door's work: re-encoded JPEG and a thumbnail
    for f in fotos:
        with Image.open(f.gambar) as img:
            assert img.format == "JPEG"
        assert f.thumbnail.name
    halaman = client.get(response["Location"])
    assert "Destinasi Kampung Batik tersimpan dengan 2 foto." in halaman.content.decode()
    for f in fotos:
        assert reverse("wisata:foto-thumbnail", args=[f.pk]) in halaman.content.decode()


def test_foto_yang_ditolak_menolak_seluruh_simpan_tanpa_sisa(client, operator_a, dua_wilayah, rw_a):
    """The first photo is fine and stored before the second is refused: its files are removed again."""
    client.force_login(operator_a)
    data = _destinasi_post(dua_wilayah["kel_a"], rw_a, foto=[foto("baik.png"), foto("palsu.jpg", b"%PDF-1.4 bukan gambar" * 20)])
    response = client.post(reverse("wisata:destinasi-create"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Foto \u201cpalsu.jpg\u201d ditolak" in body and "Destinasi belum disimpan" in body
    assert body.find('id="ringkasan-galat"') < body.find('<form method="post" enctype')  # the summary above the form
    assert 'href="#id_foto"' in body
    assert not Destinasi.objects.exists() and not FotoDestinasi.objects.exists()
    assert berkas_tersimpan() == []
    assert Destinasi.history.count() == 0


def test_layanan_menolak_foto_terlalu_banyak_sebelum_menulis(operator_a, dua_wilayah, rw_a):
    d = Destinasi(**{k: v for k, v in {"nama": "X", "kelurahan": dua_wilayah["kel_a"], "rw": rw_a}.items()})
    with pytest.raises(ValidationError) as exc:
        services.destinasi_simpan(acting_user=operator_a, destinasi=d, foto=[foto(f"{i}.png") for i in range(services.FOTO_PER_SIMPAN + 1)])
    assert "Paling banyak 5 foto" in str(exc.value.message_dict["foto"])
    assert not Destinasi.objects.exists() and berkas_tersimpan() == []


def test_form_tambah_menerima_banyak_berkas_dan_form_ubah_tanpa_foto(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    body = client.get(reverse("wisata:destinasi-create")).content.decode()
    assert 'name="foto"' in body and "multiple" in body and 'name="keterangan_foto"' in body
    d = DestinasiFactory(kelurahan=dua_wilayah["kel_a"])
    assert 'name="foto"' not in client.get(reverse("wisata:destinasi-update", args=[d.pk])).content.decode()


# --------------------------------------------------------------------------- after any save: the object saved


def test_ubah_destinasi_mendarat_di_destinasi(client, operator_a, dua_wilayah, rw_a):
    d = DestinasiFactory(kelurahan=dua_wilayah["kel_a"], rw=rw_a)
    client.force_login(operator_a)
    response = client.post(reverse("wisata:destinasi-update", args=[d.pk]), _destinasi_post(dua_wilayah["kel_a"], rw_a, nama="Kampung Batik Baru"))
    assert response.status_code == 302 and response["Location"] == d.get_absolute_url()
    assert "Destinasi Kampung Batik Baru tersimpan." in client.get(response["Location"]).content.decode()


def test_ubah_event_mendarat_di_event(client, operator_a, dua_wilayah):
    e = EventFactory(kelurahan=dua_wilayah["kel_a"])
    client.force_login(operator_a)
    response = client.post(reverse("wisata:event-update", args=[e.pk]), _event_post(dua_wilayah["kel_a"], nama="Festival Mangga Ubah"))
    assert response.status_code == 302 and response["Location"] == e.get_absolute_url()
    assert "Event Festival Mangga Ubah tersimpan." in client.get(response["Location"]).content.decode()


def test_tambah_foto_mendarat_di_foto_yang_tersimpan(client, operator_a, dua_wilayah):
    d = DestinasiFactory(kelurahan=dua_wilayah["kel_a"])
    client.force_login(operator_a)
    response = client.post(reverse("wisata:foto-create", args=[d.pk]), {"gambar": foto(), "keterangan": "Gapura"})
    f = FotoDestinasi.objects.get()
    assert response.status_code == 302 and response["Location"] == f.get_absolute_url()
    body = client.get(response["Location"]).content.decode()
    assert f"Foto tersimpan di {d.nama}." in body and d.get_absolute_url() in body


# --------------------------------------------------------------------------- the manager


def test_jenis_lembaga_tanpa_pengelola_ditolak_di_kolom_lembaga(client, operator_a, dua_wilayah, rw_a):
    client.force_login(operator_a)
    response = client.post(reverse("wisata:destinasi-create"), _destinasi_post(dua_wilayah["kel_a"], rw_a, pengelola_jenis="lembaga", pengelola_nama=""))
    assert response.status_code == 200
    form = response.context["form"]
    assert "Pilih lembaga pengelola, atau tulis namanya" in form.errors["pengelola_lembaga"][0]
    assert not Destinasi.objects.exists()


def test_nama_pengelola_tanpa_jenis_ditolak_di_kolom_jenis(operator_a, dua_wilayah, rw_a):
    d = Destinasi(nama="X", kelurahan=dua_wilayah["kel_a"], rw=rw_a, kategori=kategori("kerajinan"), pengelola_nama="Pak Budi")
    with pytest.raises(ValidationError) as exc:
        services.destinasi_simpan(acting_user=operator_a, destinasi=d)
    assert exc.value.message_dict["pengelola_jenis"] == ["Pilih jenis pengelola: Lembaga atau Perorangan."]


def test_belum_ada_pengelola_tersimpan_dan_halaman_tidak_mencetak_jenis_kosong(client, operator_a, dua_wilayah, rw_a):
    client.force_login(operator_a)
    body = client.get(reverse("wisata:destinasi-create")).content.decode()
    assert '<option value="" selected>Belum ada pengelola</option>' in body
    response = client.post(reverse("wisata:destinasi-create"), _destinasi_post(dua_wilayah["kel_a"], rw_a, pengelola_jenis="", pengelola_nama=""))
    d = Destinasi.objects.get()
    assert d.pengelola_jenis == JenisPengelola.BELUM
    body = client.get(response["Location"]).content.decode()
    assert "Belum ada pengelola" in body and "- (" not in body and "(Lembaga" not in body
    # the public page says nothing of a manager then
    assert "Pengelola" not in client.get(d.get_public_url()).content.decode()


def test_migrasi_jenis_tanpa_pengelola_menjadi_belum_ada(dua_wilayah):
    from importlib import import_module

    from django.apps import apps

    d = DestinasiFactory(kelurahan=dua_wilayah["kel_a"], pengelola_jenis="lembaga", pengelola_nama="")
    ada = DestinasiFactory(kelurahan=dua_wilayah["kel_a"], pengelola_jenis="lembaga", pengelola_nama="Pokmas")
    import_module("wisata.migrations.0007_pengelola_boleh_belum_ada").tanpa_pengelola_jadi_belum(apps, None)
    d.refresh_from_db()
    ada.refresh_from_db()
    assert d.pengelola_jenis == "" and ada.pengelola_jenis == "lembaga"


# --------------------------------------------------------------------------- headings


def test_judul_form_menyebut_apa_yang_ditambah_atau_diubah(client, operator_a, bappeda, dua_wilayah):
    d = DestinasiFactory(kelurahan=dua_wilayah["kel_a"], nama="Kampung Lampion")
    e = EventFactory(kelurahan=dua_wilayah["kel_a"], nama="Festival Mangga")
    client.force_login(operator_a)
    judul = {
        reverse("wisata:destinasi-create"): "Tambah destinasi wisata",
        reverse("wisata:destinasi-update", args=[d.pk]): "Ubah destinasi wisata Kampung Lampion",
        reverse("wisata:event-create"): "Tambah event wisata",
        reverse("wisata:event-update", args=[e.pk]): "Ubah event wisata Festival Mangga",
        reverse("wisata:foto-create", args=[d.pk]): "Tambah foto destinasi wisata Kampung Lampion",
    }
    for url, teks in judul.items():
        body = client.get(url).content.decode()
        assert f'<h1 class="h4">{teks}</h1>' in body, url
        assert "Tambah data" not in body


def test_ringkasan_galat_di_atas_form_wisata(client, operator_a, dua_wilayah, rw_a):
    client.force_login(operator_a)
    response = client.post(reverse("wisata:destinasi-create"), _destinasi_post(dua_wilayah["kel_a"], rw_a, nama=""))
    body = response.content.decode()
    ringkasan = body.find('href="#id_nama"')
    assert ringkasan != -1 and ringkasan < body.find('<form method="post" enctype')
    assert Destinasi.objects.filter(status=StatusDestinasi.AKTIF).count() == 0
    assert Event.objects.count() == 0


def test_city_panel_progress_bars_have_names(client, bappeda):
    """Each bar of the city's tourism panel says what it measures (issue 15, point 8: bars without names)."""
    client.force_login(bappeda)
    body = client.get(reverse("wilayah:kota")).content.decode()
    panel = body[body.index("Wisata: target kota"):]
    bars = panel.count('class="progress"')
    assert bars >= 1
    assert panel.count('role="progressbar"') >= bars
    assert "dari target" in panel
