"""Excel import with a preview, shared by every programme.

One URL, three steps:
1. upload an .xlsx (anything else, or a file past the bounds of ``wilayah.lembar``, is refused with a
   message; at most ``BARIS_MAKS_IMPOR`` rows);
2. dry run: every row is checked and every error shown (Excel row number, column, message);
   nothing is written;
3. confirm: the same file is imported in one transaction, all or nothing.

Subclass ``ImporExcelView`` with ``model``, ``resource_class`` (a django-import-export
``ModelResource`` whose ``__init__`` takes ``user=``), ``judul`` and ``success_url``.
The resource scopes every row to the user and raises ``ValidationError({"kolom": "pesan"})``
for bad rows. Optional: ``periksa_berkas(dataset)``, a check of the whole file before any row (its
ValidationError refuses the file); ``kolom_opsional``, columns a file may leave out;
every other import column must be present; ``impor_cepat(dataset, hasil, *, dry_run)``, the resource
checks (and, unless ``dry_run``, writes) the whole file itself instead of django-import-export's per-row
machinery, filling the same ``HasilPemeriksaan`` (the cadre import: 10,000 rows within 3x a plain
``bulk_create``); the transaction and the all-or-nothing rollback stay in ``jalankan_impor``.

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


@dataclass
class GalatBaris:
    baris: int  # the row number as Excel shows it (header is row 1)
    kolom: str
    pesan: str


@dataclass
class HasilPemeriksaan:
    jumlah_baris: int = 0
    baru: int = 0
    diperbarui: int = 0
    dilewati: int = 0  # rows equal to what is stored: nothing to write
    jenis_baris: list[str] = field(default_factory=list)  # per data row, in order: "baru" / "diperbarui" / "dilewati"
    galat: list[GalatBaris] = field(default_factory=list)
    galat_berkas: list[str] = field(default_factory=list)

    @property
    def ada_galat(self) -> bool:
        return bool(self.galat or self.galat_berkas)

    @property
    def baris_bergalat(self) -> int:
        return len({g.baris for g in self.galat})


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
    impor_cepat = getattr(resource, "impor_cepat", None)
    with transaction.atomic():
        if impor_cepat is not None:
            impor_cepat(dataset, hasil, dry_run=dry_run)
            if dry_run or hasil.ada_galat:
                transaction.set_rollback(True)
            hasil.galat.sort(key=lambda g: (g.baris, g.kolom))
            return hasil
        result = resource.import_data(
            dataset, dry_run=dry_run, raise_errors=False, use_transactions=True, rollback_on_validation_errors=True
        )
        for invalid in result.invalid_rows:
            for kolom, daftar in invalid.error_dict.items():
                nama = "" if kolom == NON_FIELD_ERRORS else kolom
                for pesan in daftar:
                    hasil.galat.append(GalatBaris(baris=invalid.number + 1, kolom=nama, pesan=str(pesan)))
        for nomor, errors in result.row_errors():
            for error in errors:
                hasil.galat.append(GalatBaris(baris=nomor + 1, kolom="", pesan=_pesan_galat(error.error)))
        for error in result.base_errors:
            hasil.galat_berkas.append(_pesan_galat(error.error))
        hasil.baru = result.totals.get("new", 0)
        hasil.diperbarui = result.totals.get("update", 0)
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
        if not hasil.ada_galat:
            token = uuid.uuid4().hex
            (_folder_sementara() / f"{token}.json").write_bytes(dataset_ke_bytes(dataset))
            request.session[self._kunci_sesi(token)] = form.cleaned_data["berkas"].name
        return self.render_to_response(
            self.get_context_data(hasil=hasil, token=token, contoh=list(dataset[:BARIS_CONTOH_PRATINJAU]), headers=dataset.headers)
        )

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
            _("Impor selesai: %(baru)d data baru, %(ubah)d diperbarui.") % {"baru": hasil.baru, "ubah": hasil.diperbarui},
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
