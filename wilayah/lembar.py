"""Reading an uploaded .xlsx within fixed bounds of memory and time (lembar = worksheet).

An .xlsx is a zip of XML parts. Before a row is read:

1. the zip's end record gives the number of entries and the size of its directory, which are
   bounded before ``zipfile`` builds one object per entry;
2. every part the reader opens (the workbook, its relationships, the styles, the shared strings and
   the sheet) is checked from the directory: uncompressed size and compression ratio. ``zipfile``
   never inflates a part past the size its directory declares, so a part cannot grow beyond the
   checked size while it is read.

The parts are then read as a stream with expat: no tree is built, a DOCTYPE (and so any entity) is
refused, and the XML elements of all the parts together are counted (``ELEMEN_MAKS``). The sheet's rows are read as
they are in the XML: its ``<dimension>`` is ignored (a stale one would drop rows, one claiming
A1:XFD1048576 would pad every row to 16,384 cells), cells are kept only up to the width of the header
row (at most ``KOLOM_MAKS`` columns), one cell holds at most Excel's 32,767 characters, and reading
stops at the first row past ``BARIS_MAKS_IMPOR`` data rows or ``BARIS_LEMBAR_MAKS`` rows in all.
Every refusal is a ``BerkasImporTidakSah`` whose message says the limit and what to do.

Cell values are the ones openpyxl gives with ``data_only=True`` (its date-format rules, epochs and
conversions are used); ``tests/wilayah/test_lembar.py`` compares both readers on the same workbooks.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat

from django.utils.translation import gettext as _
from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

from .tampilan import angka

# --------------------------------------------------------------------------- the bounds (one place)

BARIS_MAKS_IMPOR = 20_000  # data rows in one import
BARIS_LEMBAR_MAKS = 2 * BARIS_MAKS_IMPOR  # rows in the sheet's XML, blank and formatted ones included
KOLOM_MAKS = 100  # columns of the header row
PANJANG_SEL_MAKS = 32_767  # characters in one cell: Excel's own limit
ENTRI_ZIP_MAKS = 1_000  # entries in the zip (a workbook saved by Excel or LibreOffice has a dozen or two)
DIREKTORI_ZIP_MAKS = 1024 * 1024  # bytes of the zip's central directory
UKURAN_LEMBAR_MAKS = 48 * 1024 * 1024  # uncompressed sheet XML (20,000 rows of 20 columns take about 15 MB)
UKURAN_TEKS_BERSAMA_MAKS = 16 * 1024 * 1024  # uncompressed sharedStrings.xml
UKURAN_BAGIAN_LAIN_MAKS = 4 * 1024 * 1024  # workbook.xml, styles.xml, relationships
RASIO_MAKS = 100  # uncompressed : compressed, for a part of ...
RASIO_DARI_UKURAN = 1024 * 1024  # ... at least this uncompressed size (small XML parts compress well)
ELEMEN_MAKS = 3_000_000  # XML elements in all the parts read (20,000 rows of 30 text cells take 2.4 million)
KOLOM_EXCEL = 16_384  # Excel's last column, XFD: a row with more cells is damaged

TIPE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
TIPE_REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/"


class BerkasImporTidakSah(ValueError):
    """A file the import refuses; ``str(exc)`` is the message for the user."""


@dataclass
class Lembar:
    """A worksheet as the import reads it."""

    nama: str
    headers: list[str]
    baris: list[tuple[int, list]]  # (row number as Excel shows it, values up to the header width)


def _rusak() -> BerkasImporTidakSah:
    return BerkasImporTidakSah(_("Berkas .xlsx tidak dapat dibaca (rusak atau bukan buku kerja Excel)."))


def _mb(ukuran: int) -> str:
    return angka(ukuran / (1024 * 1024), 1)


def _saran_pecah() -> str:
    return _("Satu impor paling banyak %(baris)s baris data: pecah data menjadi beberapa berkas, lalu impor satu per satu.") % {
        "baris": angka(BARIS_MAKS_IMPOR)
    }


# --------------------------------------------------------------------------- the zip


def _periksa_direktori(data: bytes) -> None:
    """Bound the entries from the end record, before ``zipfile`` reads the directory."""
    ekor = data[-(22 + 0xFFFF) :]
    i = ekor.rfind(b"PK\x05\x06")
    if i < 0 or len(ekor) < i + 22:
        raise _rusak()
    entri, ukuran_direktori = struct.unpack_from("<H", ekor, i + 10)[0], struct.unpack_from("<L", ekor, i + 12)[0]
    if entri == 0xFFFF or ukuran_direktori == 0xFFFFFFFF:  # zip64: the counts are in the zip64 end record
        j = ekor.rfind(b"PK\x06\x06", 0, i)
        if j < 0 or len(ekor) < j + 48:
            raise _rusak()
        entri, ukuran_direktori = struct.unpack_from("<QQ", ekor, j + 32)
    if entri > ENTRI_ZIP_MAKS or ukuran_direktori > DIREKTORI_ZIP_MAKS:
        raise _galat_entri()


def _galat_entri() -> BerkasImporTidakSah:
    return BerkasImporTidakSah(
        _("Berkas .xlsx ini terdiri atas lebih dari %(batas)s bagian; buku kerja biasa hanya belasan. "
          "Salin datanya ke buku kerja baru, simpan sebagai .xlsx, lalu unggah lagi.")
        % {"batas": angka(ENTRI_ZIP_MAKS)}
    )  # fmt: skip


def _buka_bagian(arsip: zipfile.ZipFile, nama: str, batas: int = UKURAN_BAGIAN_LAIN_MAKS, pesan_besar: str = ""):
    """The part, opened for reading, after its size and compression ratio are checked."""
    try:
        info = arsip.getinfo(nama)
    except KeyError:
        raise _rusak() from None
    if info.file_size > batas:
        pesan_besar = pesan_besar or _("Bagian %(bagian)s di berkas ini terlalu besar: %(ukuran)s MB setelah dibuka (batas %(batas)s MB).")
        raise BerkasImporTidakSah(pesan_besar % {"bagian": nama, "ukuran": _mb(info.file_size), "batas": _mb(batas)})
    if info.file_size >= RASIO_DARI_UKURAN and info.file_size > RASIO_MAKS * max(info.compress_size, 1):
        raise BerkasImporTidakSah(
            _("Berkas .xlsx ini dimampatkan secara tidak wajar: bagian %(bagian)s %(rasio)s kali lebih besar setelah dibuka "
              "(batas %(batas)s kali). Buku kerja yang disimpan Excel atau LibreOffice tidak seperti ini; "
              "salin datanya ke buku kerja baru, lalu unggah lagi.")
            % {"bagian": nama, "rasio": angka(info.file_size // max(info.compress_size, 1)), "batas": angka(RASIO_MAKS)}
        )  # fmt: skip
    return arsip.open(info)


# --------------------------------------------------------------------------- streaming XML


class _Selesai(Exception):
    """Raised by a handler that has read what it needs."""


class _Penangan:
    """Handler of one part: a subclass's ``mulai(name, attrs)`` and ``selesai(name)`` get local names
    (``row``, not ``{namespace} row``). The base counts elements (``ELEMEN_MAKS``, over every part of the
    file) and collects text while ``kumpul`` is set, at most ``PANJANG_SEL_MAKS`` characters per value."""

    kumpul = False

    def __init__(self):
        self._hitung = 0
        self._nama: dict[str, str] = {}
        self.potongan: list[str] = []
        self.panjang = 0

    def _lokal(self, nama: str) -> str:
        """"{namespace} c" -> "c" (expat joins namespace and name with a space)."""
        lokal = nama.rpartition(" ")[2]
        if len(self._nama) < 256:
            self._nama[nama] = lokal
        return lokal

    def _mulai(self, nama, attrs):
        self._hitung += 1
        if self._hitung > ELEMEN_MAKS:
            raise BerkasImporTidakSah(
                _("Berkas ini berisi lebih dari %(batas)s unsur XML (sel, baris, teks). Salin hanya datanya ke buku kerja baru, "
                  "lalu unggah lagi.") % {"batas": angka(ELEMEN_MAKS)} + " " + _saran_pecah()
            )  # fmt: skip
        self.mulai(self._nama.get(nama) or self._lokal(nama), attrs)

    def _selesai(self, nama):
        self.selesai(self._nama.get(nama) or self._lokal(nama))

    def _teks(self, data):
        if self.kumpul:
            self.panjang += len(data)
            if self.panjang > PANJANG_SEL_MAKS:
                raise BerkasImporTidakSah(
                    _("Sebuah sel berisi lebih dari %(batas)s karakter, batas Excel untuk satu sel. Periksa isi berkasnya.")
                    % {"batas": angka(PANJANG_SEL_MAKS)}
                )
            self.potongan.append(data)

    def ambil_teks(self) -> str:
        teks = "".join(self.potongan)
        self.potongan = []
        self.panjang = 0
        return teks

    def mulai(self, nama, attrs):
        pass

    def selesai(self, nama):
        pass


def _tolak_dtd(*args):
    raise _rusak()


def _urai(berkas, penangan: _Penangan, elemen: int) -> int:
    """Parse the part ``berkas`` with ``penangan``; ``elemen`` elements were read before it. Returns the new count."""
    penangan._hitung = elemen
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _tolak_dtd  # entities are declared only inside a DOCTYPE
    parser.StartElementHandler = penangan._mulai
    parser.EndElementHandler = penangan._selesai
    parser.CharacterDataHandler = penangan._teks
    with berkas:
        try:
            while potongan := berkas.read(64 * 1024):
                parser.Parse(potongan, False)
            parser.Parse(b"", True)
        except _Selesai:
            pass
    return penangan._hitung


def _atribut(attrs: dict, lokal: str):
    """An attribute by local name, with or without a namespace (``r:id``)."""
    if lokal in attrs:
        return attrs[lokal]
    akhiran = " " + lokal
    for kunci, nilai in attrs.items():
        if kunci.endswith(akhiran):
            return nilai
    return None


class _Relasi(_Penangan):
    def __init__(self):
        super().__init__()
        self.daftar: dict[str, tuple[str, str]] = {}  # Id -> (type, target)

    def mulai(self, nama, attrs):
        if nama == "Relationship" and attrs.get("TargetMode") != "External":
            self.daftar[attrs.get("Id", "")] = (attrs.get("Type", ""), attrs.get("Target", ""))

    def target(self, jenis: str) -> str | None:
        for tipe, target in self.daftar.values():
            if tipe in (TIPE_REL + jenis, TIPE_REL_STRICT + jenis):
                return target
        return None


class _BukuKerja(_Penangan):
    def __init__(self):
        super().__init__()
        self.lembar: list[tuple[str, str, str]] = []  # (name, state, relationship id)
        self.epoch = WINDOWS_EPOCH

    def mulai(self, nama, attrs):
        if nama == "sheet":
            self.lembar.append((attrs.get("name", ""), attrs.get("state", "visible"), _atribut(attrs, "id") or ""))
        elif nama == "workbookPr" and str(attrs.get("date1904", "")).lower() in ("1", "true"):
            self.epoch = CALENDAR_MAC_1904


class _Gaya(_Penangan):
    """Which cell styles (``s`` of a cell: the index into cellXfs) are dates or durations, as openpyxl decides."""

    def __init__(self):
        super().__init__()
        self.format_khusus: dict[int, str] = {}
        self.xf: list[int] = []
        self._dalam_xfs = False

    def mulai(self, nama, attrs):
        if nama == "numFmt":
            self.format_khusus[int(attrs.get("numFmtId", 0))] = attrs.get("formatCode", "")
        elif nama == "cellXfs":
            self._dalam_xfs = True
        elif nama == "xf" and self._dalam_xfs:
            self.xf.append(int(attrs.get("numFmtId", 0)))

    def selesai(self, nama):
        if nama == "cellXfs":
            self._dalam_xfs = False

    def format_tanggal(self) -> tuple[set[int], set[int]]:
        tanggal, durasi = set(), set()
        for indeks, nomor in enumerate(self.xf):
            kode = self.format_khusus[nomor] if nomor in self.format_khusus else builtin_format_code(nomor)
            if is_date_format(kode):
                tanggal.add(indeks)
            if is_timedelta_format(kode):
                durasi.add(indeks)
        return tanggal, durasi


class _TeksBersama(_Penangan):
    """sharedStrings.xml: each ``<si>``'s text (plain ``<t>`` and rich-text runs, not the phonetic ``<rPh>``)."""

    def __init__(self):
        super().__init__()
        self.daftar: list[str] = []
        self._si = self._rph = False

    def mulai(self, nama, attrs):
        if nama == "t":
            self.kumpul = self._si and not self._rph
        elif nama == "si":
            self._si = True
            self.ambil_teks()
        elif nama == "rPh":
            self._rph = True

    def selesai(self, nama):
        if nama == "t":
            self.kumpul = False
        elif nama == "si":
            self._si = False
            self.daftar.append(self.ambil_teks().replace("x005F_", ""))  # as openpyxl reads it
        elif nama == "rPh":
            self._rph = False


