"""Excel import with a preview, shared by every programme.

One URL, three steps:
1. upload an .xlsx (anything else, or a file past the bounds of ``wilayah.lembar``, is refused with a
   message; at most ``BARIS_MAKS_IMPOR`` rows);
2. dry run: every row is checked and every error shown (Excel row number, column, message);
   nothing is written;
3. confirm: the same file is imported in one transaction, all or nothing.

Imports can be repeated (``ImporUlangMixin``): a row whose natural key matches a stored row updates it,
or is skipped when nothing differs; the preview counts and marks each row "baru", "diperbarui" or
"dilewati" (``HasilPemeriksaan.jenis_baris``), so a file uploaded twice changes nothing the second time.

Subclass ``ImporExcelView`` with ``model``, ``resource_class`` (a django-import-export
``ModelResource`` whose ``__init__`` takes ``user=``), ``judul`` and ``success_url``.
The resource scopes every row to the user and raises ``ValidationError({"kolom": "pesan"})``
for bad rows. Optional: ``periksa_berkas(dataset)``, a check of the whole file before any row (its
ValidationError refuses the file); ``kolom_opsional``, columns a file may leave out;
every other import column must be present.

Every spreadsheet the portal sends (exports, templates) goes through ``xlsx_response``, which neutralises
cells a spreadsheet would evaluate (``wilayah.sel.netralkan_sel``).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import tablib
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from import_export.formats.base_formats import XLSX
from import_export.results import RowResult

from .access import ScopedViewMixin
from .berkas import validasi_ukuran
from .lembar import BerkasImporTidakSah, baca_lembar_xlsx
from .sel import netralkan_sel

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UKURAN_MAKS_IMPOR = 20 * 1024 * 1024
BARIS_CONTOH_PRATINJAU = 20


class FormUnggahExcel(forms.Form):
    berkas = forms.FileField(label=gettext_lazy("Berkas Excel (.xlsx)"))

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        validasi_ukuran(berkas, UKURAN_MAKS_IMPOR)
        return berkas


def baca_xlsx(data: bytes):
    """A tablib Dataset from .xlsx bytes (first sheet, blank rows skipped, within the bounds of
    ``wilayah.lembar``); anything else is refused with ``BerkasImporTidakSah``."""
    lembar = baca_lembar_xlsx(data)
    return tablib.Dataset(*[tuple(nilai) for _nomor, nilai in lembar.baris], headers=lembar.headers)


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


def dataset_ke_bytes(dataset) -> bytes:
    return json.dumps({"headers": dataset.headers, "rows": [list(r) for r in dataset]}, default=_ke_json).encode()


def dataset_dari_bytes(data: bytes):
    isi = json.loads(data, object_hook=_dari_json)
    return tablib.Dataset(*[tuple(r) for r in isi["rows"]], headers=isi["headers"])


def kolom_wajib(resource) -> list[str]:
    opsional = set(getattr(resource, "kolom_opsional", ()))
    return [f.column_name for f in resource.get_import_fields() if f.column_name not in opsional]


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


def kunci_teks(teks: str | None) -> str:
    """A text as part of a natural key: case and runs of whitespace (non-breaking spaces too) do not count."""
    return " ".join((teks or "").split()).casefold()


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
        self._baris_excel = nomor_baris_excel(kwargs.get("row_number") or 0)
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
    kolom: str
    pesan: str


# What a row does, as ``HasilPemeriksaan.jenis_baris`` names it (a fast path filling it uses these too).
BARU, DIPERBARUI, DILEWATI, BERGALAT = "baru", "diperbarui", "dilewati", "galat"
_JENIS_DARI_IMPORT_TYPE = {
    RowResult.IMPORT_TYPE_NEW: BARU,
    RowResult.IMPORT_TYPE_UPDATE: DIPERBARUI,
    RowResult.IMPORT_TYPE_SKIP: DILEWATI,
}
LABEL_JENIS_BARIS = {BARU: gettext_lazy("Baru"), DIPERBARUI: gettext_lazy("Diperbarui"), DILEWATI: gettext_lazy("Dilewati"), BERGALAT: gettext_lazy("Salah")}


def nomor_baris_excel(nomor_data: int) -> int:
    """The row Excel shows for the ``nomor_data``-th data row (1-based, as django-import-export counts;
    the header is row 1): the one place errors and messages turn a data row into the user's row."""
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


