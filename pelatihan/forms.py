"""Forms of the pelatihan pages. They read input and build instances; every write goes through
``pelatihan.services`` (``wilayah.forms.ScopedModelForm`` refuses ``save()``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wilayah.forms import ScopedModelForm, TeleponField, kelurahan_operator_tetap

from .models import Peserta, SesiDiklat

# --- peserta ---


class _SesiField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


def sesi_pilihan(diklat):
    """The sessions of ``diklat`` a participant may be registered for, in order."""
    return SesiDiklat.objects.filter(diklat=diklat).order_by("tanggal_mulai", "pk")


class PesertaForm(ScopedModelForm):
    """A participant entered by hand (or edited). The kecamatan and kelurahan offer only the user's
    scope within the diklat's coverage; an operator's kelurahan is fixed; the session is asked only
    when the diklat has several. The rules (quota, once per diklat, coverage) run in the service."""

    class Meta:
        model = Peserta
        fields = ["nama", "jenis_kelamin", "unsur", "jabatan", "lembaga_asal", "kecamatan", "kelurahan", "telepon", "sesi"]
        field_classes = {"telepon": TeleponField, "sesi": _SesiField}

    def __init__(self, *args, user, diklat, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.diklat = diklat
        self.instance.diklat = diklat
        kelurahan = self.fields["kelurahan"].queryset.select_related("kecamatan").order_by("kecamatan__nama", "nama")
        kecamatan = self.fields["kecamatan"].queryset.order_by("nama")
        if diklat.kelurahan_id:
            kelurahan = kelurahan.filter(pk=diklat.kelurahan_id)
        if diklat.kecamatan_id:
            kecamatan = kecamatan.filter(pk=diklat.kecamatan_id)
            kelurahan = kelurahan.filter(kecamatan_id=diklat.kecamatan_id)
        self.fields["kelurahan"].queryset = kelurahan
        self.fields["kelurahan"].label_from_instance = lambda k: f"{k.nama} (Kec. {k.kecamatan.nama})"
        self.fields["kecamatan"].queryset = kecamatan
        self.fields["kecamatan"].required = False
        self.fields["kecamatan"].help_text = _("Diisi otomatis dari kelurahan; pilih hanya untuk peserta dari kantor kecamatan.")
        kelurahan_operator_tetap(self, user)
        if self.fields["kelurahan"].disabled:
            del self.fields["kecamatan"]  # an operator registers people of their kelurahan: the service derives it
        sesi = sesi_pilihan(diklat)
        if len(sesi) > 1:
            self.fields["sesi"].queryset = sesi
            self.fields["sesi"].empty_label = _("Pilih sesi")
        else:
            del self.fields["sesi"]


class PilihSesiForm(forms.Form):
    """The session of a cadre or board member registered from the search results (several sessions only)."""

    sesi = _SesiField(label=_("Sesi"), queryset=SesiDiklat.objects.none(), required=False, empty_label=_("Pilih sesi"))

    def __init__(self, *args, diklat, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sesi"].queryset = sesi_pilihan(diklat)
