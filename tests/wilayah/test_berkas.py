"""Uploads (wilayah.berkas): checked by content, stored under a content-derived name, served sandboxed.

Issue 9, findings 1 (a PNG or PDF that also holds <script>, named .html), 7 (a 9500 x 9500 PNG
decoded three times) and 8 (a PDF with an OpenAction)."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from PIL import Image

from tests.berkas import (
    SKRIP,
    jpeg_bytes,
    pdf_bytes,
    pdf_dari_pypdf,
    pdf_dengan_komentar_skrip,
    pdf_mentah,
    png_bytes,
    png_dengan_skrip,
    png_raksasa,
)
from wilayah import berkas as modul
from wilayah.berkas import (
    JPEG,
    PDF,
    PNG,
    WEBP,
    foto_bersih,
    jenis_dari_kepala,
    nama_menurut_isi,
    periksa_pdf,
    validasi_gambar,
    validasi_pdf_atau_gambar,
)

JS = b"/S /JavaScript /JS (app.alert\\(1\\))"


def unggah(data, nama="x.html"):
    return SimpleUploadedFile(nama, data, "text/html")


def kode_penolakan(data) -> str:
    with pytest.raises(ValidationError) as exc:
        validasi_pdf_atau_gambar(unggah(data, "sk.pdf"))
    return exc.value.code


# --------------------------------------------------------------------------- kind by content


def test_kind_comes_from_the_magic_bytes_only():
    webp = io.BytesIO()
    Image.new("RGB", (4, 4)).save(webp, format="WEBP")
    assert jenis_dari_kepala(jpeg_bytes()) is JPEG
    assert jenis_dari_kepala(png_bytes()) is PNG
    assert jenis_dari_kepala(webp.getvalue()) is WEBP
    assert jenis_dari_kepala(pdf_bytes()) is PDF
    for lain in (b"<html>" + SKRIP, b"GIF89a", b"MZ\x90\x00", b" %PDF-1.4", b""):
        assert jenis_dari_kepala(lain) is None


def test_stored_name_is_random_with_the_extension_of_the_content():
    assert re.fullmatch(r"[0-9a-f]{32}\.png", nama_menurut_isi(ContentFile(png_dengan_skrip(), name="x.html")))
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", nama_menurut_isi(ContentFile(pdf_dengan_komentar_skrip(), name="sk.html")))
    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", nama_menurut_isi(ContentFile(jpeg_bytes(), name="a.jpeg")))
    assert re.fullmatch(r"[0-9a-f]{32}\.bin", nama_menurut_isi(ContentFile(b"<html>" + SKRIP, name="sk.pdf")))


# --------------------------------------------------------------------------- checks


def test_real_image_and_pdf_pass():
    assert validasi_gambar(unggah(png_bytes(), "a.png")) is None
    assert validasi_pdf_atau_gambar(unggah(pdf_bytes(), "sk.pdf")) is None
    assert validasi_pdf_atau_gambar(unggah(png_bytes(), "sk.jpg")) is None
    # The polyglots of finding 1 are a real image and a real PDF: accepted, and made harmless by
    # their stored name and the way they are served (tests below and in each app).
    assert validasi_pdf_atau_gambar(unggah(png_dengan_skrip())) is None
    assert validasi_pdf_atau_gambar(unggah(pdf_dengan_komentar_skrip())) is None


@pytest.mark.parametrize("data", [b"%PDF-1.4 palsu", b"MZ\x90\x00 program", b"GIF89a rusak", png_bytes()[:60], b"<html>" + SKRIP])
def test_fake_files_are_refused_by_content(data):
    with pytest.raises(ValidationError, match="PDF atau gambar"):
        validasi_pdf_atau_gambar(unggah(data, "sk.pdf"))


def test_a_pdf_is_not_an_image():
    with pytest.raises(ValidationError, match="bukan gambar"):
        validasi_gambar(unggah(pdf_bytes(), "a.png"))


def test_oversized_upload_is_refused():
    with pytest.raises(ValidationError, match="terlalu besar"):
        validasi_gambar(unggah(png_bytes(), "a.png"), maks=10)


def test_decompression_bomb_is_refused_from_the_header_without_decoding(hitung_dekode):
    """Finding 7: a complete 9500 x 9500 PNG (a few KB) is refused before any pixel is decoded."""
    bom = png_raksasa(9500, 9500)
    with pytest.warns(Image.DecompressionBombWarning), Image.open(io.BytesIO(bom)) as img:
        assert img.size == (9500, 9500)  # a real PNG of that size
    for validasi in (validasi_gambar, validasi_pdf_atau_gambar):
        with pytest.raises(ValidationError, match="9500 × 9500 piksel; paling banyak 40 megapiksel") as exc:
            validasi(unggah(bom, "foto.jpg"))
        assert exc.value.code == "piksel_terlalu_banyak"
    with pytest.raises(ValidationError, match="megapiksel"):
        foto_bersih(unggah(bom, "foto.jpg"), (800, 800))
    # Larger than Pillow's own bomb limit: refused with the same message, not "bukan gambar".
    with pytest.raises(ValidationError, match="paling banyak 40 megapiksel"):
        validasi_gambar(unggah(png_raksasa(20000, 10000), "foto.png"))
    assert hitung_dekode == []


def test_pixel_limit_is_the_product_of_width_and_height(monkeypatch):
    monkeypatch.setattr(modul, "BATAS_PIKSEL", 40 * 30)
    assert validasi_gambar(unggah(png_bytes((40, 30)), "a.png")) is None
    with pytest.raises(ValidationError, match="41 × 30 piksel"):
        validasi_gambar(unggah(png_bytes((41, 30)), "a.png"))


def test_a_photo_is_decoded_once_for_every_size_and_loses_its_exif(hitung_dekode):
    img = Image.new("RGB", (1200, 800), "blue")
    exif = Image.Exif()
    exif[0x010F] = "Kamera Rahasia"
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", exif=exif)
    besar, kecil = foto_bersih(unggah(buffer.getvalue(), "a.jpg"), (400, 400), (120, 120))
    assert hitung_dekode == [(1200, 800)]
    for hasil, ukuran in ((besar, (400, 267)), (kecil, (120, 80))):
        data = hasil.read()
        assert b"Kamera Rahasia" not in data
        with Image.open(io.BytesIO(data)) as out:
            assert out.size == ukuran and out.format == "JPEG" and not out.getexif()
    # what foto_bersih made is not checked (decoded) again by the model validator
    assert validasi_gambar(besar) is None
    assert hitung_dekode == [(1200, 800)]


# --------------------------------------------------------------------------- PDFs (finding 8)

PDF_BERBAHAYA = {
    # finding 8: an action run when the file is opened
    "openaction-javascript": lambda: pdf_mentah(katalog=b"/OpenAction << " + JS + b" >>"),
    "openaction-tak-langsung": lambda: pdf_mentah(katalog=b"/OpenAction 4 0 R", objek_lain={4: b"<< /S /GoTo /D [3 0 R /Fit] >>"}),
    "aa-halaman": lambda: pdf_mentah(halaman=b"/AA << /O << " + JS + b" >> >>"),
    "launch-tautan": lambda: pdf_mentah(halaman=b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /Launch /F (cmd.exe) >> >>]"),
    # document-level JavaScript (the catalog's name tree) and an attachment as pypdf writes it
    "javascript-dokumen": lambda: pdf_mentah(katalog=b"/Names << /JavaScript << /Names [(a) 4 0 R] >> >>", objek_lain={4: b"<< " + JS + b" >>"}),
    "berkas-sisipan": lambda: pdf_dari_pypdf(lambda w: w.add_attachment("a.exe", b"MZ program")),
    # a name spelled with #xx escapes: pypdf decodes it while walking, and the raw scan sees it
    "nama-berescape": lambda: pdf_mentah(halaman=b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >> >>]"),
    # only the walk sees it: inside a Flate-compressed object stream
    "dalam-objstm": lambda: pdf_mentah(halaman=b"/Annots [4 0 R]", objstm={4: b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << " + JS + b" >> >>"}),
    # only the walk of every "N G obj" written in the file sees it: listed in no xref table
    "di-luar-xref": lambda: pdf_mentah(di_luar_xref=b"9 0 obj\n<< " + JS + b" >>\nendobj\n"),
    # only the raw scan sees it: an escaped name inside a content stream nobody parses
    "berescape-dalam-stream": lambda: pdf_mentah(
        halaman=b"/Contents 4 0 R", objek_lain={4: b"<< /Length 20 >>\nstream\n/J#61vaScript gs q\nendstream"}
    ),
}


@pytest.mark.parametrize("nama", PDF_BERBAHAYA)
def test_pdf_that_can_act_on_its_own_is_refused(nama):
    data = PDF_BERBAHAYA[nama]()
    assert data.startswith(b"%PDF-")
    with pytest.raises(ValidationError, match="PDF ini memuat .*tidak diizinkan") as exc:
        validasi_pdf_atau_gambar(unggah(data, "sk.pdf"))
    assert exc.value.code == "pdf_berbahaya"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: pdf_mentah(), id="buatan-tangan"),
        pytest.param(lambda: pdf_mentah(katalog=b"/OpenAction [3 0 R /XYZ null null 0]"), id="openaction-tujuan-seperti-libreoffice"),
        pytest.param(lambda: pdf_mentah(katalog=b"/OpenAction 4 0 R", objek_lain={4: b"[3 0 R /Fit]"}), id="openaction-tujuan-tak-langsung"),
        pytest.param(
            lambda: pdf_mentah(halaman=b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (https://probolinggokota.go.id) >> >>]"),
            id="tautan-web",
        ),
        pytest.param(lambda: pdf_mentah(halaman=b"/Annots [4 0 R]", objstm={4: b"<< /Type /Annot /Subtype /Text /Rect [0 0 9 9] >>"}), id="objstm-biasa"),
        pytest.param(lambda: pdf_mentah(katalog=b"/Info 4 0 R", objek_lain={4: b"<< /Title (SK 188/AA/425.103/2024 /JavaScript) >>"}), id="judul-mirip-nama"),
        pytest.param(pdf_dengan_komentar_skrip, id="komentar-skrip"),
    ],
)
def test_plain_pdfs_pass(data):
    assert periksa_pdf(data()) is None


def test_pdf_that_cannot_be_walked_to_the_end_is_refused():
    rusak = pdf_mentah(halaman=b"/Annots [4 0 R]", objek_lain={4: b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 5 >>\nstream\nxxxxx\nendstream"})
    assert kode_penolakan(rusak) == "pdf_tak_terperiksa"


def test_too_many_objects_is_refused(monkeypatch):
    data = pdf_mentah(objek_lain={4: b"<< >>", 5: b"<< >>"}, di_luar_xref=b"9 0 obj\n<< >>\nendobj\n")  # 5 listed, 1 not
    monkeypatch.setattr(modul, "BATAS_OBJEK_PDF", 6)
    assert periksa_pdf(data) is None
    monkeypatch.setattr(modul, "BATAS_OBJEK_PDF", 5)
    assert kode_penolakan(data) == "pdf_tak_terperiksa"


def test_encrypted_pdf_is_refused():
    assert kode_penolakan(pdf_dari_pypdf(lambda w: w.encrypt(""))) == "pdf_terkunci"


# --------------------------------------------------------------------------- serving


@pytest.fixture
def simpan_mentah(settings):
    """Write bytes to the storage under a name of our choosing, as a file stored before this fix."""

    def _simpan(nama, data):
        return default_storage.save(nama, ContentFile(data))

    return _simpan


def respons(nama, **kwargs):
    from lkk.models import Lembaga

    return modul.respons_berkas(Lembaga(berkas_sk=nama).berkas_sk, **kwargs)


def assert_berkas_aman(response):
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "nama, data, content_type, disposition",
    [
        # finding 1 as it was stored before: a polyglot named .html is served as the image it is
        ("lkk/sk/2024/x.html", png_dengan_skrip(), "image/png", 'inline; filename="x.png"'),
        ("lkk/sk/2024/sk.html", pdf_dengan_komentar_skrip(), "application/pdf", 'inline; filename="sk.pdf"'),
        ("lkk/sk/2024/a.jpg", jpeg_bytes(), "image/jpeg", 'inline; filename="a.jpg"'),
        # anything else is opaque bytes, downloaded
        ("lkk/sk/2024/catatan.html", b"<html>" + SKRIP, "application/octet-stream", 'attachment; filename="catatan.bin"'),
        # the rename migration's verdict (.bin) holds even over image bytes
        ("lkk/sk/2024/" + "a" * 32 + ".bin", png_bytes(), "application/octet-stream", f'attachment; filename="{"a" * 32}.bin"'),
    ],
    ids=["polyglot-png-html", "pdf-skrip-html", "jpeg", "html", "bin"],
)
def test_served_with_the_type_of_its_content_sandboxed(simpan_mentah, nama, data, content_type, disposition):
    assert simpan_mentah(nama, data) == nama
    response = respons(nama)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == disposition
    assert_berkas_aman(response)
    assert b"".join(response.streaming_content) == data


def test_attachment_when_asked_and_cache_header(simpan_mentah):
    response = respons(simpan_mentah("lkk/sk/2024/a.png", png_bytes()), sebagai_lampiran=True, cache_control="public, max-age=60")
    assert response["Content-Disposition"].startswith("attachment;") and response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=60"
    assert_berkas_aman(response)


def test_missing_or_empty_file_is_404_not_500():
    with pytest.raises(Http404):
        respons("lkk/sk/2024/hilang.pdf")
    with pytest.raises(Http404):
        respons("")


# --------------------------------------------------------------------------- stored before: the rename


@pytest.mark.django_db
def test_rename_moves_stored_files_to_content_derived_names(simpan_mentah, dua_wilayah, django_capture_on_commit_callbacks):
    from lkk.models import Lembaga
    from tests.lkk.factories import LembagaFactory

    sudah = "lkk/sk/2024/" + "b" * 32 + ".pdf"
    isi = {
        "polyglot": ("lkk/sk/2024/x.html", png_dengan_skrip(), "png"),
        "pdf": ("lkk/sk/2024/sk.pdf", pdf_bytes(), "pdf"),
        "pdf-js": ("lkk/sk/2024/sk-js.pdf", PDF_BERBAHAYA["openaction-javascript"](), "bin"),
        "html": ("lkk/sk/2024/catatan.html", b"<html>" + SKRIP, "bin"),
        "bom": ("lkk/sk/2024/besar.png", png_raksasa(9500, 9500), "bin"),
    }
    baris = {}
    for kunci, (nama, data, _ekstensi) in isi.items():
        baris[kunci] = LembagaFactory(kelurahan=dua_wilayah["kel_a"], berkas_sk=simpan_mentah(nama, data))
    lama = {k: Lembaga.objects.get(pk=b.pk).berkas_sk.name for k, b in baris.items()}
    hilang = LembagaFactory(kelurahan=dua_wilayah["kel_a"], berkas_sk="lkk/sk/2024/tidak-ada.pdf")
    beres = LembagaFactory(kelurahan=dua_wilayah["kel_a"], berkas_sk=simpan_mentah(sudah, pdf_bytes()))
    kosong = LembagaFactory(kelurahan=dua_wilayah["kel_a"], berkas_sk="")

    with django_capture_on_commit_callbacks(execute=True):
        hasil = modul.namai_ulang_menurut_isi(Lembaga, "berkas_sk")

    assert hasil == {"dipindah": 5, "sudah": 1, "hilang": 1}
    for kunci, (_nama, data, ekstensi) in isi.items():
        baru = Lembaga.objects.get(pk=baris[kunci].pk).berkas_sk
        assert re.fullmatch(rf"lkk/sk/2024/[0-9a-f]{{32}}\.{ekstensi}", baru.name), kunci
        assert baru.read() == data
        assert not default_storage.exists(lama[kunci]), kunci
    assert Lembaga.objects.get(pk=hilang.pk).berkas_sk.name == "lkk/sk/2024/tidak-ada.pdf"
    assert Lembaga.objects.get(pk=beres.pk).berkas_sk.name == sudah
    assert Lembaga.objects.get(pk=kosong.pk).berkas_sk.name == ""
    # served by what the rename decided: the PDF with JavaScript is now only a download
    js = respons(Lembaga.objects.get(pk=baris["pdf-js"].pk).berkas_sk.name)
    assert js["Content-Type"] == "application/octet-stream" and js["Content-Disposition"].startswith("attachment;")
    # running it again changes nothing
    assert modul.namai_ulang_menurut_isi(Lembaga, "berkas_sk") == {"dipindah": 0, "sudah": 6, "hilang": 1}


@pytest.mark.django_db
def test_rename_keeps_a_photo_field_to_images(simpan_mentah, dua_wilayah):
    """A PDF in a photo field (which takes images only) becomes .bin, never a PDF shown as a photo."""
    from tests.wisata.factories import DestinasiFactory
    from wisata.models import FotoDestinasi

    destinasi = DestinasiFactory(kelurahan=dua_wilayah["kel_a"])
    foto = FotoDestinasi.objects.create(
        destinasi=destinasi,
        gambar=simpan_mentah("wisata/foto/2024/01/1-abc.jpg", pdf_bytes()),
        thumbnail=simpan_mentah("wisata/thumb/2024/01/1-abc.jpg", jpeg_bytes()),
    )
    assert modul.namai_ulang_menurut_isi(FotoDestinasi, "gambar", "thumbnail") == {"dipindah": 2, "sudah": 0, "hilang": 0}
    foto.refresh_from_db()
    assert re.fullmatch(r"wisata/foto/2024/01/[0-9a-f]{32}\.bin", foto.gambar.name)
    assert re.fullmatch(r"wisata/thumb/2024/01/[0-9a-f]{32}\.jpg", foto.thumbnail.name)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "migrasi, model, kolom",
    [
        ("kader.migrations.0005_berkas_dinamai_menurut_isi", "kader.Kader", ("scan_sk", "foto")),
        ("lkk.migrations.0004_berkas_dinamai_menurut_isi", "lkk.Lembaga", ("berkas_sk",)),
        ("wisata.migrations.0004_berkas_dinamai_menurut_isi", "wisata.FotoDestinasi", ("gambar", "thumbnail")),
    ],
)
def test_each_data_migration_renames_its_apps_files(monkeypatch, migrasi, model, kolom):
    import importlib

    from django.apps import apps

    dipanggil = []
    modul_migrasi = importlib.import_module(migrasi)
    monkeypatch.setattr(modul_migrasi, "namai_ulang_menurut_isi", lambda m, *k: dipanggil.append((m._meta.label, k)))
    modul_migrasi.namai_ulang(apps, None)
    assert dipanggil == [(model, kolom)]


def test_respons_berkas_buatan_jenis_dikenal_terkurung(tmp_path, settings):
    """A generated file goes out with its known type and name (an xlsx is not called .bin), sandboxed and
    not sniffed; no file is a 404."""
    import pytest
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage
    from django.db.models.fields.files import FieldFile
    from django.http import Http404

    from wilayah.berkas import respons_berkas_buatan

    class _Medan:  # the few attributes FieldFile reads
        storage = FileSystemStorage(location=str(tmp_path))

    simpan = _Medan.storage.save("laporan.xlsx", ContentFile(b"PK\x03\x04isi"))
    berkas = FieldFile(None, _Medan, simpan)
    respons = respons_berkas_buatan(berkas, nama="laporan-kota-2026-05-v1.xlsx", content_type="application/x-uji", sebagai_lampiran=True)
    assert respons["Content-Type"] == "application/x-uji"
    assert 'filename="laporan-kota-2026-05-v1.xlsx"' in respons["Content-Disposition"]
    assert respons["Content-Security-Policy"] == "sandbox" and respons["X-Content-Type-Options"] == "nosniff"
    with pytest.raises(Http404):
        respons_berkas_buatan(FieldFile(None, _Medan, ""), nama="x.pdf", content_type="application/pdf", sebagai_lampiran=False)
