"""Excel import with a preview, shared by every programme.

One URL, three steps:
1. upload an .xlsx, .ods or .csv (``baca_berkas``: the template's data sheet or the only visible one;
   anything else, or a file past the bounds of ``wilayah.lembar``, is refused with a message; at most
   ``BARIS_MAKS_IMPOR`` rows; a cell holding an error value or a formula without a saved result is an
   error of its row and column, and such a file is only checked, never written);
2. dry run: every row is checked and every error shown (Excel row number, column, message);
   nothing is written;
3. confirm: the same file is imported in one transaction, all or nothing.

Files above ``BARIS_LATAR`` rows are checked and saved by a Celery task (``wilayah.tasks.impor_latar``,
eager without a broker) on an ``ImporLatar`` job while the page shows a progress bar.

Imports can be repeated (``ImporUlangMixin``): a row whose natural key matches a stored row updates it,
or is skipped when nothing differs; the preview counts and marks each row "baru", "diperbarui" or
"dilewati" (``HasilPemeriksaan.jenis_baris``), so a file uploaded twice changes nothing the second time.

Subclass ``ImporExcelView`` with ``model``, ``resource_class`` (a django-import-export
``ModelResource`` whose ``__init__`` takes ``user=``), ``judul`` and ``success_url``.
The resource scopes every row to the user and raises ``ValidationError({"kolom": "pesan"})``
for bad rows. It declares its columns once (``wilayah.templat``: ``nama_lembar``, ``kolom_impor``, a list of
``Kolom`` with the human header, whether the column is required, its kind and example): a file's header row
is translated to the internal keys before anything else (human headers and the old keys both read), a
missing required column and every row error are named by the human header. Optional:
``periksa_berkas(dataset)``, a check of the whole file before any row (its ValidationError refuses the file);
``impor_cepat(dataset, hasil, *, dry_run)``, the resource checks (and, unless ``dry_run``, writes) the whole
file itself instead of django-import-export's per-row machinery, filling the same ``HasilPemeriksaan``
(rows by ``nomor_baris_excel``, columns by key, which ``jalankan_impor`` turns into the human header;
progress through ``resource.kemajuan``; the cadre import: 10,000 rows in about 3x a plain ``bulk_create``);
the transaction and the all-or-nothing rollback stay in ``jalankan_impor``.

Every spreadsheet the portal sends (exports, templates) goes through ``xlsx_response``, which neutralises
cells a spreadsheet would evaluate (``wilayah.sel.netralkan_sel``).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from pathlib import Path

import tablib
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from import_export.formats.base_formats import XLSX
from import_export.results import RowResult

from .access import ScopedViewMixin
from .berkas import validasi_ukuran
from .daftar import id_dari
from .lembar import BerkasImporTidakSah, baca_lembar
from .nik import simpan_catatan_tertunda
from .periode import tanggal_id
from .sel import netralkan_sel
from .templat import BukuEkspor, LembarEkspor, TemplatImpor, judul_kolom, kolom_dari, terjemahkan_judul

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UKURAN_MAKS_IMPOR = 20 * 1024 * 1024
BARIS_CONTOH_PRATINJAU = 20


class FormUnggahExcel(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas lembar kerja"),
        help_text=gettext_lazy("Excel (.xlsx), LibreOffice Calc (.ods) atau CSV, paling besar 20 MB."),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        validasi_ukuran(berkas, UKURAN_MAKS_IMPOR)
        return berkas


# Between preview and confirm the parsed rows wait on disk as JSON (types tagged), so the
# confirm does not parse the workbook again.
def _ke_json(nilai):
    if isinstance(nilai, dt.datetime):
        return {"__datetime__": nilai.isoformat()}
    if isinstance(nilai, dt.date):
        return {"__date__": nilai.isoformat()}
    if isinstance(nilai, dt.time):
        return {"__time__": nilai.isoformat()}
    if isinstance(nilai, Decimal):
        return {"__decimal__": str(nilai)}
    raise TypeError(f"Nilai sel tidak dikenal: {type(nilai).__name__}")


def _dari_json(obj):
    if len(obj) == 1:
        [(kunci, nilai)] = obj.items()
        pembaca = {"__datetime__": dt.datetime.fromisoformat, "__date__": dt.date.fromisoformat, "__time__": dt.time.fromisoformat, "__decimal__": Decimal}
        if kunci in pembaca:
            return pembaca[kunci](nilai)
    return obj


def berkas_ke_bytes(berkas: "BerkasTerbaca") -> bytes:
    return json.dumps(
        {
            "headers": berkas.dataset.headers,
            "rows": [list(r) for r in berkas.dataset],
            "nomor_baris": berkas.nomor_baris,
            "lembar": berkas.lembar,
            "format": berkas.format,
            "galat_sel": berkas.galat_sel,
        },
        default=_ke_json,
    ).encode()


def berkas_dari_bytes(data: bytes) -> "BerkasTerbaca":
    isi = json.loads(data, object_hook=_dari_json)
    dataset = tablib.Dataset(*[tuple(r) for r in isi["rows"]], headers=isi["headers"])
    nomor = isi.get("nomor_baris") or list(range(2, len(dataset) + 2))
    return BerkasTerbaca(
        dataset=dataset,
        nomor_baris=nomor,
        lembar=isi.get("lembar", ""),
        format=isi.get("format", "xlsx"),
        galat_sel=[tuple(g) for g in isi.get("galat_sel", [])],
    )


def kolom_wajib(resource) -> list[str]:
    """The human headers of the columns a file must have (declared in ``resource.kolom_impor``)."""
    return [str(k.judul) for k in kolom_dari(resource) if k.wajib]


def galat_ke_kolom(exc: ValidationError, peta: dict[str, str]) -> dict:
    """A model's or service's ValidationError keyed by the file's column names (``peta``: field -> column)."""
    if not hasattr(exc, "error_dict"):
        return {NON_FIELD_ERRORS: exc.messages}
    return {peta.get(k, k): v for k, v in exc.message_dict.items()}


