from django import forms
from django.utils.translation import gettext_lazy as _

from wilayah.forms import ScopedModelForm

from .models import KriteriaPUD, PengajuanPUD, Siklus

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# --- A2: kecamatan, kota, putaran ---


class SiklusForm(ScopedModelForm):
    """Opening a round (``services.siklus_buka``): year, name, the kelurahan deadline, notes."""

    class Meta:
        model = Siklus
        fields = ["tahun", "nama", "batas_pengajuan", "catatan"]
        widgets = {"batas_pengajuan": TANGGAL, "catatan": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nama"].required = False
        self.fields["nama"].help_text = _("Kosongkan untuk \"Penetapan PUD <tahun>\".")


class KriteriaForm(ScopedModelForm):
    class Meta:
        model = KriteriaPUD
        fields = ["nama", "keterangan", "bobot", "urutan"]


class JadwalBuatForm(forms.Form):
    """Generate the FGD schedule of a round (``services.jadwal_buat``)."""

    mulai = forms.DateField(label=_("Mulai tanggal"), widget=TANGGAL, help_text=_("Hari Sabtu/Minggu digeser ke Senin berikutnya."))
    kelurahan_per_hari = forms.IntegerField(label=_("Kelurahan per hari"), min_value=1, max_value=50, initial=3)
    tempat = forms.CharField(label=_("Tempat FGD"), max_length=200, required=False, help_text=_("Kosongkan untuk mempertahankan tempat yang sudah dijadwalkan."))


class JadwalForm(ScopedModelForm):
    """One kelurahan's FGD date and place (``services.jadwal_ubah``)."""

    class Meta:
        model = PengajuanPUD
        fields = ["jadwal_fgd", "jadwal_tempat"]
        widgets = {"jadwal_fgd": TANGGAL}


class TetapkanBanyakForm(forms.Form):
    """Determine many verified kelurahan under one mayor's decree (``services.tetapkan_banyak``).
    ``pengajuan`` offers the round's pengajuan the user may see; the service decides which may be determined."""

    pengajuan = forms.ModelMultipleChoiceField(label=_("Kelurahan"), queryset=PengajuanPUD.objects.none(), widget=forms.CheckboxSelectMultiple)
    nomor_keputusan = forms.CharField(label=_("Nomor keputusan wali kota"), max_length=100)
    tanggal_keputusan = forms.DateField(label=_("Tanggal keputusan wali kota"), widget=TANGGAL)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pengajuan"].queryset = queryset
        self.fields["pengajuan"].label_from_instance = lambda p: f"{p.kelurahan.nama} (Kec. {p.kelurahan.kecamatan.nama})"
