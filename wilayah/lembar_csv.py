"""Reading an uploaded .csv within the bounds of ``wilayah.lembar``; called by ``lembar.baca_lembar`` for bytes
that are no zip and no OLE file.

Text: UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8", LibreOffice's default), UTF-16 with one
(Excel's "Unicode Text"), else Windows-1252 (Excel's plain "CSV" on Windows). A NUL byte means a binary file,
not a CSV; text that none of these decodes, or an HTML/XML page saved as a spreadsheet, is refused with what
to do. The delimiter is the one of ";" (Indonesian-locale Excel), "," and tab found most often in the header
line outside quotes; a first line ``sep=;`` (which Excel reads and hides) sets it and is not counted as a row.

Every cell is text as written (nothing stripped; an empty cell is None, as a blank cell). A cell that is an
error value (``#DIV/0!``, ``Err:502``: a formula that failed in the workbook the CSV was saved from) is blank and
reported in ``galat_sel``. Row numbers are the ones Excel or LibreOffice shows when it opens the file: one
per record, blank lines included, a quoted cell spanning lines still one row, the ``sep=`` line not counted
(so not the text's line numbers once a cell holds a line break). Bounds as for a sheet: ``UKURAN_LEMBAR_MAKS`` bytes,
rows, header width, characters per cell, and characters per row (a quote left open makes the rest of the file
one row). The sheet's name is "CSV".
"""

from __future__ import annotations

import codecs
import csv
import re

from django.utils.translation import gettext as _

from . import lembar
from .lembar import BerkasImporTidakSah, GalatSel, Lembar, nilai_galat
from .tampilan import angka

NAMA = "CSV"
PEMISAH = (";", ",", "\t")  # in this order when the header has as many of each
_HTML = re.compile(r"\s*<(\?xml|!doctype|html|head|body|table|meta)\b", re.IGNORECASE)
_SEP = re.compile(r"sep=(.)\r?\n")


def _panjang_baris_maks() -> int:
    return lembar.KOLOM_MAKS * lembar.PANJANG_SEL_MAKS


def _galat_kode() -> BerkasImporTidakSah:
    return BerkasImporTidakSah(
        _('Teks berkas CSV ini tidak dapat dibaca. Simpan ulang dari Excel sebagai "CSV UTF-8 (dipisahkan koma)", atau dari '
          "LibreOffice dengan set karakter Unicode (UTF-8), lalu unggah lagi.")
    )  # fmt: skip


def _galat_baca(baris: int) -> BerkasImporTidakSah:
    return BerkasImporTidakSah(
        _('Berkas CSV tidak dapat dibaca mulai baris %(baris)s: periksa tanda kutip (") di baris itu, yang dibuka harus '
          "ditutup. Simpan lagi sebagai CSV, lalu unggah lagi.") % {"baris": angka(baris)}
    )  # fmt: skip


def _dekode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            teks = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _galat_kode() from None
    elif b"\x00" in data:
        raise lembar.galat_bukan_lembar()
    else:
        try:
            teks = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            if data.startswith(codecs.BOM_UTF8):
                raise _galat_kode() from None
            try:
                teks = data.decode("cp1252")
            except UnicodeDecodeError:
                raise _galat_kode() from None
    if "\x00" in teks:
        raise lembar.galat_bukan_lembar()
    return teks


def _pemisah(teks: str) -> str:
    """The delimiter found most often in the header line, outside quotes (at most its first 64 K characters).
    A header without one is a single column: its cells are not split at all (by the unit separator, which text
    does not hold), so "Siti, Aminah" stays one cell."""
    judul = teks[:65_536].partition("\n")[0]
    judul = re.sub(r'"[^"]*"?', "", judul)
    jumlah = {p: judul.count(p) for p in PEMISAH}
    pemisah = max(PEMISAH, key=jumlah.__getitem__)
    return pemisah if jumlah[pemisah] else "\x1f"