class LayananResourceMixin:
    """An import whose rows are written by the app's service, the same door as the forms.

    ``simpan_baris(instance)`` calls the service (scope, ``full_clean``, the multi-row rules, locks,
    history with the importing user). It runs in ``validate_instance``, so a refusal is reported by
    row and column like every other check and the row leaves nothing behind (the service's own
    transaction); ``do_instance_save`` has nothing left to do. Rows of one file are written in
    order, so the rules see the earlier rows; the preview rolls the whole file back.
    ``kolom_untuk_field`` maps model fields to the file's column names for the messages.
    """

    kolom_untuk_field: dict[str, str] = {}

    def simpan_baris(self, instance):
        raise NotImplementedError

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = galat_ke_kolom(ValidationError(import_validation_errors), self.kolom_untuk_field) if import_validation_errors else {}
        if not errors:
            try:
                self.simpan_baris(instance)
            except ValidationError as exc:
                errors = galat_ke_kolom(exc, self.kolom_untuk_field)
            except PermissionDenied:
                errors = {NON_FIELD_ERRORS: [_("Baris ini di luar wilayah kerja Anda atau tidak boleh Anda ubah.")]}
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        """Written by ``simpan_baris`` already."""


class ImporUlangMixin:
    """A repeatable import (with ``LayananResourceMixin``): every row has a natural key.

    After a row's cells are read (``skip_row``, before the service writes):
    - the same key twice in one file is an error on the later row that names the earlier one;
    - a key matching one stored row in the user's scope takes that row over: the row updates it
      (through the service, so with its rules and history) or is skipped when nothing differs; a
      column the file leaves out keeps the stored values, and so does an empty cell of
      ``tetap_bila_kosong`` (identifiers: erasing them would make the next upload miss the row);
    - a key matching several stored rows, or a match ``cocok`` cannot decide, is refused.

    A subclass gives ``kelompok_kunci(instance)`` (hashable groups; a row is compared with the earlier
    rows sharing one; empty: the row has no key, its own errors say why), ``kandidat_tersimpan(instance)``
    (the stored rows that may match, in the user's scope), ``cocok(a, b)`` (True, False, or None when
    the data cannot tell: refused) and the messages ``uraian_kunci`` and ``pesan_ragu``. Set
    ``Meta.force_init_instance`` and ``Meta.report_skipped`` (the preview marks every row).
    """

    tetap_bila_kosong: dict[str, tuple[str, ...]] = {}
    uraian_kunci = gettext_lazy("kunci yang sama")

    def kelompok_kunci(self, instance) -> tuple:
        raise NotImplementedError

    def kandidat_tersimpan(self, instance) -> list:
        raise NotImplementedError

    def cocok(self, instance, lain) -> bool | None:
        return True

    def siapkan_banding(self, instance) -> None:
        """Fill what the service derives (a default end date, a normalised key) before comparing."""

    def pesan_ragu(self, lain, *, baris: int | None = None) -> str:
        raise NotImplementedError

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._terlihat: dict = {}  # group -> [(instance, Excel row)] of the file's earlier rows

    def import_row(self, row, instance_loader, **kwargs):
        self._baris_excel = nomor_baris_excel(kwargs.get("row_number") or 0, self)
        self._ambil_alih = False
        row_result = super().import_row(row, instance_loader, **kwargs)
        if self._ambil_alih and row_result.import_type == RowResult.IMPORT_TYPE_NEW:
            row_result.import_type = RowResult.IMPORT_TYPE_UPDATE
        return row_result

    def skip_row(self, instance, original, row, import_validation_errors=None):
        galat = []
        kelompok = self.kelompok_kunci(instance)
        if kelompok:
            self.siapkan_banding(instance)
            galat = self._periksa_berkas_sendiri(instance, kelompok)
        if galat:
            errors = dict(import_validation_errors or {})
            errors[NON_FIELD_ERRORS] = [*errors.get(NON_FIELD_ERRORS, []), *galat]
            raise ValidationError(galat_ke_kolom(ValidationError(errors), getattr(self, "kolom_untuk_field", {})))
        if not kelompok or import_validation_errors:
            return False  # the row's own errors are reported by ``validate_instance``
        tersimpan = self._cari_tersimpan(instance)
        if tersimpan is None:
            return False
        self._ambil_alih = True
        self._ambil_dari(instance, tersimpan, row)
        self.siapkan_banding(instance)
        return not _berbeda(instance, tersimpan)

    def _periksa_berkas_sendiri(self, instance, kelompok) -> list[str]:
        """The same key in an earlier row of the file: an error naming that row. Records this row."""
        galat = []
        dilihat = set()
        for k in kelompok:
            for lain, baris in self._terlihat.get(k, ()):
                if id(lain) in dilihat:
                    continue
                dilihat.add(id(lain))
                sama = self.cocok(instance, lain)
                if sama:
                    galat.append(
                        _("Baris ini sama dengan baris %(baris)d (%(kunci)s): setiap data hanya boleh ada satu baris; hapus atau gabungkan salah satunya.")
                        % {"baris": baris, "kunci": self.uraian_kunci}
                    )
                elif sama is None:
                    galat.append(self.pesan_ragu(lain, baris=baris))
        if not galat:
            for k in kelompok:
                self._terlihat.setdefault(k, []).append((instance, self._baris_excel))
        return galat

    def _cari_tersimpan(self, instance):
        cocok, ragu = [], []
        for lain in self.kandidat_tersimpan(instance):
            sama = self.cocok(instance, lain)
            if sama:
                cocok.append(lain)
            elif sama is None:
                ragu.append(lain)
        if ragu:
            raise ValidationError({NON_FIELD_ERRORS: [self.pesan_ragu(lain) for lain in ragu]})
        if len(cocok) > 1:
            raise ValidationError({NON_FIELD_ERRORS: _(
                "Ada %(n)d data tersimpan dengan %(kunci)s seperti baris ini (mungkin dari impor ganda sebelumnya), "
                "sehingga tidak jelas mana yang diperbarui. Hapus data yang ganda lewat daftarnya, lalu unggah lagi."
            ) % {"n": len(cocok), "kunci": self.uraian_kunci}})
        return cocok[0] if cocok else None

    def _ambil_dari(self, instance, tersimpan, row) -> None:
        """Make ``instance`` the update of ``tersimpan``: its primary key, and the stored values of what the file does not give."""
        diisi = {f.attribute for f in self.get_import_fields() if f.attribute and f.column_name in row}
        for attr, pendamping in self.tetap_bila_kosong.items():
            if attr in diisi and getattr(instance, attr) in ("", None) and getattr(tersimpan, attr) not in ("", None):
                diisi -= {attr, *pendamping}
        for f in type(instance)._meta.concrete_fields:
            if not f.primary_key and f.name not in diisi:
                setattr(instance, f.attname, getattr(tersimpan, f.attname))
        instance.pk = tersimpan.pk
        instance._state.adding = False
        instance._state.db = tersimpan._state.db