def jalankan_impor(resource, dataset, *, dry_run: bool) -> HasilPemeriksaan:
    """Check (dry run) or import a dataset; with errors, nothing stays written."""
    hasil = HasilPemeriksaan(jumlah_baris=len(dataset))
    hilang = [k for k in kolom_wajib(resource) if k not in dataset.headers]
    if hilang:
        hasil.galat_berkas.append(_("Kolom wajib tidak ada di baris 1: %(kolom)s.") % {"kolom": ", ".join(hilang)})
        return hasil
    if not len(dataset):
        hasil.galat_berkas.append(_("Berkas tidak berisi baris data."))
        return hasil
    # A resource's check of the whole file (``periksa_berkas``), before any row: a refusal is the file's.
    periksa_berkas = getattr(resource, "periksa_berkas", None)
    if periksa_berkas is not None:
        try:
            periksa_berkas(dataset)
        except ValidationError as exc:
            hasil.galat_berkas.extend(exc.messages)
            return hasil
    with transaction.atomic():
        result = resource.import_data(
            dataset, dry_run=dry_run, raise_errors=False, use_transactions=True, rollback_on_validation_errors=True
        )
        for invalid in result.invalid_rows:
            for kolom, daftar in invalid.error_dict.items():
                nama = "" if kolom == NON_FIELD_ERRORS else kolom
                for pesan in daftar:
                    hasil.galat.append(GalatBaris(baris=nomor_baris_excel(invalid.number), kolom=nama, pesan=str(pesan)))
        for nomor, errors in result.row_errors():
            for error in errors:
                hasil.galat.append(GalatBaris(baris=nomor_baris_excel(nomor), kolom="", pesan=_pesan_galat(error.error)))
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
    hasil.galat.sort(key=lambda g: (g.baris, g.kolom))
    return hasil


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


class ImporExcelView(ScopedViewMixin, TemplateView):
    model = None
    resource_class = None
    judul = ""
    success_url = None
    required_action = "add"
    template_name = "wilayah/impor.html"
    templat_url = None  # URL of the downloadable template, shown on the page

    def get_resource(self):
        return self.resource_class(user=self.request.user)

    def _kunci_sesi(self, token: str) -> str:
        return f"impor:{self.model._meta.label}:{token}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", FormUnggahExcel())
        context["judul"] = self.judul
        context["templat_url"] = self.templat_url
        context["kolom"] = kolom_wajib(self.get_resource())
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("token"):
            return self.konfirmasi(request.POST["token"])
        form = FormUnggahExcel(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data["berkas"].read()
        try:
            dataset = baca_xlsx(data)
        except BerkasImporTidakSah as exc:
            form.add_error("berkas", str(exc))
            return self.render_to_response(self.get_context_data(form=form))
        hasil = jalankan_impor(self.get_resource(), dataset, dry_run=True)
        token = ""
        if not hasil.ada_galat and not hasil.semua_dilewati:
            token = uuid.uuid4().hex
            (_folder_sementara() / f"{token}.json").write_bytes(dataset_ke_bytes(dataset))
            request.session[self._kunci_sesi(token)] = form.cleaned_data["berkas"].name
        contoh = hasil.contoh_dengan_jenis(list(dataset[:BARIS_CONTOH_PRATINJAU]))
        return self.render_to_response(self.get_context_data(hasil=hasil, token=token, contoh=contoh, headers=dataset.headers))

    def konfirmasi(self, token: str):
        kunci = self._kunci_sesi(token)
        path = _folder_sementara() / f"{token}.json"
        if not token.isalnum() or kunci not in self.request.session or not path.exists():
            messages.error(self.request, _("Pratinjau impor sudah kedaluwarsa. Unggah berkasnya lagi."))
            return redirect(self.request.path)
        hasil = jalankan_impor(self.get_resource(), dataset_dari_bytes(path.read_bytes()), dry_run=False)
        path.unlink(missing_ok=True)
        del self.request.session[kunci]
        if hasil.ada_galat:
            # The data changed between preview and confirm: nothing was written; show why.
            return self.render_to_response(self.get_context_data(hasil=hasil, token=""))
        messages.success(
            self.request,
            _("Impor selesai: %(baru)d data baru, %(ubah)d diperbarui, %(lewat)d sama dengan data tersimpan (dilewati).")
            % {"baru": hasil.baru, "ubah": hasil.diperbarui, "lewat": hasil.dilewati},
        )
        return redirect(self.success_url or self.request.path)


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


def xlsx_response(dataset, nama_berkas: str) -> HttpResponse:
    """The one way the portal sends a spreadsheet: cells neutralised (``EksporNetralMixin``), as a download."""
    response = HttpResponse(XLSXNetral().export_data(dataset), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{nama_berkas}"'
    return response


class UnduhTemplatExcelView(ScopedViewMixin, View):
    """An empty workbook with the import columns and, when the resource offers one, an example row."""

    resource_class = None
    model = None
    nama_berkas = "templat.xlsx"
    required_action = "add"

    def get(self, request, *args, **kwargs):
        resource = self.resource_class(user=request.user)
        headers = [f.column_name for f in resource.get_import_fields()]
        dataset = tablib.Dataset(headers=headers)
        contoh = getattr(self.resource_class, "contoh_baris", None)
        if contoh is not None:
            baris = contoh()
            dataset.append([baris.get(h, "") for h in headers])
        return xlsx_response(dataset, self.nama_berkas)
