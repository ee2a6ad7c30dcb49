"""Institution SK scans (issue 9, findings 1 and 8): stored under a name from their content, served
sandboxed; a PDF that acts on its own is refused; a stored file is not re-read on every edit."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lkk.models import Lembaga
from tests.berkas import pdf_bytes, pdf_dari_pypdf, pdf_mentah, png_dengan_skrip
from tests.lkk.factories import LembagaFactory
from tests.lkk.test_views import berkas_media, data_lembaga

pytestmark = pytest.mark.django_db


def test_polyglot_named_html_is_stored_as_png_and_served_sandboxed(client, operator_a, bappeda, dua_wilayah):
    client.force_login(operator_a)
    data = png_dengan_skrip()
    response = client.post(reverse("lkk:lembaga-create"), data_lembaga(dua_wilayah["kel_a"], berkas_sk=SimpleUploadedFile("x.html", data, "text/html")))
    assert response.status_code == 302
    lembaga = Lembaga.objects.get()
    assert re.fullmatch(r"lkk/sk/\d{4}/[0-9a-f]{32}\.png", lembaga.berkas_sk.name)
    client.force_login(bappeda)
    response = client.get(reverse("lkk:lembaga-sk", args=[lembaga.pk]))
    assert response["Content-Type"] == "image/png" and response["Content-Disposition"].startswith("inline;")
    assert response["Content-Security-Policy"] == "sandbox" and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == data


@pytest.mark.parametrize(
    "data, pesan",
    [
        (pdf_mentah(katalog=b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"), "/OpenAction"),
        (pdf_dari_pypdf(lambda w: w.add_attachment("a.exe", b"MZ")), "berkas sisipan"),
        (pdf_mentah(halaman=b"/AA << /O << /S /J#61vaScript /JS (x) >> >>"), "JavaScript"),
    ],
    ids=["openaction", "sisipan", "nama-berescape"],
)
def test_pdf_that_acts_on_its_own_is_refused_with_a_message(client, operator_a, dua_wilayah, data, pesan):
    client.force_login(operator_a)
    response = client.post(reverse("lkk:lembaga-create"), data_lembaga(dua_wilayah["kel_a"], berkas_sk=SimpleUploadedFile("sk.pdf", data)))
    assert response.status_code == 200
    galat = " ".join(response.context["form"].errors["berkas_sk"])
    assert "PDF ini memuat" in galat and pesan in galat
    assert not Lembaga.objects.exists() and berkas_media() == []


def test_edit_does_not_reread_the_stored_scan(client, operator_a, dua_wilayah):
    """A stored file was checked when it came in: an edit neither re-checks nor needs it (missing: no 500)."""
    lembaga = LembagaFactory(kelurahan=dua_wilayah["kel_a"], berkas_sk="lkk/sk/2024/hilang.pdf")
    client.force_login(operator_a)
    response = client.post(reverse("lkk:lembaga-update", args=[lembaga.pk]), data_lembaga(dua_wilayah["kel_a"], nama="Nama baru"))
    assert response.status_code == 302
    lembaga.refresh_from_db()
    assert lembaga.nama == "Nama baru" and lembaga.berkas_sk.name == "lkk/sk/2024/hilang.pdf"
    assert client.get(reverse("lkk:lembaga-sk", args=[lembaga.pk])).status_code == 404


def test_replaced_scan_gets_a_new_content_name(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    client.post(reverse("lkk:lembaga-create"), data_lembaga(dua_wilayah["kel_a"], berkas_sk=SimpleUploadedFile("sk.pdf", pdf_bytes())))
    lembaga = Lembaga.objects.get()
    lama = lembaga.berkas_sk.name
    response = client.post(
        reverse("lkk:lembaga-update", args=[lembaga.pk]),
        data_lembaga(dua_wilayah["kel_a"], berkas_sk=SimpleUploadedFile("sk.pdf.html", png_dengan_skrip())),
    )
    assert response.status_code == 302
    lembaga.refresh_from_db()
    assert lembaga.berkas_sk.name != lama and lembaga.berkas_sk.name.endswith(".png")