def _berbeda(instance, tersimpan) -> bool:
    for f in type(instance)._meta.concrete_fields:
        a, b = getattr(instance, f.attname), getattr(tersimpan, f.attname)
        try:
            a, b = f.to_python(a), f.to_python(b)
        except ValidationError:
            return True
        if a != b:
            return True
    return False


@dataclass
class GalatBaris:
    baris: int  # the row number as Excel shows it (header is row 1)
    kolom: str  # the column's human header ("Jenis kelamin"), as the template and the export write it
    pesan: str
    kunci: str = ""  # the column's internal key ("jenis_kelamin"); "" for an error of the whole row


# What a row does, as ``HasilPemeriksaan.jenis_baris`` names it (a fast path filling it uses these too).
BARU, DIPERBARUI, DILEWATI, BERGALAT = "baru", "diperbarui", "dilewati", "galat"
_JENIS_DARI_IMPORT_TYPE = {
    RowResult.IMPORT_TYPE_NEW: BARU,
    RowResult.IMPORT_TYPE_UPDATE: DIPERBARUI,
    RowResult.IMPORT_TYPE_SKIP: DILEWATI,
}
LABEL_JENIS_BARIS = {BARU: gettext_lazy("Baru"), DIPERBARUI: gettext_lazy("Diperbarui"), DILEWATI: gettext_lazy("Dilewati"), BERGALAT: gettext_lazy("Salah")}


