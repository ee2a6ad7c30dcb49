"""Cadre uploads (issue 9, findings 1, 7, 8): the SK scan and photo are stored under a name from
their content and served sandboxed; a PDF that acts on its own and a pixel bomb are refused."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kader import services
from kader.models import Kader
from tests.berkas import pdf_dengan_komentar_skrip, pdf_mentah, png_dengan_skrip, png_raksasa

pytestmark = pytest.mark.django_db

PDF_JS = pdf_mentah(katalog=b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")


def berkas_tersimpan(settings):
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] if settings.MEDIA_ROOT.exists() else []


@pytest.mark.parametrize(
    "data, ekstensi, content_type",
    [(png_dengan_skrip(), "png", "image/png"), (pdf_dengan_komentar_skrip(), "pdf", "application/pdf")],
    ids=["polyglot-png", "pdf-komentar-skrip"],
)
def test_scan_named_html_is_stored_and_served_as_what_it_is(client, operator_a, bappeda, data_kader, data, ekstensi, content_type):
    client.force_login(operator_a)
    unggahan = SimpleUploadedFile("x.html", data, "text/html")
    assert client.post(reverse("kader:kader-create"), data_kader | {"scan_sk": unggahan}).status_code == 302
    kader = Kader.objects.get()
    assert re.fullmatch(rf"kader/sk/\d{{4}}/[0-9a-f]{{32}}\.{ekstensi}", kader.scan_sk.name)
    client.force_login(bappeda)
    response = client.get(reverse("kader:kader-scan-sk", args=[kader.pk]))
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'inline; filename="{kader.scan_sk.name.rsplit("/", 1)[1]}"'
    assert response["Content-Security-Policy"] == "sandbox" and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == data


def test_pdf_with_openaction_is_refused_on_the_form_and_leaves_nothing(client, operator_a, data_kader, settings):
    client.force_login(operator_a)
    response = client.post(reverse("kader:kader-create"), data_kader | {"scan_sk": SimpleUploadedFile("sk.pdf", PDF_JS, "application/pdf")})
    assert response.status_code == 200
    assert "PDF ini memuat aksi otomatis saat dibuka (/OpenAction)" in " ".join(response.context["form"].errors["scan_sk"])
    assert not Kader.objects.exists() and berkas_tersimpan(settings) == []


def test_every_door_through_the_service_checks_the_scan(operator_a, dua_wilayah, rw_a):
    """The admin and any other caller of kader_simpan: the model field's validator refuses it."""
    from tests.kader.factories import KaderFactory

    kader = KaderFactory.build(kelurahan=dua_wilayah["kel_a"], rw=rw_a, scan_sk=SimpleUploadedFile("sk.pdf", PDF_JS))
    with pytest.raises(ValidationError) as exc:
        services.kader_simpan(acting_user=operator_a, kader=kader)
    assert "/OpenAction" in " ".join(exc.value.message_dict["scan_sk"])
    assert not Kader.objects.exists()


def test_pixel_bomb_photo_is_refused_before_decoding(client, operator_a, data_kader, settings, hitung_dekode):
    client.force_login(operator_a)
    response = client.post(reverse("kader:kader-create"), data_kader | {"foto": SimpleUploadedFile("foto.jpg", png_raksasa(), "image/jpeg")})
    assert response.status_code == 200
    assert "9500 × 9500 piksel" in " ".join(response.context["form"].errors["foto"])
    assert hitung_dekode == [] and not Kader.objects.exists() and berkas_tersimpan(settings) == []


def test_photo_is_stored_as_jpeg_under_a_content_name(client, operator_a, data_kader, hitung_dekode):
    client.force_login(operator_a)
    foto = SimpleUploadedFile("<b>saya</b>.html", png_dengan_skrip(), "text/html")
    assert client.post(reverse("kader:kader-create"), data_kader | {"foto": foto}).status_code == 302
    kader = Kader.objects.get()
    assert re.fullmatch(r"kader/foto/\d{4}/[0-9a-f]{32}\.jpg", kader.foto.name)
    assert b"<script>" not in kader.foto.read()  # re-encoded: nothing of the upload's text is kept
    assert hitung_dekode == [(40, 30)]
    response = client.get(reverse("kader:kader-foto", args=[kader.pk]))
    assert response["Content-Type"] == "image/jpeg" and response["Content-Security-Policy"] == "sandbox"
