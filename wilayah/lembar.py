"""Reading an uploaded spreadsheet within fixed bounds of memory and time (lembar = worksheet).

``baca_lembar(data, nama_lembar=...)`` is the one entry point. It recognises the format from the bytes, never
from the file name: .xlsx here, .ods in ``lembar_ods``, .csv in ``lembar_csv``; a legacy .xls, a
password-protected workbook, an HTML page saved as ".xls" and anything else are refused, each with what to do.
Which sheet: hidden sheets are never read; the visible sheet named ``nama_lembar`` if there is one, else the
only visible sheet besides the templates' "Petunjuk"; several candidates are refused by name
(``pilih_lembar``). A cell holding an error value (``#VALUE!``...) or a formula without a saved result is read
as blank and reported in ``Lembar.galat_sel`` with its reference and the fix.

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
from dataclasses import dataclass, field
from xml.parsers import expat

from django.utils.translation import gettext as _
from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
from openpyxl.utils.cell import get_column_letter
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
GALAT_SEL_MAKS = 200  # cells with an error or a formula without a result, reported one by one; past it the file is refused

NAMA_PETUNJUK = "Petunjuk"  # the instructions sheet of the portal's templates: never the data

TIPE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
TIPE_REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/"


class BerkasImporTidakSah(ValueError):
    """A file the import refuses; ``str(exc)`` is the message for the user."""


class _BerkasRusak(BerkasImporTidakSah):
    """A damaged file. Raised deep in the shared XML code with the .xlsx wording; ``_baca_zip`` words it for
    the format it found."""


@dataclass
class Lembar:
    """A worksheet as the import reads it."""

    nama: str  # the sheet read ("CSV" for a .csv)
    headers: list[str]
    baris: list[tuple[int, list]]  # (row number as Excel shows it, values up to the header width)
    format: str = "xlsx"  # "xlsx", "ods" or "csv"
    # (row number, 0-based column, message) of each cell within the header width that holds an error value or
    # a formula without a saved result; its value in ``baris`` is None.
    galat_sel: list[tuple[int, int, str]] = field(default_factory=list)


def _rusak() -> BerkasImporTidakSah:
    return _BerkasRusak(_("Berkas .xlsx tidak dapat dibaca (rusak atau bukan buku kerja Excel)."))


def _mb(ukuran: int) -> str:
    return angka(ukuran / (1024 * 1024), 1)


def _saran_pecah() -> str:
    return _("Satu impor paling banyak %(baris)s baris data: pecah data menjadi beberapa berkas, lalu impor satu per satu.") % {
        "baris": angka(BARIS_MAKS_IMPOR)
    }


def _judul_kosong(nama: str) -> BerkasImporTidakSah:
    return BerkasImporTidakSah(_('Lembar "%(nama)s" tidak punya judul kolom: baris 1 harus berisi nama kolom.') % {"nama": nama})


def _judul_terlalu_lebar() -> BerkasImporTidakSah:
    return BerkasImporTidakSah(
        _("Baris 1 (judul kolom) berisi lebih dari %(batas)s kolom. Hapus kolom yang tidak dipakai, simpan, lalu unggah lagi.")
        % {"batas": angka(KOLOM_MAKS)}
    )


def _galat_baris_lembar() -> BerkasImporTidakSah:
    return BerkasImporTidakSah(
        _("Lembar ini berisi lebih dari %(batas)s baris, termasuk baris kosong yang diberi format. Hapus baris "
          "kosong di bawah data (pilih barisnya, klik kanan, Hapus), simpan, lalu unggah lagi.")
        % {"batas": angka(BARIS_LEMBAR_MAKS)} + " " + _saran_pecah()
    )  # fmt: skip


def _galat_baris_data() -> BerkasImporTidakSah:
    return BerkasImporTidakSah(_("Berkas berisi lebih dari %(batas)s baris data.") % {"batas": angka(BARIS_MAKS_IMPOR)} + " " + _saran_pecah())


def _galat_panjang_sel() -> BerkasImporTidakSah:
    return BerkasImporTidakSah(
        _("Sebuah sel berisi lebih dari %(batas)s karakter, batas Excel untuk satu sel. Periksa isi berkasnya.") % {"batas": angka(PANJANG_SEL_MAKS)}
    )


# --------------------------------------------------------------------------- cells that hold no value

# Error values as spreadsheets show them (and write them into a .csv); LibreOffice's own are "Err:" and 3 digits.
NILAI_GALAT = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!",
    "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!",
})  # fmt: skip


def nilai_galat(teks) -> bool:
    """Is ``teks`` an error value ("#DIV/0!", "Err:502")?"""
    return type(teks) is str and (teks in NILAI_GALAT or (len(teks) == 7 and teks.startswith("Err:") and teks[4:].isdigit()))


class GalatSel:
    """The cells of the sheet read that hold an error value or a formula without a saved result, each as
    (row number, 0-based column, message naming the cell and the fix). At most ``GALAT_SEL_MAKS``: a sheet
    with more is refused as a whole (listing thousands of cells would help no one)."""

    def __init__(self):
        self.daftar: list[tuple[int, int, str]] = []

    def _catat(self, baris: int, kolom: int, pesan: str) -> None:
        if len(self.daftar) >= GALAT_SEL_MAKS:
            raise BerkasImporTidakSah(
                _("Lebih dari %(batas)s sel berisi galat rumus atau rumus tanpa hasil (yang pertama: %(contoh)s) "
                  "Perbaiki rumusnya atau ganti dengan nilainya, simpan, lalu unggah lagi.")
                % {"batas": angka(GALAT_SEL_MAKS), "contoh": self.daftar[0][2]}
            )  # fmt: skip
        self.daftar.append((baris, kolom, pesan))

    def galat(self, baris: int, kolom: int, nilai: str, *, rumus: bool = True) -> None:
        """An error value (``#VALUE!``, ``Err:502``...): a formula's result, or typed or pasted as a value."""
        sel = ref_sel(baris, kolom)
        if rumus:
            pesan = _("Sel %(sel)s: rumus menghasilkan %(galat)s: perbaiki rumusnya atau ganti dengan nilainya (Salin, lalu Tempel Khusus > Nilai).")
        else:
            pesan = _("Sel %(sel)s berisi nilai galat %(galat)s: ganti dengan nilai yang benar.")
        self._catat(baris, kolom, pesan % {"sel": sel, "galat": nilai})

    def galat_csv(self, baris: int, kolom: int, nilai: str) -> None:
        """An error value written into a .csv: the failed result of a formula in the workbook it was saved from."""
        pesan = _("Sel %(sel)s berisi %(galat)s, hasil rumus yang gagal saat berkas disimpan: perbaiki rumusnya di buku kerja "
                  "aslinya, simpan lagi sebagai CSV, lalu unggah lagi.")  # fmt: skip
        self._catat(baris, kolom, pesan % {"sel": ref_sel(baris, kolom), "galat": nilai})

    def tanpa_hasil(self, baris: int, kolom: int) -> None:
        pesan = _("Sel %(sel)s: rumus tanpa hasil tersimpan: buka berkasnya di Excel atau LibreOffice, simpan ulang, lalu unggah "
                  "lagi, atau ganti rumus dengan nilainya (Salin, lalu Tempel Khusus > Nilai).")  # fmt: skip
        self._catat(baris, kolom, pesan % {"sel": ref_sel(baris, kolom)})

    def tanggal(self, baris: int, kolom: int, isi: str) -> None:
        """A date cell whose value is no date (a number past year 9999, a date LibreOffice wrote out of range)."""
        pesan = _("Sel %(sel)s berformat tanggal, tetapi isinya (%(isi)s) bukan tanggal yang dapat dibaca: ketik ulang "
                  "tanggalnya, atau ubah format selnya menjadi Umum jika isinya bukan tanggal.")  # fmt: skip
        self._catat(baris, kolom, pesan % {"sel": ref_sel(baris, kolom), "isi": isi})

    def sebatas(self, lebar: int) -> None:
        """Keep only the cells within the header's width (once the header row is read)."""
        self.daftar = [g for g in self.daftar if g[1] < lebar]


def ref_sel(baris: int, kolom: int) -> str:
    """(5, 3) -> "D5": a cell's reference as Excel and LibreOffice show it (``kolom`` counts from 0)."""
    return f"{get_column_letter(kolom + 1)}{baris}"


# --------------------------------------------------------------------------- which sheet


def _kunci_nama(nama: str) -> str:
    """A sheet name as compared: case, and runs of spaces (non-breaking ones too), do not matter."""
    return " ".join(nama.split()).casefold()


def cocok_nama_lembar(nama: str, nama_lembar: str | None) -> bool:
    return bool(nama_lembar) and _kunci_nama(nama) == _kunci_nama(nama_lembar)


def lembar_petunjuk(nama: str) -> bool:
    return _kunci_nama(nama) == _kunci_nama(NAMA_PETUNJUK)


def pilih_lembar(daftar: list[tuple[str, bool]], nama_lembar: str | None) -> int:
    """The index in ``daftar`` ((name, visible) of each worksheet, in the workbook's order) of the sheet to read:
    never a hidden one; the visible one named ``nama_lembar``; else the only visible one besides "Petunjuk".
    No such sheet, or several, is refused with the names and what to do."""
    terlihat = [i for i, (_nama, tampak) in enumerate(daftar) if tampak]
    for i in terlihat:
        if cocok_nama_lembar(daftar[i][0], nama_lembar):
            return i
    data = [i for i in terlihat if not lembar_petunjuk(daftar[i][0])]
    if len(data) == 1:
        return data[0]
    if not data:
        pesan = _("Tidak ada lembar yang terlihat berisi data di berkas ini (lembar tersembunyi dan lembar Petunjuk tidak "
                  "diimpor). Tampilkan lembar datanya (klik kanan nama lembar di bawah, lalu Tampilkan), simpan, lalu unggah lagi.")  # fmt: skip
        raise BerkasImporTidakSah(pesan)
    nama = [f'"{daftar[i][0]}"' for i in data]
    if len(nama) > 10:
        nama = nama[:10] + [_("dan %(jumlah)s lainnya") % {"jumlah": angka(len(nama) - 10)}]
    if nama_lembar:
        pesan = _('Berkas ini punya beberapa lembar yang terlihat: %(daftar)s. Taruh datanya di lembar bernama "%(nama)s", '
                  "atau sisakan satu lembar data saja (hapus atau sembunyikan lembar lain), lalu unggah lagi.")  # fmt: skip
    else:
        pesan = _("Berkas ini punya beberapa lembar yang terlihat: %(daftar)s. Sisakan satu lembar data saja (hapus atau "
                  "sembunyikan lembar lain), lalu unggah lagi.")  # fmt: skip
    raise BerkasImporTidakSah(pesan % {"daftar": ", ".join(nama), "nama": nama_lembar})


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
        _("Berkas ini terdiri atas lebih dari %(batas)s bagian; buku kerja biasa hanya belasan. "
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
            _("Berkas ini dimampatkan secara tidak wajar: bagian %(bagian)s %(rasio)s kali lebih besar setelah dibuka "
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
            raise _galat_elemen()
        self.mulai(self._nama.get(nama) or self._lokal(nama), attrs)

    def _selesai(self, nama):
        self.selesai(self._nama.get(nama) or self._lokal(nama))

    def _teks(self, data):
        if self.kumpul:
            self.panjang += len(data)
            if self.panjang > PANJANG_SEL_MAKS:
                raise _galat_panjang_sel()
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


def _galat_elemen() -> BerkasImporTidakSah:
    return BerkasImporTidakSah(
        _("Berkas ini berisi lebih dari %(batas)s unsur XML (sel, baris, teks). Salin hanya datanya ke buku kerja baru, "
          "lalu unggah lagi.") % {"batas": angka(ELEMEN_MAKS)} + " " + _saran_pecah()
    )  # fmt: skip


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

    def __init__(self, nama: str, teks_bersama: list[str], tanggal: set[int], durasi: set[int], epoch):
        super().__init__()
        self.nama = nama
        self.teks_bersama, self.tanggal, self.durasi, self.epoch = teks_bersama, tanggal, durasi, epoch
        self.headers: list[str] | None = None
        self.baris: list[tuple[int, list]] = []
        self.galat = GalatSel()
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
        self._rumus = self._ada_v = False  # the cell has an <f>, a <v>

    # The sheet is most of the file (four callbacks per cell): ``_mulai``/``_selesai`` are the handlers
    # themselves here, with the base's element count, instead of calling ``mulai``/``selesai``.
    def _mulai(self, nama, attrs):
        self._hitung += 1
        if self._hitung > ELEMEN_MAKS:
            raise _galat_elemen()
        nama = self._nama.get(nama) or self._lokal(nama)
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
                self._ada_is = self._rumus = self._ada_v = False
                self.ambil_teks()
        elif self._sel:
            if nama == "v":
                self.kumpul = self._jenis != "inlineStr"
                self._ada_v = True
            elif nama == "f":
                self._rumus = True
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
                raise _galat_baris_lembar()
            self._kolom = self._sel_baris = 0
            self._nilai = [None] * self.lebar
        elif nama == "sheetData":
            self._data = True

    def _selesai(self, nama):
        nama = self._nama.get(nama) or self._lokal(nama)
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
        if jenis == "e":  # #VALUE!, #N/A...: reported, read as blank
            self.galat.galat(self._nomor, self._kolom - 1, teks or "#N/A", rumus=self._rumus)
            return None
        if self._rumus and not teks and not (jenis == "str" and self._ada_v):
            # A formula and no result (openpyxl writes <f>..</f><v/>); a text formula whose result is "" has <v></v>.
            self.galat.tanpa_hasil(self._nomor, self._kolom - 1)
            return None
        if jenis == "inlineStr":
            return teks if self._ada_is else None
        if not teks:
            return None
        if jenis == "n":
            nilai = _angka_sel(teks)
            if self._gaya in self.tanggal:
                try:
                    return from_excel(nilai, self.epoch, timedelta=self._gaya in self.durasi)
                except (OverflowError, ValueError):  # openpyxl reads "#VALUE!" here
                    self.galat.tanggal(self._nomor, self._kolom - 1, teks)
                    return None
            return nilai
        if jenis == "s":
            return self.teks_bersama[int(teks)]
        if jenis == "b":
            return bool(int(teks))
        if jenis == "d":
            return from_ISO8601(teks)
        return teks  # "str" (a formula's text)

    def _simpan_sel(self):
        nilai = self._nilai_sel()
        if nilai is None:
            return
        if self._kolom <= self.lebar:
            self._nilai[self._kolom - 1] = nilai
        elif nilai != "":  # the header row, past KOLOM_MAKS
            raise _judul_terlalu_lebar()

    def _akhir_baris(self):
        nilai, self._nilai = self._nilai, None
        if self.headers is None:
            if self._nomor != 1:
                raise _judul_kosong(self.nama)
            terisi = [i for i, v in enumerate(nilai) if v is not None and v != ""]
            if not terisi:
                raise _judul_kosong(self.nama)
            self.lebar = terisi[-1] + 1
            self.headers = [str(h).strip() if h is not None else "" for h in nilai[: self.lebar]]
            self.galat.sebatas(self.lebar)
            return
        if any(v is not None and v != "" for v in nilai):
            self.baris.append((self._nomor, nilai))
            if len(self.baris) > BARIS_MAKS_IMPOR:
                raise _galat_baris_data()


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

    def ada(self, nama: str) -> bool:
        return nama in self.arsip.NameToInfo

    def urai(self, nama: str, penangan: _Penangan, batas: int = UKURAN_BAGIAN_LAIN_MAKS, pesan_besar: str = ""):
        self.elemen = _urai(_buka_bagian(self.arsip, nama, batas, pesan_besar), penangan, self.elemen)
        return penangan

    def relasi(self, bagian: str) -> _Relasi:
        """The relationships of ``bagian`` ("" for the package's own)."""
        nama = posixpath.join(posixpath.dirname(bagian), "_rels", posixpath.basename(bagian) + ".rels")
        return self.urai(nama, _Relasi()) if self.ada(nama) else _Relasi()


def _pesan_lembar_besar() -> str:
    return _("Lembar kerja di berkas ini terlalu besar: %(ukuran)s MB setelah dibuka (batas %(batas)s MB).") + " " + _saran_pecah()


class _JenisIsi(_Penangan):
    """[Content_Types].xml: the content type of each part named in an ``<Override>``."""

    def __init__(self):
        super().__init__()
        self.jenis: dict[str, str] = {}

    def mulai(self, nama, attrs):
        if nama == "Override":
            self.jenis[attrs.get("PartName", "").lstrip("/")] = attrs.get("ContentType", "")


def _buku_kerja(arsip: _Arsip, hanya_xlsx: bool) -> str:
    """The path of the workbook part of an Office Open XML zip. A zip that is no spreadsheet (a .docx, a
    plain .zip) is refused as such, a binary .xlsb with the advice to save it as .xlsx."""
    buku_path = _jalur("", arsip.relasi("").target("officeDocument") or "xl/workbook.xml")
    jenis = arsip.urai("[Content_Types].xml", _JenisIsi()).jenis.get(buku_path, "") if arsip.ada("[Content_Types].xml") else ""
    if ".binary." in jenis or buku_path.endswith(".bin"):
        raise galat_format_excel_lain(_("biner (.xlsb)"))
    if not arsip.ada(buku_path) or (jenis and "spreadsheetml" not in jenis and "ms-excel" not in jenis):
        raise _bukan_xlsx() if hanya_xlsx else galat_bukan_lembar()
    return buku_path


def _baca(arsip: _Arsip, nama_lembar: str | None, hanya_xlsx: bool = False) -> Lembar:
    buku_path = _buku_kerja(arsip, hanya_xlsx)
    buku = arsip.urai(buku_path, _BukuKerja())
    relasi = arsip.relasi(buku_path)

    lembar_kerja = []  # (name, visible, path) of each worksheet; chartsheets are skipped
    for nama, keadaan, rid in buku.lembar:
        tipe, target = relasi.daftar.get(rid, ("", ""))
        if tipe.endswith("/worksheet"):
            lembar_kerja.append((nama, keadaan.lower() not in ("hidden", "veryhidden"), _jalur(buku_path, target)))
    nama, _tampak, lembar_path = lembar_kerja[pilih_lembar([(n, t) for n, t, _p in lembar_kerja], nama_lembar)]

    gaya = _Gaya()
    if gaya_path := relasi.target("styles"):
        arsip.urai(_jalur(buku_path, gaya_path), gaya)
    tanggal, durasi = gaya.format_tanggal()

    teks = _TeksBersama()
    if teks_path := relasi.target("sharedStrings"):
        pesan = _("Teks di berkas ini terlalu besar: %(ukuran)s MB setelah dibuka (batas %(batas)s MB).") + " " + _saran_pecah()
        arsip.urai(_jalur(buku_path, teks_path), teks, UKURAN_TEKS_BERSAMA_MAKS, pesan)

    isi = arsip.urai(lembar_path, _IsiLembar(nama, teks.daftar, tanggal, durasi, buku.epoch), UKURAN_LEMBAR_MAKS, _pesan_lembar_besar())
    if isi.headers is None:
        raise _judul_kosong(nama)
    return Lembar(nama=nama, headers=isi.headers, baris=isi.baris, format="xlsx", galat_sel=isi.galat.daftar)


# --------------------------------------------------------------------------- recognising the format

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: legacy .xls/.doc, or an encrypted .xlsx/.docx
ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")  # a zip's first record (a CSV may well start with "PKH;")
MIMETYPE_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
_BUKAN_TEKS = (b"%PDF", b"{\\rtf")  # binary formats a NUL check might miss in their first bytes


def galat_bukan_lembar() -> BerkasImporTidakSah:
    return BerkasImporTidakSah(
        _("Berkas ini bukan lembar kerja. Yang dapat diimpor: buku kerja Excel (.xlsx), lembar kerja LibreOffice (.ods), atau CSV (.csv).")
    )


def galat_format_excel_lain(format_: str) -> BerkasImporTidakSah:
    return BerkasImporTidakSah(
        _('Berkas ini buku kerja Excel %(format)s, yang tidak dapat dibaca di sini. Buka berkasnya di Excel atau LibreOffice, '
          'pilih Simpan Sebagai (Save As) dengan jenis "Buku Kerja Excel (.xlsx)" (atau .ods), lalu unggah berkas yang baru itu.')
        % {"format": format_}
    )  # fmt: skip


def galat_kata_sandi() -> BerkasImporTidakSah:
    return BerkasImporTidakSah(
        _('Berkas ini dilindungi kata sandi, jadi isinya tidak dapat dibaca. Hapus kata sandinya: di Excel, File > Info > '
          'Proteksi Buku Kerja (Protect Workbook) > Enkripsi dengan Kata Sandi (Encrypt with Password), kosongkan kata '
          'sandinya, lalu OK; di LibreOffice, Simpan Sebagai dengan "Simpan dengan kata sandi" tidak dicentang. Simpan, '
          "lalu unggah lagi.")
    )  # fmt: skip


def _galat_html() -> BerkasImporTidakSah:
    return BerkasImporTidakSah(
        _('Berkas ini halaman web atau XML, bukan lembar kerja (beberapa aplikasi menamainya .xls). Buka berkasnya di Excel '
          'atau LibreOffice, pilih Simpan Sebagai dengan jenis "Buku Kerja Excel (.xlsx)" (atau .ods), lalu unggah berkas yang baru itu.')
    )  # fmt: skip


def _bukan_xlsx() -> BerkasImporTidakSah:
    return BerkasImporTidakSah(_("Berkas bukan Excel .xlsx. Simpan ulang dari Excel sebagai 'Buku Kerja Excel (.xlsx)'."))


def nama_aliran_ole(data: bytes) -> set[str] | None:
    """The names in the directory of an OLE compound file ([MS-CFB]), or None when it cannot be followed.
    Reads the header, the sectors of the allocation table it needs and the directory chain, each sector at
    most once: bounded by the file's size."""
    if len(data) < 512 or not data.startswith(OLE):
        return None
    geser = struct.unpack_from("<H", data, 0x1E)[0]
    if geser not in (9, 12):
        return None
    ukuran = 1 << geser
    per_sektor = ukuran // 4
    jumlah_sektor = len(data) // ukuran
    jumlah_fat, direktori = struct.unpack_from("<LL", data, 0x2C)  # allocation-table sectors, first directory sector
    difat, jumlah_difat = struct.unpack_from("<LL", data, 0x44)  # the chain listing allocation sectors past 109
    if jumlah_fat > jumlah_sektor:
        return None

    def sektor(nomor: int) -> bytes | None:
        awal = (nomor + 1) * ukuran
        return data[awal : awal + ukuran] if nomor < jumlah_sektor and awal + ukuran <= len(data) else None

    fat = list(struct.unpack_from("<109L", data, 0x4C))
    for _langkah in range(min(jumlah_difat, jumlah_sektor)):  # the rest of the table's sector list
        blok = sektor(difat) if difat < 0xFFFFFFFA else None
        if blok is None:
            break
        *isi, difat = struct.unpack(f"<{per_sektor}L", blok)
        fat += isi
    fat = fat[:jumlah_fat]

    nama, nomor = set(), direktori
    for _langkah in range(jumlah_sektor):
        blok = sektor(nomor) if nomor < 0xFFFFFFFA else None
        if blok is None:
            break
        for awal in range(0, ukuran, 128):  # directory entries: a UTF-16 name, its length in bytes, the type
            panjang, jenis = struct.unpack_from("<HB", blok, awal + 64)
            if jenis in (1, 2) and 2 <= panjang <= 64:
                nama.add(blok[awal : awal + panjang - 2].decode("utf-16-le", "replace"))
        halaman = nomor // per_sektor
        tabel = sektor(fat[halaman]) if halaman < len(fat) and fat[halaman] < 0xFFFFFFFA else None
        if tabel is None:
            break
        nomor = struct.unpack_from("<L", tabel, (nomor % per_sektor) * 4)[0]
    return nama or None


def _galat_ole(data: bytes) -> BerkasImporTidakSah:
    """An OLE compound file: an Office file encrypted with a password (its package in ``EncryptedPackage``), a
    legacy .xls (a ``Workbook`` stream), or another Office file (a .doc)."""
    nama = {n.casefold() for n in nama_aliran_ole(data) or ()}
    if {"encryptedpackage", "encryptioninfo"} & nama:
        return galat_kata_sandi()
    if not nama or {"workbook", "book"} & nama:  # unreadable directory: most likely a spreadsheet still
        return galat_format_excel_lain(_("format lama (.xls)"))
    return galat_bukan_lembar()


def _rusak_menurut(jenis: str | None) -> BerkasImporTidakSah:
    if jenis == "xlsx":
        return _rusak()
    if jenis == "ods":
        return BerkasImporTidakSah(_("Berkas .ods tidak dapat dibaca (rusak atau bukan lembar kerja LibreOffice)."))
    return BerkasImporTidakSah(_("Berkas tidak dapat dibaca: rusak, atau bukan buku kerja .xlsx atau .ods."))


def _baca_zip(data: bytes, nama_lembar: str | None, hanya_xlsx: bool) -> Lembar:
    jenis = "xlsx" if hanya_xlsx else None
    try:
        _periksa_direktori(data)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if len(z.infolist()) > ENTRI_ZIP_MAKS:  # more than the end record said
                raise _galat_entri()
            arsip = _Arsip(z)
            if arsip.ada("mimetype"):  # OpenDocument
                with _buka_bagian(z, "mimetype") as berkas:
                    mimetype = berkas.read(100).strip()
                if hanya_xlsx:
                    raise _bukan_xlsx()
                if mimetype != MIMETYPE_ODS:
                    raise galat_bukan_lembar()
                jenis = "ods"
                from .lembar_ods import baca_ods

                return baca_ods(arsip, nama_lembar)
            jenis = "xlsx"
            return _baca(arsip, nama_lembar, hanya_xlsx)
    except _BerkasRusak as exc:
        raise _rusak_menurut(jenis) from exc
    except BerkasImporTidakSah:
        raise
    # A damaged or foreign zip: bad CRC or header, an encrypted or unknown-method entry, broken XML, a bad number or index.
    except (zipfile.BadZipFile, zlib.error, expat.ExpatError, EOFError, OSError, RuntimeError, NotImplementedError,
            ValueError, IndexError, OverflowError) as exc:  # fmt: skip
        raise _rusak_menurut(jenis) from exc


def baca_lembar(data: bytes, *, nama_lembar: str | None = None) -> Lembar:
    """The sheet to import from an uploaded file's bytes: .xlsx, .ods or .csv, recognised from the bytes.
    Header row (row 1) and the non-blank rows below it, each cut to the header's width, with their row numbers
    as the spreadsheet shows them; error cells in ``galat_sel``. Anything else, or a file past a bound, raises
    ``BerkasImporTidakSah`` with the message for the user."""
    if data.startswith(ZIP):
        return _baca_zip(data, nama_lembar, hanya_xlsx=False)
    if data.startswith(OLE):
        raise _galat_ole(data)
    if data.startswith(_BUKAN_TEKS):
        raise galat_bukan_lembar()
    from .lembar_csv import baca_csv

    return baca_csv(data)


def baca_lembar_xlsx(data: bytes, *, nama_lembar: str | None = None) -> Lembar:
    """``baca_lembar`` for .xlsx only: anything else is "not an .xlsx"."""
    if not data.startswith(ZIP):
        raise _bukan_xlsx()
    return _baca_zip(data, nama_lembar, hanya_xlsx=True)