def nomor_baris_excel(nomor_data: int, resource=None) -> int:
    """The row Excel shows for the ``nomor_data``-th data row (1-based, as django-import-export counts):
    the one place errors and messages turn a data row into the user's row. From the reader's numbers
    (``resource.nomor_baris``, set by ``jalankan_impor``: blank rows skipped keep their numbers) when the
    import has them, else ``nomor_data + 1`` (the header is row 1)."""
    daftar = getattr(resource, "nomor_baris", None)
    if daftar and 1 <= nomor_data <= len(daftar):
        return daftar[nomor_data - 1]
    return nomor_data + 1


@dataclass
class HasilPemeriksaan:
    jumlah_baris: int = 0
    baru: int = 0
    diperbarui: int = 0
    dilewati: int = 0  # rows equal to what is stored: nothing to write
    # One per data row, in order: BARU, DIPERBARUI or DILEWATI (BERGALAT for a refused row). Empty when the
    # resource does not report skipped rows (``Meta.report_skipped``): the counts are right, the positions unknown.
    jenis_baris: list[str] = field(default_factory=list)
    galat: list[GalatBaris] = field(default_factory=list)
    galat_berkas: list[str] = field(default_factory=list)

    @property
    def ada_galat(self) -> bool:
        return bool(self.galat or self.galat_berkas)

    @property
    def baris_bergalat(self) -> int:
        return len({g.baris for g in self.galat})

    @property
    def semua_dilewati(self) -> bool:
        """Every row equals what is stored: the file was imported already and nothing would change."""
        return not self.ada_galat and self.jumlah_baris > 0 and self.dilewati == self.jumlah_baris

    def contoh_dengan_jenis(self, baris) -> list[tuple[str, str, tuple]]:
        """The preview's rows with what each does: (kode, label, values); kode is "" when unknown."""
        return [
            (kode, LABEL_JENIS_BARIS.get(kode, ""), nilai)
            for kode, nilai in zip(self.jenis_baris + [""] * (len(baris) - len(self.jenis_baris)), baris)
        ]


@dataclass
class BerkasTerbaca:
    """An uploaded sheet as the import uses it: the rows (blank ones skipped), the row number Excel
    shows for each, which sheet was read and the cells that could not be read (error values,
    formulas without a saved result)."""

    dataset: tablib.Dataset
    nomor_baris: list[int]
    lembar: str = ""
    format: str = "xlsx"
    # Cells that could not be read (an error value, a formula without a saved result): (Excel row,
    # 0-based column, message); their values are blank in the rows. They refuse the file (``jalankan_impor``).
    galat_sel: list[tuple[int, int, str]] = field(default_factory=list)


def baca_berkas(data: bytes, *, nama_lembar: str | None = None) -> BerkasTerbaca:
    """An uploaded .xlsx, .ods or .csv read within the bounds of ``wilayah.lembar`` (the sheet named
    ``nama_lembar``, or the only visible one); a file it refuses raises ``BerkasImporTidakSah`` with the
    message for the user."""
    lembar = baca_lembar(data, nama_lembar=nama_lembar)
    dataset = tablib.Dataset(*[tuple(nilai) for _nomor, nilai in lembar.baris], headers=lembar.headers)
    return BerkasTerbaca(
        dataset=dataset,
        nomor_baris=[nomor for nomor, _nilai in lembar.baris],
        lembar=lembar.nama,
        format=lembar.format,
        galat_sel=[tuple(g) for g in lembar.galat_sel],
    )


def baca_xlsx(data: bytes):
    """The rows of an uploaded workbook as a tablib Dataset (see ``baca_berkas``)."""
    return baca_berkas(data).dataset


def jalankan_impor_berkas(resource, berkas: BerkasTerbaca, *, dry_run: bool, kemajuan=None) -> HasilPemeriksaan:
    """``jalankan_impor`` on a file as ``baca_berkas`` read it (rows, their Excel numbers, unreadable cells)."""
    return jalankan_impor(
        resource, berkas.dataset, dry_run=dry_run, nomor_baris=berkas.nomor_baris, galat_sel=berkas.galat_sel, kemajuan=kemajuan
    )


