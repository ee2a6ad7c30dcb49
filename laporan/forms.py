"""Forms of the report pages: a month as users pick it, and starting a run from the dashboard."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wilayah.forms import BootstrapWidgetsMixin
from wilayah.models import Kelurahan
from wilayah.periode import kode_bulan

from . import services


class BulanField(forms.CharField):
    """A month "2026-05" (what ``<input type="month">`` sends) -> (2026, 5); a malformed month, one
    before the first report year or one still to come is an Indonesian error."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-05"})

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)

    def to_python(self, value):
        teks = super().to_python(value)
        if teks in self.empty_values:
            return None
        return services.periode_dari_teks(teks)

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value):
        return  # max_length is checked on the text by the widget; the value is a tuple

    def prepare_value(self, value):
        return kode_bulan(*value) if isinstance(value, tuple) else value


class MulaiProsesForm(BootstrapWidgetsMixin, forms.Form):
    """Bappeda starts a month's reports: every kelurahan, or one (by its Kemendagri code: a list of
    every kelurahan of a province is no picker)."""

    periode = BulanField(label=_("Bulan"), help_text=_("Bulan yang dilaporkan, misalnya 2026-05."))
    kelurahan = forms.CharField(
        label=_("Hanya kelurahan (kode)"), required=False, max_length=20,
        help_text=_("Kosongkan untuk semua kelurahan; atau tulis kode Kemendagri, misalnya 35.74.04.1004."),
    )
    ulang = forms.BooleanField(
        label=_("Buat versi baru"), required=False,
        help_text=_("Bulan yang sudah punya laporan dibuat lagi sebagai versi baru; versi lama tetap disimpan."),
    )

    def clean_kelurahan(self):
        kode = (self.cleaned_data.get("kelurahan") or "").strip()
        if not kode:
            return None
        kelurahan = Kelurahan.objects.filter(kode=kode).first()
        if kelurahan is None:
            raise ValidationError(_("Kelurahan dengan kode %(kode)s tidak ada.") % {"kode": kode})
        return kelurahan