_HURUF_KOLOM: dict[str, int] = {}
_ANGKA = "0123456789"


def _kolom_dari_ref(ref: str) -> int:
    """"AB12" -> 28 (Excel's columns run from A to XFD, 16,384)."""
    huruf = ref.rstrip(_ANGKA)
    kolom = _HURUF_KOLOM.get(huruf)
    if kolom is None:
        if not (0 < len(huruf) <= 3 and huruf.isascii() and huruf.isupper() and huruf.isalpha()) or len(huruf) == len(ref):
            raise _rusak()
        kolom = 0
        for h in huruf:
            kolom = kolom * 26 + ord(h) - 64
        if kolom > KOLOM_EXCEL:
            raise _rusak()
        if len(_HURUF_KOLOM) < 1024:
            _HURUF_KOLOM[huruf] = kolom
    return kolom


def _angka_sel(teks: str):
    if "." in teks or "E" in teks or "e" in teks:
        return float(teks)
    return int(teks)


class _IsiLembar(_Penangan):
    """The rows of one worksheet, as described in the module docstring."""

    def __init__(self, teks_bersama: list[str], tanggal: set[int], durasi: set[int], epoch):
        super().__init__()
        self.teks_bersama, self.tanggal, self.durasi, self.epoch = teks_bersama, tanggal, durasi, epoch
        self.headers: list[str] | None = None
        self.baris: list[tuple[int, list]] = []
        self.lebar = KOLOM_MAKS
        self._data = False  # inside <sheetData>
        self._nomor = 0  # row number
        self._jumlah_baris = 0  # rows in the XML
        self._nilai: list | None = None  # the current row's values
        self._kolom = 0
        self._sel_baris = 0  # cells in the current row
        self._sel = False  # inside a cell that is read
        self._jenis = "n"
        self._gaya = 0
        self._is = self._rph = False
        self._ada_is = False

    def mulai(self, nama, attrs):
        if nama == "c" and self._nilai is not None:
            ref = attrs.get("r")
            self._kolom = _kolom_dari_ref(ref) if ref else self._kolom + 1
            self._sel_baris += 1
            if self._kolom > KOLOM_EXCEL or self._sel_baris > KOLOM_EXCEL:
                raise _rusak()
            self._sel = self.headers is None or self._kolom <= self.lebar
            if self._sel:
                self._jenis = attrs.get("t", "n")
                gaya = attrs.get("s")
                self._gaya = int(gaya) if gaya else 0
                self._ada_is = False
                self.ambil_teks()
        elif self._sel:
            if nama == "v":
                self.kumpul = self._jenis != "inlineStr"
            elif nama == "t":
                self.kumpul = self._is and not self._rph
            elif nama == "is":
                self._is = self._ada_is = True
            elif nama == "rPh":
                self._rph = True
        elif nama == "row":
            if not self._data:
                raise _rusak()
            r = attrs.get("r")
            self._nomor = int(float(r)) if r else self._nomor + 1
            self._jumlah_baris += 1
            if self._jumlah_baris > BARIS_LEMBAR_MAKS:
                raise BerkasImporTidakSah(
                    _("Lembar ini berisi lebih dari %(batas)s baris, termasuk baris kosong yang diberi format. Hapus baris "
                      "kosong di bawah data (pilih barisnya, klik kanan, Hapus), simpan, lalu unggah lagi.")
                    % {"batas": angka(BARIS_LEMBAR_MAKS)} + " " + _saran_pecah()
                )  # fmt: skip
            self._kolom = self._sel_baris = 0
            self._nilai = [None] * self.lebar
        elif nama == "sheetData":
            self._data = True

    def selesai(self, nama):
        if nama == "c" and self._nilai is not None:
            if self._sel:
                self._simpan_sel()
                self._sel = self.kumpul = self._is = self._rph = False
        elif self._sel:
            if nama in ("v", "t"):
                self.kumpul = False
            elif nama == "is":
                self._is = False
            elif nama == "rPh":
                self._rph = False
        elif nama == "row":
            self._akhir_baris()
        elif nama == "sheetData":
            raise _Selesai

    def _nilai_sel(self):
        teks = self.ambil_teks()
        jenis = self._jenis
        if jenis == "inlineStr":
            return teks if self._ada_is else None
        if not teks:
            return None
        if jenis == "n":
            nilai = _angka_sel(teks)
            if self._gaya in self.tanggal:
                try:
                    return from_excel(nilai, self.epoch, timedelta=self._gaya in self.durasi)
                except (OverflowError, ValueError):
                    return "#VALUE!"  # as openpyxl does
            return nilai
        if jenis == "s":
            return self.teks_bersama[int(teks)]
        if jenis == "b":
            return bool(int(teks))
        if jenis == "d":
            return from_ISO8601(teks)
        return teks  # "str" (a formula's text), "e" (an error such as #N/A)

    def _simpan_sel(self):
        nilai = self._nilai_sel()
        if nilai is None:
            return
        if self._kolom <= self.lebar:
            self._nilai[self._kolom - 1] = nilai
        elif nilai != "":  # the header row, past KOLOM_MAKS
            raise BerkasImporTidakSah(
                _("Baris 1 (judul kolom) berisi lebih dari %(batas)s kolom. Hapus kolom yang tidak dipakai, simpan, lalu unggah lagi.")
                % {"batas": angka(KOLOM_MAKS)}
            )

    def _akhir_baris(self):
        nilai, self._nilai = self._nilai, None
        if self.headers is None:
            if self._nomor != 1:
                raise _judul_kosong()
            terisi = [i for i, v in enumerate(nilai) if v is not None and v != ""]
            if not terisi:
                raise _judul_kosong()
            self.lebar = terisi[-1] + 1
            self.headers = [str(h).strip() if h is not None else "" for h in nilai[: self.lebar]]
            return
        if any(v is not None and v != "" for v in nilai):
            self.baris.append((self._nomor, nilai))
            if len(self.baris) > BARIS_MAKS_IMPOR:
                raise BerkasImporTidakSah(
                    _("Berkas berisi lebih dari %(batas)s baris data.") % {"batas": angka(BARIS_MAKS_IMPOR)} + " " + _saran_pecah()
                )