def jalankan_impor(
    resource, dataset, *, dry_run: bool, nomor_baris: list[int] | None = None, galat_sel=(), kemajuan=None
) -> HasilPemeriksaan:
    """Check (dry run) or import a dataset; with errors, nothing stays written.

    First the header row is translated to the resource's internal keys (``wilayah.templat.terjemahkan_judul``:
    "Jenis kelamin *" and "jenis_kelamin" both become ``jenis_kelamin``; unknown columns stay and are ignored).
    The resource reads the keys; the dataset keeps the file's own headers once this returns (the preview shows them).

    ``nomor_baris``: the row number Excel shows for each data row (blank rows skipped by the reader
    keep their numbers); errors are reported with them, and the resource finds them in
    ``resource.nomor_baris`` for its own messages (``nomor_baris_excel``). ``kemajuan(n)`` is called every
    ``LANGKAH_KEMAJUAN`` rows (the progress bar of a background import).

    ``galat_sel``: the reader's unreadable cells ((Excel row, column, message): an error value, a formula
    without a saved result). Each is an error of its row and column, in an import column; the file is then
    only checked, never written, and the other rows' errors are still listed, so one upload shows them all."""
    hasil = HasilPemeriksaan(jumlah_baris=len(dataset))
    resource.nomor_baris = nomor_baris
    resource.kemajuan = kemajuan  # for a resource's own ``impor_cepat``
    if kemajuan is not None:
        _pasang_kemajuan(resource, kemajuan)
    kolom = kolom_dari(resource)
    headers, galat = terjemahkan_judul(kolom, dataset.headers or [])
    if galat:
        hasil.galat_berkas.extend(galat)
        return hasil
    judul = judul_kolom(kolom)
    sel_salah = [
        GalatBaris(baris=baris, kolom=judul[headers[i]], pesan=pesan, kunci=headers[i])
        for baris, i, pesan in galat_sel
        if i < len(headers) and headers[i] in judul  # a column the import does not read does not matter
    ]
    hilang = [str(k.judul) for k in kolom if k.wajib and k.kunci not in headers]
    if hilang:
        hasil.galat_berkas.append(
            _("Kolom wajib tidak ada di baris 1: %(kolom)s. Tulis judul kolom seperti di templat, atau unduh templatnya.")
            % {"kolom": ", ".join(hilang)}
        )
        hasil.galat = sel_salah
        return hasil
    if not len(dataset):
        hasil.galat_berkas.append(_("Berkas tidak berisi baris data."))
        return hasil
    headers_berkas = dataset.headers
    dataset.headers = headers
    try:
        _impor(resource, dataset, kolom, hasil, dry_run=dry_run or bool(sel_salah))
    finally:
        dataset.headers = headers_berkas
    if sel_salah:  # the cell's own error, not what the blank it left made of the row
        tertutup = {(g.baris, g.kunci) for g in sel_salah}
        hasil.galat = sel_salah + [g for g in hasil.galat if (g.baris, g.kunci) not in tertutup]
    urutan = {k.kunci: i for i, k in enumerate(kolom)}  # a row's errors in the order of the template's columns
    hasil.galat.sort(key=lambda g: (g.baris, urutan.get(g.kunci, len(urutan)), g.kolom))
    return hasil


def _impor(resource, dataset, kolom, hasil: HasilPemeriksaan, *, dry_run: bool) -> None:
    """``jalankan_impor`` once the headers are the resource's keys: the whole-file check, then every row."""
    # A resource's check of the whole file (``periksa_berkas``), before any row: a refusal is the file's.
    periksa_berkas = getattr(resource, "periksa_berkas", None)
    if periksa_berkas is not None:
        try:
            periksa_berkas(dataset)
        except ValidationError as exc:
            hasil.galat_berkas.extend(exc.messages)
            return
    judul = judul_kolom(kolom)
    impor_cepat = getattr(resource, "impor_cepat", None)
    with transaction.atomic():
        if impor_cepat is not None:
            impor_cepat(dataset, hasil, dry_run=dry_run)
            for g in hasil.galat:  # the fast path names columns by key
                g.kunci = g.kunci or g.kolom
                g.kolom = judul.get(g.kunci, g.kunci)
            if dry_run or hasil.ada_galat:
                transaction.set_rollback(True)
            return
        result = resource.import_data(
            dataset, dry_run=dry_run, raise_errors=False, use_transactions=True, rollback_on_validation_errors=True
        )
        for invalid in result.invalid_rows:
            for kunci, daftar in invalid.error_dict.items():
                kunci = "" if kunci == NON_FIELD_ERRORS else kunci
                for pesan in daftar:
                    hasil.galat.append(
                        GalatBaris(baris=nomor_baris_excel(invalid.number, resource), kolom=judul.get(kunci, kunci), pesan=str(pesan), kunci=kunci)
                    )
        for nomor, errors in result.row_errors():
            for error in errors:
                hasil.galat.append(GalatBaris(baris=nomor_baris_excel(nomor, resource), kolom="", pesan=_pesan_galat(error.error)))
        for error in result.base_errors:
            hasil.galat_berkas.append(_pesan_galat(error.error))
        # Counted whether or not the resource reports skipped rows; placed per row only when every row is reported.
        hasil.baru = result.totals.get(RowResult.IMPORT_TYPE_NEW, 0)
        hasil.diperbarui = result.totals.get(RowResult.IMPORT_TYPE_UPDATE, 0)
        hasil.dilewati = result.totals.get(RowResult.IMPORT_TYPE_SKIP, 0)
        if len(result.rows) == len(dataset):
            hasil.jenis_baris = [_JENIS_DARI_IMPORT_TYPE.get(r.import_type, BERGALAT) for r in result.rows]
        if dry_run or hasil.ada_galat:
            transaction.set_rollback(True)


LANGKAH_KEMAJUAN = 250


