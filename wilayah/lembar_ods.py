"""Reading an uploaded .ods (OpenDocument spreadsheet, LibreOffice's own format) within the bounds of
``wilayah.lembar``; called by ``lembar.baca_lembar`` once the zip is checked and its ``mimetype`` read.

A password-protected file (its ``META-INF/manifest.xml`` lists ``encryption-data``) is refused with what to
do. ``content.xml`` is then read as a stream with expat, under the same bounds as an .xlsx sheet (part size and
ratio, XML elements, characters per cell, rows, header width). It holds every sheet in order, each after the
automatic styles that say whether it is hidden (``table:display="false"``), so one pass reads the sheet
``lembar.pilih_lembar`` will choose: the first visible one named as asked (reading stops after it), else the
first visible sheet besides "Petunjuk", while the names of the others are only noted.

Repeats cost nothing when blank: LibreOffice writes the rows below the data as one row repeated about a
million times, and the cells right of it as one cell repeated thousands of times; a blank repeat only moves
the row or column counter. A repeated non-blank row is kept once per repetition and counts against the row
bounds each time, before it is copied; a repeated non-blank cell fills at most the header's width.

Values as the .xlsx reader gives them: numbers (float, percentage, currency) as int when written without a
point or exponent, else float; dates as ``datetime`` (00:00 for a date alone, as openpyxl reads date cells);
times as ``time`` below 24 hours, else ``timedelta``; booleans; text as its paragraphs joined by newlines
(``text:s``, ``text:tab``, ``text:line-break`` and the text of spans and links kept; comments left out).
Error cells (``calcext:value-type="error"``, or a formula whose text result is an error value) and formulas
without a saved value are blank and reported in ``galat_sel``. Row numbers are the ones Calc shows.
"""

from __future__ import annotations

import datetime as dt
import re

from . import lembar
from .lembar import GalatSel, Lembar, _angka_sel, _Arsip, _Penangan, _rusak, _Selesai, nilai_galat

NS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
NS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
NS_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0 "
NS_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0 "
NS_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "

# Attributes as expat names them with namespace_separator=" ".
A_NAMA, A_GAYA, A_RUMUS, A_TAMPIL = NS_TABLE + "name", NS_TABLE + "style-name", NS_TABLE + "formula", NS_TABLE + "display"
A_ULANG_BARIS, A_ULANG_KOLOM = NS_TABLE + "number-rows-repeated", NS_TABLE + "number-columns-repeated"
A_JENIS, A_JENIS_CALC = NS_OFFICE + "value-type", NS_CALCEXT + "value-type"
A_NILAI, A_TANGGAL, A_WAKTU = NS_OFFICE + "value", NS_OFFICE + "date-value", NS_OFFICE + "time-value"
A_BOOLEAN, A_TEKS = NS_OFFICE + "boolean-value", NS_OFFICE + "string-value"
A_NAMA_GAYA, A_KELUARGA = NS_STYLE + "name", NS_STYLE + "family"
A_SPASI = NS_TEXT + "c"

_ANGKA = {"float", "percentage", "currency"}
_DURASI = re.compile(r"(-)?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?")


def _ulang(nilai: str | None) -> int:
    """number-rows-repeated / number-columns-repeated: at least 1."""
    return max(int(nilai), 1) if nilai else 1


def _tanggal(teks: str) -> dt.datetime:
    """office:date-value: "2025-05-26" or "2025-05-26T08:30:00(.5)"; a date alone is at 00:00."""
    nilai = dt.datetime.fromisoformat(teks)
    return nilai.replace(tzinfo=None)


def _waktu(teks: str) -> dt.time | dt.timedelta:
    """office:time-value, an ISO 8601 duration ("PT08H30M00S"): a ``time`` below 24 hours, else a ``timedelta``."""
    cocok = _DURASI.fullmatch(teks)
    if not cocok or teks in ("P", "PT", "-P", "-PT"):
        raise ValueError(teks)
    minus, hari, jam, menit, detik = cocok.groups()
    durasi = dt.timedelta(days=int(hari or 0), hours=int(jam or 0), minutes=int(menit or 0), seconds=float((detik or "0").replace(",", ".")))
    if minus:
        return -durasi
    if durasi < dt.timedelta(days=1):
        return (dt.datetime.min + durasi).time()
    return durasi


