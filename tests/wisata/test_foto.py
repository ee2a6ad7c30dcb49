"""Photos: checked by content, re-encoded without EXIF, thumbnail; private and public serving."""

import io
import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.wisata.factories import DestinasiFactory
from wisata.models import FotoDestinasi, StatusDestinasi

pytestmark = pytest.mark.django_db


def jpeg_dengan_exif(ukuran=(2400, 1800)) -> bytes:
    img = Image.new("RGB", ukuran, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    exif[0x0131] = "LokasiRumahWarga"  # Software, stands in for any identifying tag
    keluar = io.BytesIO()
    img.save(keluar, format="JPEG", exif=exif.tobytes())
    return keluar.getvalue()


def berkas_tersimpan():
    root = settings.MEDIA_ROOT
    return [os.path.join(d, f) for d, _, files in os.walk(root) for f in files] if os.path.exists(root) else []


def test_unggah_foto_menghapus_exif_dan_membuat_thumbnail(client, operator_a, dua_wilayah):
    d = DestinasiFactory(kelurahan=dua_wilayah["kel_a"])
    data = jpeg_dengan_exif()
    assert b"KameraRahasia" in data
    client.force_login(operator_a)
    response = client.post(reverse("wisata:foto-create", args=[d.pk]), {"gambar": SimpleUploadedFile("a.jpg", data, "image/jpeg"), "keterangan": "Gapura"})
    assert response.status_code == 302
    foto = FotoDestinasi.objects.get()
    besar, kecil = foto.gambar.read(), foto.thumbnail.read()
    assert b"KameraRahasia" not in besar and b"KameraRahasia" not in kecil
    with Image.open(io.BytesIO(besar)) as img:
        assert max(img.size) <= 1600 and not img.getexif()
    with Image.open(io.BytesIO(kecil)) as img:
        assert img.size[0] <= 480 and img.size[1] <= 360
    # served privately through the scoped view, never a MEDIA_URL link
    body = client.get(d.get_absolute_url()).content.decode()
    assert settings.MEDIA_URL not in body and reverse("wisata:foto-thumbnail", args=[foto.pk]) in body
    assert client.get(reverse("wisata:foto-berkas", args=[foto.pk])).status_code == 200


@pytest.mark.parametrize(
    "nama, isi, pesan",
    [
        ("bukan.jpg", b"%PDF-1.4 ini bukan gambar" * 10, "bukan gambar"),
        ("besar.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024), "terlalu besar"),
    ],
)
def test_unggahan_bukan_gambar_atau_terlalu_besar_ditolak_tanpa_sisa(client, operator_a, dua_wilayah, nama, isi, pesan):
    d = DestinasiFactory(kelurahan=dua_wilayah["kel_a"])
    client.force_login(operator_a)
    response = client.post(reverse("wisata:foto-create", args=[d.pk]), {"gambar": SimpleUploadedFile(nama, isi, "image/jpeg")})
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert not FotoDestinasi.objects.exists()
    assert berkas_tersimpan() == []


def test_foto_di_luar_lingkup_404_dan_publik_hanya_destinasi_aktif(client, operator_a, dua_wilayah):
    from wisata import services
    from tests.factories import UserFactory

    admin = UserFactory(username="super", is_superuser=True)
    aktif = DestinasiFactory(kelurahan=dua_wilayah["kel_b"])
    potensi = DestinasiFactory(kelurahan=dua_wilayah["kel_b"], status=StatusDestinasi.POTENSI, tanggal_aktif=None)
    f_aktif = services.foto_tambah(acting_user=admin, destinasi=aktif, berkas=SimpleUploadedFile("a.jpg", jpeg_dengan_exif((300, 200))))
    f_potensi = services.foto_tambah(acting_user=admin, destinasi=potensi, berkas=SimpleUploadedFile("b.jpg", jpeg_dengan_exif((300, 200))))
    client.force_login(operator_a)
    assert client.get(reverse("wisata:foto-berkas", args=[f_aktif.pk])).status_code == 404
    assert client.get(reverse("wisata:foto-thumbnail", args=[f_aktif.pk])).status_code == 404
    client.logout()
    kecil = client.get(reverse("wisata:publik-foto-kecil", args=[f_aktif.pk]))
    assert kecil.status_code == 200 and kecil["Content-Type"] == "image/jpeg"
    assert client.get(reverse("wisata:publik-foto-besar", args=[f_aktif.pk])).status_code == 200
    assert client.get(reverse("wisata:publik-foto-kecil", args=[f_potensi.pk])).status_code == 404
    assert client.get(reverse("wisata:publik-foto-besar", args=[f_potensi.pk])).status_code == 404


# --- issue 9: pixel bombs, one decoding, content names, sandboxed responses ---


def test_pixel_bomb_is_refused_from_the_header_and_nothing_is_stored(client, operator_a, dua_wilayah, hitung_dekode):
    """Finding 7: a 9500 x 9500 PNG was accepted after 4.8 s and three decodings."""
    from tests.berkas import png_raksasa

    d = DestinasiFactory(kelurahan=dua_wilayah["kel_a"])
    client.force_login(operator_a)
    response = client.post(reverse("wisata:foto-create", args=[d.pk]), {"gambar": SimpleUploadedFile("besar.png", png_raksasa(), "image/png")})
    assert response.status_code == 200
    assert "9500 × 9500 piksel; paling banyak 40 megapiksel" in response.content.decode()
    assert hitung_dekode == [] and not FotoDestinasi.objects.exists() and berkas_tersimpan() == []


def test_photo_is_decoded_once_and_stored_under_content_names(client, operator_a, dua_wilayah, hitung_dekode):
    import re

    d = DestinasiFactory(kelurahan=dua_wilayah["kel_a"])
    client.force_login(operator_a)
    unggahan = SimpleUploadedFile("gapura.html", jpeg_dengan_exif((900, 600)), "text/html")
    assert client.post(reverse("wisata:foto-create", args=[d.pk]), {"gambar": unggahan}).status_code == 302
    assert hitung_dekode == [(900, 600)]
    foto = FotoDestinasi.objects.get()
    assert re.fullmatch(r"wisata/foto/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", foto.gambar.name)
    assert re.fullmatch(r"wisata/thumb/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", foto.thumbnail.name)


def test_every_photo_response_is_sandboxed(client, operator_a, dua_wilayah):
    from wisata import services

    d = DestinasiFactory(kelurahan=dua_wilayah["kel_a"])
    foto = services.foto_tambah(acting_user=operator_a, destinasi=d, berkas=SimpleUploadedFile("a.jpg", jpeg_dengan_exif((300, 200))))
    client.force_login(operator_a)
    urls = [reverse(n, args=[foto.pk]) for n in ("wisata:foto-berkas", "wisata:foto-thumbnail", "wisata:publik-foto-kecil", "wisata:publik-foto-besar")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/jpeg" and response["Content-Disposition"].startswith("inline;"), url
        assert response["Content-Security-Policy"] == "sandbox" and response["X-Content-Type-Options"] == "nosniff", url
    assert client.get(urls[2])["Cache-Control"] == "public, max-age=3600"