def _pasang_kemajuan(resource, kemajuan) -> None:
    """Count the rows django-import-export hands to ``import_row`` and report every ``LANGKAH_KEMAJUAN``."""
    asli = resource.import_row
    hitung = 0

    def import_row(*args, **kwargs):
        nonlocal hitung
        hasil = asli(*args, **kwargs)
        hitung += 1
        if hitung % LANGKAH_KEMAJUAN == 0:
            kemajuan(hitung)
        return hasil

    resource.import_row = import_row


def _pesan_galat(exc) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return _("Baris tidak dapat diproses: %(pesan)s") % {"pesan": exc}


UMUR_MAKS_PRATINJAU = dt.timedelta(hours=24)


def bersihkan_pratinjau_lama(*, umur_maks: dt.timedelta = UMUR_MAKS_PRATINJAU) -> int:
    """Delete previews nobody confirmed (older than ``umur_maks``); returns how many went."""
    batas = dt.datetime.now().timestamp() - umur_maks.total_seconds()
    dihapus = 0
    for path in _folder_sementara().glob("*.json"):
        if path.stat().st_mtime < batas:
            path.unlink(missing_ok=True)
            dihapus += 1
    return dihapus


def _folder_sementara() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "impor_sementara"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --------------------------------------------------------------------------- large files in the background

BARIS_LATAR = 2_000  # above this many rows, the check and the save run as a Celery task with a progress bar


def hasil_ke_json(hasil: HasilPemeriksaan) -> dict:
    return asdict(hasil)


def hasil_dari_json(isi: dict) -> HasilPemeriksaan:
    isi = dict(isi)
    isi["galat"] = [GalatBaris(**g) for g in isi.get("galat", [])]
    nama = {f.name for f in fields(HasilPemeriksaan)}
    return HasilPemeriksaan(**{k: v for k, v in isi.items() if k in nama})


def _path_token(token: str) -> Path:
    return _folder_sementara() / f"{token}.json"


def kerjakan_impor_latar(job_id: int, *, kemajuan=None) -> str:
    """Run one background import job (``ImporLatar``) and return its status.

    The job row is locked (``select_for_update``) and marked finished in the same transaction as the
    import: a worker killed half-way leaves no rows and an unfinished job, which the next delivery
    runs again; a job already finished is left as it is (the task is idempotent)."""
    from .models import ImporLatar

    hapus_token = False
    try:
        with transaction.atomic():
            job = ImporLatar.objects.select_for_update().select_related("pemilik").get(pk=job_id)
            if job.status != ImporLatar.Status.MENUNGGU:
                return job.status
            path = _path_token(job.token)
            if not path.exists():
                hasil = HasilPemeriksaan(galat_berkas=[_("Berkas impor sudah kedaluwarsa. Unggah berkasnya lagi.")])
                job.status = ImporLatar.Status.GAGAL
            else:
                berkas = berkas_dari_bytes(path.read_bytes())
                resource = import_string(job.resource)(user=job.pemilik)
                hasil = jalankan_impor_berkas(resource, berkas, dry_run=job.tahap == ImporLatar.Tahap.PERIKSA, kemajuan=kemajuan)
                job.status = ImporLatar.Status.SELESAI
                hapus_token = job.tahap == ImporLatar.Tahap.SIMPAN
            job.hasil = hasil_ke_json(hasil)
            job.selesai = timezone.now()
            job.save(update_fields=["status", "hasil", "selesai"])
    finally:
        simpan_catatan_tertunda()
    if hapus_token:
        _path_token(job.token).unlink(missing_ok=True)
    return job.status


# --------------------------------------------------------------------------- the page