class _Manifest(_Penangan):
    """META-INF/manifest.xml: is any part encrypted (a password-protected file)?"""

    terkunci = False

    def mulai(self, nama, attrs):
        if nama == "encryption-data":
            self.terkunci = True
            raise _Selesai


class _Tabel:
    """The sheet being read: its rows so far and the state of the current row."""

    def __init__(self, nama: str):
        self.nama = nama
        self.headers: list[str] | None = None
        self.baris: list[tuple[int, list]] = []
        self.galat = GalatSel()
        self.lebar = lembar.KOLOM_MAKS
        self.judul_salah = False  # row 1 is blank: reported if this sheet is chosen
        self.nomor = 0  # the number of the last row read
        self.jumlah_baris = 0  # rows in the XML, each repetition of a non-blank row counted
        self.nilai: list | None = None  # the current row's values, made at its first non-blank cell
        self.kolom = 0  # the current row's next column (0-based)
        self.ulang = 1  # times the current row is repeated
        self.galat_baris: list[tuple[int, int, str, str, bool]] = []  # (column, repeats, kind, value, formula)


class _Isi(_Penangan):
    """content.xml: the names and visibility of every sheet, the rows of the one to read."""

    def __init__(self, nama_lembar: str | None):
        super().__init__()
        self.nama_lembar = nama_lembar
        self.tersembunyi: set[str] = set()  # table styles with display="false"
        self.tabel: list[tuple[str, bool]] = []  # (name, visible) of every sheet seen
        self.dibaca: dict[int, _Tabel] = {}  # index in ``tabel`` -> the sheet read
        self.t: _Tabel | None = None  # the sheet being read
        self._cocok = False  # the sheet named ``nama_lembar`` is found
        self._kandidat = False  # a sheet besides "Petunjuk" is read
        self._gaya_tabel: str | None = None  # inside <style:style style:family="table">
        self._tabel = 0  # depth of table:table elements
        self._dalam = 0  # depth inside the current cell (1: the cell itself)
        self._sel: tuple[int, int, dict] | None = None  # (column, repeats, attributes) of a cell that is read
        self._teks_sel = False  # the cell's text is needed
        self._paragraf = 0
        self._lewati = 0  # depth of a comment inside a paragraph, whose text is left out

    # ---------------------------------------------------------------- events

    def mulai(self, nama, attrs):
        if self._dalam:  # inside a cell: its paragraphs, nothing else
            self._dalam += 1
            if self._teks_sel:
                if nama == "p" and self._dalam == 2:
                    self.kumpul = True
                    if self._paragraf:
                        self._teks("\n")
                    self._paragraf += 1
                elif self.kumpul:
                    if nama == "s":
                        self._teks(" " * min(_ulang(attrs.get(A_SPASI)), lembar.PANJANG_SEL_MAKS + 1))
                    elif nama == "tab":
                        self._teks("\t")
                    elif nama == "line-break":
                        self._teks("\n")
                    elif nama == "annotation" or nama == "note":  # a comment or footnote inside the paragraph
                        self.kumpul = False
                        self._lewati = self._dalam
            return
        t = self.t
        if nama == "table-cell" or nama == "covered-table-cell":
            self._dalam = 1
            if t is not None and not t.judul_salah:
                self._mulai_sel(t, nama, attrs)
            else:
                self._sel = None
                self._teks_sel = False
        elif nama == "table-row":
            if t is not None and not t.judul_salah:
                self._mulai_baris(t, attrs)
        elif nama == "table":
            self._tabel += 1
            if self._tabel == 1:
                self._mulai_tabel(attrs)
        elif nama == "style":
            self._gaya_tabel = attrs.get(A_NAMA_GAYA) if attrs.get(A_KELUARGA) == "table" else None
        elif nama == "table-properties" and self._gaya_tabel is not None and attrs.get(A_TAMPIL) == "false":
            self.tersembunyi.add(self._gaya_tabel)

    def selesai(self, nama):
        if self._dalam:
            if self._dalam == self._lewati:  # the end of a comment inside a paragraph: its text resumes
                self._lewati = 0
                self.kumpul = True
            self._dalam -= 1
            if not self._dalam:
                self.kumpul = False
                if self._sel is not None:
                    self._simpan_sel()
            elif self._dalam == 1 and nama == "p":
                self.kumpul = False
            return
        if nama == "table-row":
            t = self.t
            if t is not None and not t.judul_salah:
                self._akhir_baris(t)
        elif nama == "table":
            self._tabel -= 1
            if not self._tabel and self.t is not None:
                self.t = None
                if self._cocok:  # the named sheet is read: the others do not matter
                    raise _Selesai

    # ---------------------------------------------------------------- sheets, rows, cells

    def _mulai_tabel(self, attrs):
        nama = attrs.get(A_NAMA, "")
        tampak = attrs.get(A_GAYA) not in self.tersembunyi
        indeks = len(self.tabel)
        self.tabel.append((nama, tampak))
        if not tampak or self._cocok:
            return
        if lembar.cocok_nama_lembar(nama, self.nama_lembar):
            self._cocok = True
            self.t = _Tabel(nama)
            self.dibaca = {indeks: self.t}  # an earlier sheet read is not needed any more
        elif not self._kandidat and not lembar.lembar_petunjuk(nama):
            self._kandidat = True
            self.t = self.dibaca[indeks] = _Tabel(nama)

    def _mulai_baris(self, t: _Tabel, attrs):
        t.ulang = _ulang(attrs.get(A_ULANG_BARIS))
        t.jumlah_baris += 1
        if t.jumlah_baris > lembar.BARIS_LEMBAR_MAKS:
            raise lembar._galat_baris_lembar()
        t.nilai = None
        t.kolom = 0
        t.galat_baris = []

    def _mulai_sel(self, t: _Tabel, nama: str, attrs):
        kolom = t.kolom
        ulang = _ulang(attrs.get(A_ULANG_KOLOM))
        t.kolom += ulang
        # Past the header's width a cell is not read (in the header row it is: a non-blank one is refused);
        # a covered cell is the hidden part of a merged one.
        if (kolom >= t.lebar and t.headers is not None) or nama == "covered-table-cell":
            self._sel = None
            self._teks_sel = False
            return
        self._sel = (kolom, ulang, attrs)
        # The text is needed for a string without office:string-value, a cell without a type, an error ("#DIV/0!").
        self._teks_sel = attrs.get(A_JENIS_CALC) == "error" or (A_TEKS not in attrs and attrs.get(A_JENIS) in (None, "string"))
        self._paragraf = self._lewati = 0
        self.ambil_teks()

    def _simpan_sel(self):
        kolom, ulang, attrs = self._sel
        self._sel = None
        t = self.t
        teks = self.ambil_teks() if self._teks_sel else ""
        jenis = attrs.get(A_JENIS)
        rumus = A_RUMUS in attrs
        nilai = None
        if attrs.get(A_JENIS_CALC) == "error":
            t.galat_baris.append((kolom, ulang, "galat", teks or "#N/A", rumus))
            return
        if jenis is None:
            if rumus:
                t.galat_baris.append((kolom, ulang, "tanpa_hasil", "", True))
                return
            nilai = teks
        elif jenis == "string":
            nilai = attrs.get(A_TEKS, teks)
            if rumus and nilai_galat(nilai):  # what other writers save for a formula's error
                t.galat_baris.append((kolom, ulang, "galat", nilai, True))
                return
        elif jenis in _ANGKA:
            nilai = _angka_sel(attrs.get(A_NILAI, ""))
        elif jenis == "date" or jenis == "time":
            isi = attrs.get(A_TANGGAL if jenis == "date" else A_WAKTU, "")
            try:
                nilai = _tanggal(isi) if jenis == "date" else _waktu(isi)
            except (ValueError, OverflowError):
                t.galat_baris.append((kolom, ulang, "tanggal", isi, rumus))
                return
        elif jenis == "boolean":
            nilai = attrs.get(A_BOOLEAN, "").lower() in ("true", "1")
        else:
            nilai = teks
        if nilai is None or nilai == "":
            return
        if kolom + ulang > t.lebar and t.headers is None:  # the header row, past KOLOM_MAKS
            raise lembar._judul_terlalu_lebar()
        if t.nilai is None:
            t.nilai = [None] * t.lebar
        for i in range(kolom, min(kolom + ulang, t.lebar)):
            t.nilai[i] = nilai

    def _akhir_baris(self, t: _Tabel):
        nomor, ulang, nilai = t.nomor + 1, t.ulang, t.nilai
        t.nomor += ulang
        t.nilai = None
        if t.headers is None:
            if nilai is None:  # row 1 is blank (rows are numbered from 1, blank ones included)
                t.judul_salah = True  # the rest of this sheet is not read
                return
            t.lebar = max(i for i, v in enumerate(nilai) if v is not None) + 1
            t.headers = [str(h).strip() if h is not None else "" for h in nilai[: t.lebar]]
            self._catat_galat(t, 1, 1)
            t.galat.sebatas(t.lebar)
            if ulang > 1:  # the header row repeated: the copies are data rows
                self._catat_galat(t, 2, ulang - 1)
                self._tambah(t, 2, ulang - 1, nilai[: t.lebar])
            return
        self._catat_galat(t, nomor, ulang)
        if nilai is not None:
            self._tambah(t, nomor, ulang, nilai)

    @staticmethod
    def _tambah(t: _Tabel, nomor: int, ulang: int, nilai: list):
        """A non-blank row, repeated ``ulang`` times: each repetition is bounded before it is copied."""
        if len(t.baris) + ulang > lembar.BARIS_MAKS_IMPOR:
            raise lembar._galat_baris_data()
        if t.jumlah_baris + ulang - 1 > lembar.BARIS_LEMBAR_MAKS:
            raise lembar._galat_baris_lembar()
        t.jumlah_baris += ulang - 1
        t.baris.append((nomor, nilai))
        t.baris.extend((nomor + i, list(nilai)) for i in range(1, ulang))

    @staticmethod
    def _catat_galat(t: _Tabel, nomor: int, ulang: int):
        """The row's error cells, for each repetition of the row and of the cell (``GalatSel`` bounds the count)."""
        for i in range(ulang if t.galat_baris else 0):
            for kolom, kali, jenis, isi, rumus in t.galat_baris:
                for k in range(kolom, min(kolom + kali, t.lebar)):
                    if jenis == "galat":
                        t.galat.galat(nomor + i, k, isi, rumus=rumus)
                    elif jenis == "tanpa_hasil":
                        t.galat.tanpa_hasil(nomor + i, k)
                    else:
                        t.galat.tanggal(nomor + i, k, isi)

    # ---------------------------------------------------------------- the result

    def hasil(self) -> Lembar:
        t = self.dibaca[lembar.pilih_lembar(self.tabel, self.nama_lembar)]
        if t.headers is None:
            raise lembar._judul_kosong(t.nama)
        return Lembar(nama=t.nama, headers=t.headers, baris=t.baris, format="ods", galat_sel=t.galat.daftar)


def baca_ods(arsip: _Arsip, nama_lembar: str | None) -> Lembar:
    if arsip.ada("META-INF/manifest.xml") and arsip.urai("META-INF/manifest.xml", _Manifest()).terkunci:
        raise lembar.galat_kata_sandi()
    if not arsip.ada("content.xml"):
        raise _rusak()
    isi = arsip.urai("content.xml", _Isi(nama_lembar), lembar.UKURAN_LEMBAR_MAKS, lembar._pesan_lembar_besar())
    return isi.hasil()