class _Baris:
    """The text's lines for the csv reader, one at a time, with the characters of the row being read bounded
    (``sejak`` is reset by the caller after each row)."""

    def __init__(self, teks: str):
        self.teks = teks
        self.sejak = 0

    def __iter__(self):
        teks, awal, akhir_teks = self.teks, 0, len(self.teks)
        while awal < akhir_teks:
            akhir = teks.find("\n", awal)
            akhir = akhir_teks if akhir < 0 else akhir + 1
            self.sejak += akhir - awal
            if self.sejak > _panjang_baris_maks():
                raise BerkasImporTidakSah(
                    _('Satu baris berkas CSV ini lebih panjang dari %(batas)s karakter. Biasanya sebuah tanda kutip (") '
                      "dibuka tetapi tidak ditutup; periksa berkasnya, simpan lagi sebagai CSV, lalu unggah lagi.")
                    % {"batas": angka(_panjang_baris_maks())}
                )  # fmt: skip
            yield teks[awal:akhir]
            awal = akhir


def baca_csv(data: bytes) -> Lembar:
    if len(data) > lembar.UKURAN_LEMBAR_MAKS:
        raise BerkasImporTidakSah(
            _("Berkas CSV ini terlalu besar: %(ukuran)s MB (batas %(batas)s MB).") % {"ukuran": lembar._mb(len(data)), "batas": lembar._mb(lembar.UKURAN_LEMBAR_MAKS)}
            + " " + lembar._saran_pecah()
        )  # fmt: skip
    teks = _dekode(data)
    if _HTML.match(teks):
        raise lembar._galat_html()
    if "\r" in teks and "\n" not in teks:  # old Mac line ends
        teks = teks.replace("\r", "\n")
    if sep := _SEP.match(teks):  # "sep=;": Excel's hint line, not a row
        pemisah, teks = sep.group(1), teks[sep.end() :]
    else:
        pemisah = _pemisah(teks)

    baris_teks = _Baris(teks)
    pembaca = csv.reader(baris_teks, delimiter=pemisah)
    galat = GalatSel()
    headers: list[str] | None = None
    lebar = 0
    hasil: list[tuple[int, list]] = []
    nomor = 0  # the row number
    while True:
        try:
            sel = next(pembaca)
        except StopIteration:
            break
        except csv.Error as exc:  # a field past csv's own limit (131,072 characters): a quote left open
            raise _galat_baca(nomor + 1) from exc
        baris_teks.sejak = 0
        nomor += 1
        if nomor > lembar.BARIS_LEMBAR_MAKS:
            raise lembar._galat_baris_lembar()
        if headers is None:
            if nomor != 1 or not any(sel):
                raise lembar._judul_kosong(NAMA)
            lebar = max(i for i, s in enumerate(sel) if s) + 1
            if lebar > lembar.KOLOM_MAKS:
                raise lembar._judul_terlalu_lebar()
            headers = []
            for i, s in enumerate(sel[:lebar]):
                if len(s) > lembar.PANJANG_SEL_MAKS:
                    raise lembar._galat_panjang_sel()
                if nilai_galat(s):
                    galat.galat_csv(nomor, i, s)
                    s = ""
                headers.append(s.strip())
            continue
        nilai = [None] * lebar
        kosong = True
        for i, s in enumerate(sel[:lebar]):
            if not s:
                continue
            if len(s) > lembar.PANJANG_SEL_MAKS:
                raise lembar._galat_panjang_sel()
            if nilai_galat(s):
                galat.galat_csv(nomor, i, s)
                continue
            nilai[i] = s
            kosong = False
        if not kosong:
            hasil.append((nomor, nilai))
            if len(hasil) > lembar.BARIS_MAKS_IMPOR:
                raise lembar._galat_baris_data()
    if headers is None:
        raise lembar._judul_kosong(NAMA)
    return Lembar(nama=NAMA, headers=headers, baris=hasil, format="csv", galat_sel=galat.daftar)