class ImporExcelView(ScopedViewMixin, TemplateView):
    """Upload, preview (every row checked, nothing written), confirm (all or nothing). Files above
    ``BARIS_LATAR`` rows are checked and saved by a Celery task (eagerly without a broker) while the
    page shows a progress bar (``?proses=<job>``)."""

    model = None
    resource_class = None
    judul = ""
    success_url = None
    required_action = "add"
    template_name = "wilayah/impor.html"
    templat_url = None  # URL of the downloadable template, shown on the page

    def get_resource(self):
        return self.resource_class(user=self.request.user)

    def nama_lembar(self) -> str | None:
        """The data sheet the template names (``nama_lembar`` of the resource)."""
        nama = getattr(self.resource_class, "nama_lembar", None)
        return str(nama) if nama else None

    def _kunci_sesi(self, token: str) -> str:
        return f"impor:{self.model._meta.label}:{token}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", FormUnggahExcel())
        context["judul"] = self.judul
        context["templat_url"] = self.templat_url
        context["kolom"] = kolom_wajib(self.get_resource())
        return context

    def get(self, request, *args, **kwargs):
        if "proses" in request.GET:
            return self.tampilkan_proses(request.GET["proses"])
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("token"):
            return self.konfirmasi(request.POST["token"])
        form = FormUnggahExcel(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            berkas = baca_berkas(form.cleaned_data["berkas"].read(), nama_lembar=self.nama_lembar())
        except BerkasImporTidakSah as exc:
            form.add_error("berkas", str(exc))
            return self.render_to_response(self.get_context_data(form=form))
        token = uuid.uuid4().hex
        nama_berkas = form.cleaned_data["berkas"].name
        if len(berkas.dataset) > BARIS_LATAR:
            _path_token(token).write_bytes(berkas_ke_bytes(berkas))
            return self.mulai_latar("periksa", token, nama_berkas, len(berkas.dataset))
        hasil = jalankan_impor_berkas(self.get_resource(), berkas, dry_run=True)
        token = self._simpan_pratinjau(hasil, token, berkas, nama_berkas)
        return self.render_to_response(self.get_context_data(**self._konteks_hasil(hasil, token, berkas)))

    def _simpan_pratinjau(self, hasil, token, berkas, nama_berkas) -> str:
        """Keep a checked file for the confirm (its token), unless it has errors or would change nothing."""
        if hasil.ada_galat or hasil.semua_dilewati:
            return ""
        path = _path_token(token)
        if not path.exists():
            path.write_bytes(berkas_ke_bytes(berkas))
        self.request.session[self._kunci_sesi(token)] = nama_berkas
        return token

    def _konteks_hasil(self, hasil, token, berkas):
        headers = list(berkas.dataset.headers or [])
        contoh = hasil.contoh_dengan_jenis([tuple(nilai_pratinjau(v) for v in baris) for baris in berkas.dataset[:BARIS_CONTOH_PRATINJAU]])
        return {"hasil": hasil, "token": token, "berkas": berkas, "contoh": contoh, "headers": headers}

    def konfirmasi(self, token: str):
        kunci = self._kunci_sesi(token)
        path = _path_token(token) if token.isalnum() else None
        if path is None or kunci not in self.request.session or not path.exists():
            messages.error(self.request, _("Pratinjau impor sudah kedaluwarsa. Unggah berkasnya lagi."))
            return redirect(self.request.path)
        nama_berkas = self.request.session.pop(kunci)
        berkas = berkas_dari_bytes(path.read_bytes())
        if len(berkas.dataset) > BARIS_LATAR:
            return self.mulai_latar("simpan", token, nama_berkas, len(berkas.dataset))
        hasil = jalankan_impor_berkas(self.get_resource(), berkas, dry_run=False)
        path.unlink(missing_ok=True)
        return self.setelah_simpan(hasil)

    def setelah_simpan(self, hasil):
        if hasil.ada_galat:
            # The data changed between preview and confirm: nothing was written; show why.
            return self.render_to_response(self.get_context_data(hasil=hasil, token=""))
        messages.success(self.request, pesan_selesai(hasil))
        return redirect(self.success_url or self.request.path)

    # --- background jobs ---

    def mulai_latar(self, tahap: str, token: str, nama_berkas: str, jumlah_baris: int):
        from .models import ImporLatar
        from .tasks import impor_latar

        # The task id is chosen here and stored with the job, so nothing writes the job row once the
        # task may be running (the task holds it locked while it works).
        task_id = uuid.uuid4().hex
        job = ImporLatar.objects.create(
            task_id=task_id,
            pemilik=self.request.user,
            jenis_data=self.model._meta.label,
            resource=f"{self.resource_class.__module__}.{self.resource_class.__qualname__}",
            tahap=tahap,
            token=token,
            nama_berkas=nama_berkas[:255],
            jumlah_baris=jumlah_baris,
        )
        impor_latar.apply_async(args=[job.pk], task_id=task_id)
        return redirect(f"{self.request.path}?proses={job.pk}")

    def tampilkan_proses(self, nilai: str):
        from .models import ImporLatar

        job = ImporLatar.objects.milik(self.request.user).filter(pk=id_dari(nilai), jenis_data=self.model._meta.label).first()
        if job is None:
            messages.error(self.request, _("Proses impor ini tidak ditemukan. Unggah berkasnya lagi."))
            return redirect(self.request.path)
        selesai = job.status != ImporLatar.Status.MENUNGGU
        if "kemajuan" in self.request.GET or not selesai:
            diproses = job.jumlah_baris if selesai else kemajuan_tugas(job.task_id)
            persen = min(100, round(100 * diproses / job.jumlah_baris)) if job.jumlah_baris else 0
            if "kemajuan" in self.request.GET:  # the page's script asks (static/js/impor_proses.js)
                response = JsonResponse({"selesai": selesai, "diproses": diproses, "jumlah": job.jumlah_baris, "persen": persen})
            else:
                response = self.render_to_response(self.get_context_data(proses=job, diproses=diproses, persen=persen))
            add_never_cache_headers(response)
            return response
        hasil = hasil_dari_json(job.hasil or {})
        if job.status == ImporLatar.Status.GAGAL:
            return self.render_to_response(self.get_context_data(hasil=hasil, token=""))
        if job.tahap == ImporLatar.Tahap.SIMPAN:
            return self.setelah_simpan(hasil)
        path = _path_token(job.token)
        berkas = berkas_dari_bytes(path.read_bytes()) if path.exists() else None
        if berkas is None:
            messages.error(self.request, _("Pratinjau impor sudah kedaluwarsa. Unggah berkasnya lagi."))
            return redirect(self.request.path)
        token = self._simpan_pratinjau(hasil, job.token, berkas, job.nama_berkas)
        return self.render_to_response(self.get_context_data(**self._konteks_hasil(hasil, token, berkas)))


def tandai_gagal(job_id: int) -> None:
    """A job whose task failed on something other than its rows (a bug, a lost file system): the page
    says so instead of showing the progress bar for ever. Nothing of the import was kept (its
    transaction rolled back)."""
    from .models import ImporLatar

    pesan = _("Impor gagal karena kesalahan sistem; tidak ada data yang disimpan. Coba unggah lagi, atau hubungi Bappeda bila terulang.")
    ImporLatar.objects.filter(pk=job_id, status=ImporLatar.Status.MENUNGGU).update(
        status=ImporLatar.Status.GAGAL, hasil=hasil_ke_json(HasilPemeriksaan(galat_berkas=[pesan])), selesai=timezone.now()
    )


def kemajuan_tugas(task_id: str) -> int:
    """Rows done so far by a background import, as its task reported (``update_state``); 0 when unknown."""
    if not task_id:
        return 0
    from celery.result import AsyncResult

    try:
        info = AsyncResult(task_id).info
    except Exception:  # the result backend is down: the page still shows the job as running
        return 0
    return int(info.get("diproses", 0)) if isinstance(info, dict) else 0


def pesan_selesai(hasil: HasilPemeriksaan) -> str:
    return _("Impor selesai: %(baru)d data baru, %(ubah)d diperbarui, %(lewat)d sama dengan data tersimpan (dilewati).") % {
        "baru": hasil.baru, "ubah": hasil.diperbarui, "lewat": hasil.dilewati,
    }  # fmt: skip


def nilai_pratinjau(nilai) -> str:
    """A cell as the preview shows it, close to what the user typed: dates as 26 Mei 2025 (a time only
    when there is one), whole numbers without ".0"."""
    if nilai is None:
        return ""
    if isinstance(nilai, dt.datetime):
        if nilai.time() == dt.time(0, 0):
            return tanggal_id(nilai.date())
        return date_format(nilai, "DATETIME_FORMAT")
    if isinstance(nilai, dt.date):
        return tanggal_id(nilai)
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    return str(nilai)


def dataset_netral(dataset) -> tablib.Dataset:
    """A copy of ``dataset`` with every cell, headers included, through ``wilayah.sel.netralkan_sel``."""
    headers = [netralkan_sel(h) for h in dataset.headers] if dataset.headers else None
    return tablib.Dataset(*[tuple(netralkan_sel(v) for v in baris) for baris in dataset], headers=headers, title=dataset.title)


class EksporNetralMixin:
    """A django-import-export format whose every cell goes through ``netralkan_sel`` before it is written:
    no formula in the file. Every export of the portal is written by ``XLSXNetral`` (``xlsx_response``);
    an admin export, if one is ever enabled, must offer only formats with this mixin (a test checks).
    Not ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT``: it only drops a leading "=" (so + - @ pass, and the
    value changes for good) and turns every number into text."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(dataset_netral(dataset), **kwargs)


class XLSXNetral(EksporNetralMixin, XLSX):
    pass


def xlsx_response(data: LembarEkspor | BukuEkspor | TemplatImpor | tablib.Dataset, nama_berkas: str) -> HttpResponse:
    """The one way the portal sends a spreadsheet, as a download, every cell neutralised: an export
    (``wilayah.templat.LembarEkspor``, or ``BukuEkspor`` for several sheets) or a template (``TemplatImpor``), both written by ``wilayah.templat``,
    whose every cell passes ``netralkan_sel``; a plain tablib Dataset through ``XLSXNetral``."""
    isi = XLSXNetral().export_data(data) if isinstance(data, tablib.Dataset) else data.ke_xlsx()
    response = HttpResponse(isi, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{nama_berkas}"'
    return response


class UnduhTemplatExcelView(ScopedViewMixin, View):
    """The import's template (``wilayah.templat.TemplatImpor``): the data sheet with the human headers, formats
    and drop-down lists, and a Petunjuk sheet that explains every column with its example."""

    resource_class = None
    model = None
    nama_berkas = "templat.xlsx"
    required_action = "add"

    def get(self, request, *args, **kwargs):
        return xlsx_response(TemplatImpor(self.resource_class(user=request.user), request.user), self.nama_berkas)