def _judul_kosong() -> BerkasImporTidakSah:
    return BerkasImporTidakSah(_("Lembar pertama kosong: baris 1 harus berisi nama kolom."))


# --------------------------------------------------------------------------- the workbook


def _jalur(dasar: str, target: str) -> str:
    """A relationship's target as a zip name, relative to the part ``dasar`` that holds the relationship."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(dasar), target))


class _Arsip:
    """The zip and the count of XML elements read so far from it."""

    def __init__(self, arsip: zipfile.ZipFile):
        self.arsip = arsip
        self.elemen = 0

    def urai(self, nama: str, penangan: _Penangan, batas: int = UKURAN_BAGIAN_LAIN_MAKS, pesan_besar: str = ""):
        self.elemen = _urai(_buka_bagian(self.arsip, nama, batas, pesan_besar), penangan, self.elemen)
        return penangan

    def relasi(self, bagian: str) -> _Relasi:
        """The relationships of ``bagian`` ("" for the package's own)."""
        nama = posixpath.join(posixpath.dirname(bagian), "_rels", posixpath.basename(bagian) + ".rels")
        return self.urai(nama, _Relasi()) if nama in self.arsip.NameToInfo else _Relasi()


def _baca(arsip: _Arsip) -> Lembar:
    buku_path = _jalur("", arsip.relasi("").target("officeDocument") or "xl/workbook.xml")
    buku = arsip.urai(buku_path, _BukuKerja())
    relasi = arsip.relasi(buku_path)

    lembar = None
    for nama, _keadaan, rid in buku.lembar:  # the first worksheet (chartsheets are skipped)
        tipe, target = relasi.daftar.get(rid, ("", ""))
        if tipe.endswith("/worksheet"):
            lembar = (nama, _jalur(buku_path, target))
            break
    if lembar is None:
        raise _judul_kosong()

    gaya = _Gaya()
    if gaya_path := relasi.target("styles"):
        arsip.urai(_jalur(buku_path, gaya_path), gaya)
    tanggal, durasi = gaya.format_tanggal()

    teks = _TeksBersama()
    if teks_path := relasi.target("sharedStrings"):
        pesan = _("Teks di berkas ini terlalu besar: %(ukuran)s MB setelah dibuka (batas %(batas)s MB).") + " " + _saran_pecah()
        arsip.urai(_jalur(buku_path, teks_path), teks, UKURAN_TEKS_BERSAMA_MAKS, pesan)

    pesan = _("Lembar kerja di berkas ini terlalu besar: %(ukuran)s MB setelah dibuka (batas %(batas)s MB).") + " " + _saran_pecah()
    isi = arsip.urai(lembar[1], _IsiLembar(teks.daftar, tanggal, durasi, buku.epoch), UKURAN_LEMBAR_MAKS, pesan)
    if isi.headers is None:
        raise _judul_kosong()
    return Lembar(nama=lembar[0], headers=isi.headers, baris=isi.baris)


def baca_lembar_xlsx(data: bytes) -> Lembar:
    """The first worksheet of .xlsx bytes: header row (row 1) and the non-blank rows below it, each cut to
    the header's width. Anything else, or a file past a bound, raises ``BerkasImporTidakSah``."""
    if not data.startswith(b"PK"):
        raise BerkasImporTidakSah(_("Berkas bukan Excel .xlsx. Simpan ulang dari Excel sebagai 'Buku Kerja Excel (.xlsx)'."))
    _periksa_direktori(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as arsip:
            if len(arsip.infolist()) > ENTRI_ZIP_MAKS:  # more than the end record said
                raise _galat_entri()
            return _baca(_Arsip(arsip))
    except BerkasImporTidakSah:
        raise
    # A damaged or foreign zip: bad CRC or header, an encrypted or unknown-method entry, broken XML, a bad number or index.
    except (zipfile.BadZipFile, zlib.error, expat.ExpatError, EOFError, OSError, RuntimeError, NotImplementedError,
            ValueError, IndexError, OverflowError) as exc:  # fmt: skip
        raise _rusak() from exc
