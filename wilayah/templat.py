"""The columns of an import as a person reads them, the template to fill in, and the exports that go back in.

One declaration per import: the resource lists its columns as ``Kolom`` (``kolom_impor``) and names its data
sheet (``nama_lembar``). Everything else is derived from that list:

- which columns a file must have (``Kolom.wajib``; ``wilayah.impor.kolom_wajib``) and the example row
  (``KolomImporMixin.contoh_baris``);
- the header translation of every uploaded file (``terjemahkan_judul``, run by ``wilayah.impor.jalankan_impor``):
  a header cell names a column by its human header ("Jenis kelamin") or by its internal key
  ("jenis_kelamin"), in any case, with spaces, non-breaking spaces and "_" alike and a trailing "*"
  (the template's mark of a required column) ignored, so files made before the human headers still import;
- the human header of every key (``judul_kolom``: the messages, the preview);
- the template (``TemplatImpor``): the data sheet first and active, the human headers bold and frozen,
  identifier, phone, code and choice columns formatted as Text and date columns as DD/MM/YYYY, a drop-down
  list on every choice and yes/no column (long lists on a hidden sheet "Daftar"), and a "Petunjuk" sheet
  that explains every column with its example; the data sheet itself holds no example row;
- the exports (``LembarEkspor``): the same human headers, real date cells, identifiers and phones as text,
  numbers as numbers, in a sheet named for the data, so an exported file imports back; ``BukuEkspor`` writes
  several such sheets into one workbook (a diklat's attendance and its evaluation).

Every cell of every workbook written here passes through ``_nilai_sel`` (``wilayah.sel.netralkan_sel``:
no formula in a file the portal sends). Both objects leave the portal through ``wilayah.impor.xlsx_response``.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .lembar import BARIS_MAKS_IMPOR
from .sel import netralkan_sel, tulis_ya_tidak

# --------------------------------------------------------------------------- the column declaration

TEKS = "teks"  # free text
PENGENAL = "pengenal"  # NIK, codes, SK numbers: stored as Text, never a number
TELEPON = "telepon"  # phone numbers: Text (a number cell loses the leading 0)
TANGGAL = "tanggal"  # dates: DD/MM/YYYY
ANGKA = "angka"  # whole numbers (RW, visitors, rupiah)
PILIHAN = "pilihan"  # one value (or, with ``banyak``, several) from a list: a drop-down
YA_TIDAK = "ya_tidak"  # ya / tidak: a drop-down
JENIS_KOLOM = (TEKS, PENGENAL, TELEPON, TANGGAL, ANGKA, PILIHAN, YA_TIDAK)

FORMAT_TEKS = "@"
FORMAT_TANGGAL = "DD/MM/YYYY"
# The cell format of each kind in the template and the exports (None: Excel's "General").
FORMAT_JENIS = {PENGENAL: FORMAT_TEKS, TELEPON: FORMAT_TEKS, PILIHAN: FORMAT_TEKS, YA_TIDAK: FORMAT_TEKS, TANGGAL: FORMAT_TANGGAL}
LEBAR_JENIS = {TEKS: 24, PENGENAL: 20, TELEPON: 17, TANGGAL: 13, ANGKA: 11, PILIHAN: 16, YA_TIDAK: 10}
LEBAR_MAKS = 45

TANDA_WAJIB = "*"
NAMA_PETUNJUK = "Petunjuk"
NAMA_DAFTAR = "Daftar"
BARIS_TEMPLAT = 2000  # data rows of the template whose cells carry their column's format (the columns carry it too)
PILIHAN_DI_PETUNJUK = 30  # values of a list spelled out in the Petunjuk sheet; the drop-down has them all
PANJANG_RUMUS_DAFTAR = 255  # Excel's limit on a list written into the validation itself


@dataclass(frozen=True)
class Kolom:
    """One column of an import (and of its export).

    ``kunci``: the internal key the resource reads (``row["jenis_kelamin"]``); ``judul``: the header as a person
    says it ("Jenis kelamin"); ``wajib``: a file without this column is refused (a blank cell is the
    resource's question); ``jenis``: one of ``JENIS_KOLOM``; ``pilihan``: the values of a choice column, as a
    tuple, a ``TextChoices`` class (its labels) or a callable taking the user (the kelurahan of their area...);
    ``banyak``: several values in one cell, separated by commas; ``petunjuk``: what to write, for the Petunjuk
    sheet and the drop-down's prompt; ``contoh``: the example value (Petunjuk sheet, ``contoh_baris``)."""

    kunci: str
    judul: str
    wajib: bool = False
    jenis: str = TEKS
    pilihan: tuple | type | Callable | None = None
    banyak: bool = False
    petunjuk: str = ""
    contoh: object = ""
    lebar: int | None = None

    def __post_init__(self):
        if self.jenis not in JENIS_KOLOM:
            raise ValueError(f"Jenis kolom tidak dikenal: {self.jenis!r} ({self.kunci})")

    def daftar_pilihan(self, user=None) -> list[str]:
        """The values the drop-down offers (empty for a column without a list)."""
        if self.jenis == YA_TIDAK:
            return ["ya", "tidak"]
        pilihan = self.pilihan
        if pilihan is None:
            return []
        if hasattr(pilihan, "choices"):  # a TextChoices class (callable too: test this first)
            return [str(label) for _nilai, label in pilihan.choices]
        if callable(pilihan):
            pilihan = pilihan(user)
        return [str(p) for p in pilihan]

    @property
    def judul_templat(self) -> str:
        """The header in the template: a required column marked with "*"."""
        return f"{self.judul} {TANDA_WAJIB}" if self.wajib else str(self.judul)


def kolom_dari(resource) -> tuple[Kolom, ...]:
    """The columns a resource declares (``kolom_impor``). A resource without the declaration gets its import
    fields as text columns headed by their keys, required unless in ``kolom_opsional``."""
    kolom = getattr(resource, "kolom_impor", None)
    if kolom:
        return tuple(kolom)
    opsional = set(getattr(resource, "kolom_opsional", ()))
    return tuple(
        Kolom(kunci=f.column_name, judul=f.column_name, wajib=f.column_name not in opsional) for f in resource.get_import_fields()
    )


def nama_lembar(resource) -> str:
    """The name of the resource's data sheet ("Data KPM"), in the template and the export."""
    return str(getattr(resource, "nama_lembar", "") or _("Data"))


def judul_kolom(resource_atau_kolom) -> dict[str, str]:
    """{internal key: human header} of a resource's (or a list of ``Kolom``'s) columns, e.g. for the preview."""
    kolom = resource_atau_kolom if isinstance(resource_atau_kolom, list | tuple) else kolom_dari(resource_atau_kolom)
    return {k.kunci: str(k.judul) for k in kolom}


class _PadaKelasAtauObjek:
    """A method that reads the object's attributes when called on one, the class's when called on it
    (a resource whose columns depend on what it imports into sets ``kolom_impor`` per object)."""

    def __init__(self, fungsi):
        self.fungsi = fungsi

    def __get__(self, obj, kelas):
        return functools.partial(self.fungsi, kelas if obj is None else obj)


class KolomImporMixin:
    """On an import resource: its data sheet's name and its one column declaration; the example row follows."""

    nama_lembar: str = ""
    kolom_impor: tuple[Kolom, ...] = ()

    @_PadaKelasAtauObjek
    def contoh_baris(self) -> dict:
        """The Petunjuk sheet's examples as one row {key: value} (valid in the test world; never in the template's data sheet)."""
        return {k.kunci: k.contoh for k in self.kolom_impor}


def label_pilihan(nilai, choices) -> str:
    """A TextChoices value as its label (what the template's drop-down offers and the import reads back)."""
    return str(dict(choices.choices).get(nilai, nilai or ""))


# --------------------------------------------------------------------------- choices that depend on the user


def pilihan_kode_kelurahan(user) -> list[str]:
    """The Kemendagri codes of the kelurahan in the user's area."""
    from .models import Kelurahan

    return list(Kelurahan.objects.for_user(user).order_by("kode").values_list("kode", flat=True))


def pilihan_nama_kelurahan(user) -> list[str]:
    """The names of the kelurahan in the user's area."""
    from .models import Kelurahan

    return list(Kelurahan.objects.for_user(user).order_by("nama").values_list("nama", flat=True))


# --------------------------------------------------------------------------- reading headers


def normalkan_judul(teks) -> str:
    """A header cell as it is compared: case folded, spaces (non-breaking ones too) and "_" collapsed into one
    space, a trailing "*" (required mark) dropped. "Jenis  Kelamin *", "jenis_kelamin" and "JENIS KELAMIN"
    are all "jenis kelamin"."""
    teks = "" if teks is None else str(teks)
    teks = " ".join(teks.replace("_", " ").split())
    while teks.endswith(TANDA_WAJIB):
        teks = teks[:-1].rstrip()
    return teks.casefold()


def peta_judul(kolom: Sequence[Kolom]) -> dict[str, str]:
    """{normalised header or key: key} for every column (both spellings of each)."""
    peta: dict[str, str] = {}
    for k in kolom:
        for ejaan in (k.kunci, k.judul):
            peta.setdefault(normalkan_judul(ejaan), k.kunci)
    return peta


def terjemahkan_judul(kolom: Sequence[Kolom], headers: Sequence) -> tuple[list[str], list[str]]:
    """The file's header row as internal keys, and the file's errors (a column given twice).

    A header that names no column stays as it is (the resource ignores it)."""
    peta = peta_judul(kolom)
    judul = judul_kolom(kolom)
    hasil: list[str] = []
    posisi: dict[str, list[int]] = {}
    for i, header in enumerate(headers or ()):
        kunci = peta.get(normalkan_judul(header))
        if kunci is None:
            hasil.append("" if header is None else str(header))
            continue
        posisi.setdefault(kunci, []).append(i)
        hasil.append(kunci)
    galat = [
        _("Kolom '%(judul)s' ada %(n)d kali di baris 1 (kolom %(huruf)s); hapus yang tidak dipakai, lalu unggah lagi.")
        % {"judul": judul[kunci], "n": len(indeks), "huruf": ", ".join(get_column_letter(i + 1) for i in indeks)}
        for kunci, indeks in posisi.items()
        if len(indeks) > 1
    ]
    return hasil, galat


# --------------------------------------------------------------------------- writing cells (one door)


def _nilai_sel(nilai):
    """Every value written into a workbook here: neutralised (``netralkan_sel``), characters XML cannot hold
    dropped, a bool as ya/tidak."""
    if isinstance(nilai, bool):
        return tulis_ya_tidak(nilai)
    nilai = netralkan_sel(nilai)
    if isinstance(nilai, str):
        nilai = ILLEGAL_CHARACTERS_RE.sub("", nilai)
    return nilai


def _lebar(k: Kolom, isi: Iterable = ()) -> float:
    lebar = k.lebar or max(LEBAR_JENIS[k.jenis], len(str(k.judul)) + 4, *(len(str(v)) + 2 for v in isi))
    return min(lebar, LEBAR_MAKS)


HURUF_JUDUL = Font(bold=True)
ISI_JUDUL = PatternFill("solid", fgColor="DDEBF7")


def _tulis_judul(sel) -> None:
    sel.font = HURUF_JUDUL
    sel.fill = ISI_JUDUL
    sel.alignment = Alignment(vertical="center", wrap_text=True)


def _simpan(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- the template


@dataclass
class TemplatImpor:
    """The workbook a person fills in for one import; ``ke_xlsx()`` writes it."""

    resource: object
    user: object = None

    def ke_xlsx(self) -> bytes:
        kolom = kolom_dari(self.resource)
        nama = nama_lembar(self.resource)
        wb = Workbook()
        ws = wb.active
        ws.title = nama
        petunjuk = wb.create_sheet(NAMA_PETUNJUK)
        daftar = None
        pilihan = {k.kunci: k.daftar_pilihan(self.user) for k in kolom}

        ws.freeze_panes = "A2"
        ws.row_dimensions[1].height = 30
        for i, k in enumerate(kolom, start=1):
            huruf = get_column_letter(i)
            _tulis_judul(ws.cell(row=1, column=i, value=_nilai_sel(k.judul_templat)))
            ws.column_dimensions[huruf].width = _lebar(k, pilihan[k.kunci] if len(pilihan[k.kunci]) <= PILIHAN_DI_PETUNJUK else ())
            format_sel = FORMAT_JENIS.get(k.jenis)
            if format_sel:
                ws.column_dimensions[huruf].number_format = format_sel  # rows past BARIS_TEMPLAT too
                for baris in range(2, BARIS_TEMPLAT + 2):
                    ws.cell(row=baris, column=i).number_format = format_sel
            if pilihan[k.kunci]:
                rumus = _rumus_daftar(pilihan[k.kunci])
                if rumus is None:
                    if daftar is None:
                        daftar = wb.create_sheet(NAMA_DAFTAR)
                        daftar.sheet_state = "hidden"
                    rumus = _tulis_daftar(daftar, k, pilihan[k.kunci])
                ws.add_data_validation(_validasi(k, rumus, f"{huruf}2:{huruf}{BARIS_MAKS_IMPOR + 1}"))
        _tulis_petunjuk(petunjuk, nama, kolom, pilihan)
        wb.active = 0
        return _simpan(wb)


def _rumus_daftar(nilai: list[str]) -> str | None:
    """The list written into the validation ("L,P"), or None when it cannot be (a comma or quote in a value,
    past Excel's 255 characters): then it goes to the hidden sheet."""
    nilai = [_nilai_sel(v) for v in nilai]
    if any("," in v or '"' in v for v in nilai):
        return None
    rumus = '"' + ",".join(nilai) + '"'
    return rumus if len(rumus) <= PANJANG_RUMUS_DAFTAR else None


def _tulis_daftar(daftar, k: Kolom, nilai: list[str]) -> str:
    """The list in the next column of the hidden sheet (its header in row 1); the range the validation refers to."""
    kolom = (daftar.max_column + 1) if daftar.max_row > 1 or daftar["A1"].value is not None else 1
    daftar.cell(row=1, column=kolom, value=_nilai_sel(k.judul))
    for baris, v in enumerate(nilai, start=2):
        daftar.cell(row=baris, column=kolom, value=_nilai_sel(v))
    huruf = get_column_letter(kolom)
    return f"{quote_sheetname(daftar.title)}!${huruf}$2:${huruf}${len(nilai) + 1}"


def _validasi(k: Kolom, rumus: str, rentang: str) -> DataValidation:
    petunjuk = str(k.petunjuk) or _("Pilih dari daftar.")
    if k.banyak:
        petunjuk = f"{petunjuk} {_('Boleh lebih dari satu, pisahkan dengan koma.')}"
    dv = DataValidation(
        type="list",
        formula1=rumus,
        allow_blank=True,
        showInputMessage=True,
        promptTitle=str(k.judul)[:32],
        prompt=petunjuk[:255],
        # Several values in one cell are not in the list: no complaint then. Otherwise a warning that lets the
        # user keep what they typed: the import is the check (it reads "Perempuan" for P, too).
        showErrorMessage=not k.banyak,
        errorStyle="warning",
        errorTitle=str(k.judul)[:32],
        error=_("Nilai ini tidak ada di daftar pilihan kolom %(judul)s. Pilih dari panah daftar di sel.") % {"judul": k.judul},
    )
    dv.add(rentang)
    return dv


def _penjelasan(k: Kolom, pilihan: list[str]) -> str:
    bagian = [str(k.petunjuk)] if k.petunjuk else []
    if k.jenis == TANGGAL:
        bagian.append(_("Tanggal (hari/bulan/tahun), seperti 26/05/2025 atau 26 Mei 2025."))
    elif k.jenis == PENGENAL:
        bagian.append(_("Kolom berformat Teks: ketik apa adanya, angka 0 di depan tetap."))
    elif k.jenis == TELEPON:
        bagian.append(_("Seperti 081234567890 atau +62 812-3456-7890 (kolom berformat Teks)."))
    elif k.jenis == ANGKA:
        bagian.append(_("Bilangan bulat, seperti 1250 atau 1.250."))
    elif k.jenis == YA_TIDAK:
        bagian.append(_("Isi ya atau tidak; kosong berarti tidak."))
    elif k.jenis == TEKS and not bagian:
        bagian.append(_("Teks bebas."))
    if k.jenis == PILIHAN and pilihan:
        daftar = ", ".join(pilihan[:PILIHAN_DI_PETUNJUK])
        if len(pilihan) > PILIHAN_DI_PETUNJUK:
            daftar += " " + _("(dan %(n)d lainnya; lihat panah daftar di sel)") % {"n": len(pilihan) - PILIHAN_DI_PETUNJUK}
        bagian.append(_("Pilihan: %(daftar)s.") % {"daftar": daftar})
        if k.banyak:
            bagian.append(_("Boleh lebih dari satu, pisahkan dengan koma."))
    return " ".join(bagian)


def _tulis_petunjuk(ws, nama: str, kolom: Sequence[Kolom], pilihan: dict[str, list[str]]) -> None:
    ws.cell(row=1, column=1, value=_nilai_sel(_("Petunjuk pengisian: %(nama)s") % {"nama": nama})).font = Font(bold=True, size=14)
    langkah = [
        _("1. Isi data di lembar '%(nama)s', mulai baris 2: satu baris untuk satu data. Jangan ubah atau hapus baris 1 (judul kolom).")
        % {"nama": nama},
        _("2. Kolom bertanda * wajib ada dan diisi; kolom lain boleh dikosongkan. Urutan kolom boleh diubah."),
        _("3. Kolom NIK, nomor telepon dan kode sudah berformat Teks. Jika menempel dari berkas lain, pakai Tempel Khusus > Nilai saja, "
          "atau ketik tanda petik (') di depan angka, agar angka 0 di depan dan digit NIK tidak hilang."),
        _("4. Tanggal ditulis hari/bulan/tahun, seperti 26/05/2025 atau 26 Mei 2025."),
        _("5. Kolom dengan daftar pilihan: klik sel, lalu pilih dari panah daftar."),
        _("6. Simpan sebagai Buku Kerja Excel (.xlsx), lalu unggah di halaman impor portal. Semua baris diperiksa dulu; "
          "tidak ada yang disimpan sebelum Anda menekan Simpan."),
        _("7. Lembar Petunjuk ini tidak ikut diimpor: contoh di tabel bawah hanya penjelasan."),
    ]
    for baris, teks in enumerate(langkah, start=3):
        ws.cell(row=baris, column=1, value=_nilai_sel(teks))
    awal = 3 + len(langkah) + 1
    for i, teks in enumerate((_("Kolom"), _("Wajib?"), _("Penjelasan"), _("Contoh")), start=1):
        _tulis_judul(ws.cell(row=awal, column=i, value=_nilai_sel(teks)))
    rata_atas = Alignment(vertical="top", wrap_text=True)
    for baris, k in enumerate(kolom, start=awal + 1):
        contoh = "" if k.contoh is None else str(k.contoh)
        isi = (k.judul_templat, _("Ya") if k.wajib else _("Tidak"), _penjelasan(k, pilihan[k.kunci]), contoh)
        for i, nilai in enumerate(isi, start=1):
            sel = ws.cell(row=baris, column=i, value=_nilai_sel(nilai))
            sel.alignment = rata_atas
        ws.cell(row=baris, column=4).number_format = FORMAT_TEKS
    for huruf, lebar in zip("ABCD", (32, 9, 80, 28), strict=True):
        ws.column_dimensions[huruf].width = lebar


# --------------------------------------------------------------------------- exports


@dataclass
class LembarEkspor:
    """An export: one sheet named ``nama``, the human headers of ``kolom``, one list of values per row in
    ``kolom``'s order. Values: dates as ``datetime.date`` (a date cell DD/MM/YYYY), numbers as numbers,
    NIK/phone/codes as text in a Text-formatted column, a bool as ya/tidak. ``ke_xlsx()`` writes it
    (streaming: 10,000 rows take a fixed, small memory)."""

    nama: str
    kolom: Sequence[Kolom]
    baris: list[list] = field(default_factory=list)

    def append(self, nilai: Sequence) -> None:
        if len(nilai) != len(self.kolom):
            raise ValueError(f"Baris ekspor berisi {len(nilai)} nilai untuk {len(self.kolom)} kolom")
        self.baris.append(list(nilai))

    @property
    def headers(self) -> list[str]:
        return [str(k.judul) for k in self.kolom]

    def ke_xlsx(self) -> bytes:
        wb = Workbook(write_only=True)
        self.tulis_ke(wb)
        return _simpan(wb)

    def tulis_ke(self, wb: Workbook) -> None:
        """Write this sheet into ``wb`` (a write-only workbook), after the sheets already there."""
        ws = wb.create_sheet(title=self.nama)
        ws.freeze_panes = "A2"
        format_kolom = [FORMAT_JENIS.get(k.jenis) for k in self.kolom]
        for i, k in enumerate(self.kolom, start=1):
            ws.column_dimensions[get_column_letter(i)].width = _lebar(k)
        judul = []
        for k in self.kolom:
            sel = WriteOnlyCell(ws, value=_nilai_sel(k.judul))
            _tulis_judul(sel)
            judul.append(sel)
        ws.append(judul)
        for nilai_baris in self.baris:
            baris = []
            for nilai, format_sel in zip(nilai_baris, format_kolom, strict=True):
                nilai = _nilai_sel(nilai)
                if nilai is None or nilai == "":
                    baris.append(None)
                    continue
                if isinstance(nilai, dt.datetime):
                    nilai = nilai.date()
                if isinstance(nilai, dt.date):
                    format_sel = FORMAT_TANGGAL
                elif not isinstance(nilai, str) and format_sel == FORMAT_TEKS:
                    nilai = str(nilai)  # a number in a text column (a code) is written as the text it is
                if format_sel is None:
                    baris.append(nilai)
                else:
                    sel = WriteOnlyCell(ws, value=nilai)
                    sel.number_format = format_sel
                    baris.append(sel)
            ws.append(baris)


@dataclass
class BukuEkspor:
    """An export of several sheets (``LembarEkspor``, in order; the first is active), written as each
    would be alone: the same headers, formats and neutralised cells. Sent by ``wilayah.impor.xlsx_response``."""

    lembar: list[LembarEkspor]

    def ke_xlsx(self) -> bytes:
        nama = [lb.nama for lb in self.lembar]
        if not nama or len(set(nama)) != len(nama):
            raise ValueError(f"Nama lembar harus ada dan berbeda: {nama}")
        wb = Workbook(write_only=True)
        for lembar in self.lembar:
            lembar.tulis_ke(wb)
        return _simpan(wb)


class EksporKolomMixin:
    """On a resource: ``ekspor_lembar(queryset)``, its rows as a ``LembarEkspor`` in its declared columns.
    A column's value is its ``dehydrate_<field>`` when the resource has one, else the model value as it is
    (a date stays a date, a number a number, a bool becomes ya/tidak)."""

    def ekspor_lembar(self, queryset) -> LembarEkspor:
        kolom = kolom_dari(self)
        per_kolom = {f.column_name: (nama, f) for nama, f in self.fields.items()}
        pengambil = []
        for k in kolom:
            nama, f = per_kolom[k.kunci]
            dehidrasi = getattr(self, f"dehydrate_{nama}", None)
            pengambil.append(dehidrasi if dehidrasi is not None else f.get_value)
        lembar = LembarEkspor(nama_lembar(self), kolom)
        for obj in self.iter_queryset(queryset):  # django-import-export's: in chunks, prefetches kept
            lembar.append([ambil(obj) for ambil in pengambil])
        return lembar
