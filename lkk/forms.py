from django import forms
from django.utils.translation import gettext_lazy as _

from wilayah.forms import BootstrapWidgetsMixin, ScopedModelForm
from wilayah.nik import LABEL_KONFIRMASI, bersihkan_nik

from .models import Jabatan, JenisLembaga, Lembaga, Pengurus, Status

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LembagaForm(ScopedModelForm):
    class Meta:
        model = Lembaga
        fields = [
            "jenis", "nama", "kelurahan", "rw", "rt", "alamat", "tanggal_berdiri", "nomor_sk", "tanggal_sk", "berkas_sk",
            "masa_bakti_mulai", "masa_bakti_selesai", "status", "kontak_nama", "kontak_telepon", "kontak_email",
        ]
        widgets = {f: TANGGAL for f in ["tanggal_berdiri", "tanggal_sk", "masa_bakti_mulai", "masa_bakti_selesai"]}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["jenis"].queryset = JenisLembaga.objects.for_user(user)
        self.fields["rw"].queryset = self.fields["rw"].queryset.select_related("kelurahan")
        self.fields["rt"].queryset = self.fields["rt"].queryset.select_related("rw__kelurahan")
        if self.fields["kelurahan"].queryset.count() == 1:
            self.fields["kelurahan"].initial = self.fields["kelurahan"].queryset.first().pk


class PengurusForm(ScopedModelForm):
    nik = forms.CharField(label=_("NIK"), max_length=30, required=False)
    class Meta:
        model = Pengurus
        fields = [
            "nama", "nik", "nik_luar_wilayah", "jenis_kelamin", "tanggal_lahir", "telepon", "jabatan", "nama_seksi",
            "nomor_sk_pengangkatan", "tanggal_sk_pengangkatan", "masa_mulai", "masa_selesai",
            "pernyataan_nonpartai", "tanggal_pernyataan", "nomor_sk_pemberhentian", "tanggal_sk_pemberhentian",
        ]
        widgets = {
            f: TANGGAL
            for f in ["tanggal_lahir", "tanggal_sk_pengangkatan", "masa_mulai", "masa_selesai", "tanggal_pernyataan", "tanggal_sk_pemberhentian"]
        }

    def __init__(self, *args, user, lembaga, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.instance.lembaga = lembaga
        self.fields["masa_selesai"].required = False
        self.fields["nik"].help_text = _("Boleh dikosongkan. Isi tanggal lahir dan jenis kelamin agar NIK diperiksa lengkap.")
        self.fields["nik_luar_wilayah"].label = LABEL_KONFIRMASI

    def clean_nik(self):
        return bersihkan_nik(self.cleaned_data.get("nik"))


class BerhentiForm(forms.Form):
    nomor_sk = forms.CharField(label=_("Nomor SK pemberhentian"), max_length=100)
    tanggal = forms.DateField(label=_("Tanggal berhenti"), widget=TANGGAL)


class FilterLembagaForm(BootstrapWidgetsMixin, forms.Form):
    STATUS_SK = [("", _("Semua status SK")), ("berlaku", _("SK berlaku")), ("tidak", _("SK tidak berlaku/belum ada")), ("perhatian", _("Masa bakti habis/segera habis"))]

    q = forms.CharField(label=_("Cari"), required=False)
    jenis = forms.ModelChoiceField(label=_("Jenis"), queryset=JenisLembaga.objects.none(), required=False, empty_label=_("Semua jenis"))
    kelurahan = forms.ModelChoiceField(label=_("Kelurahan"), queryset=None, required=False, empty_label=_("Semua kelurahan"))
    rw = forms.ModelChoiceField(label=_("RW"), queryset=None, required=False, empty_label=_("Semua RW"))
    status_sk = forms.ChoiceField(label=_("Status SK"), choices=STATUS_SK, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Semua status"))] + list(Status.choices), required=False)

    def __init__(self, *args, user, **kwargs):
        from wilayah.models import RW, Kelurahan

        super().__init__(*args, **kwargs)
        self.fields["jenis"].queryset = JenisLembaga.objects.for_user(user)
        self.fields["kelurahan"].queryset = Kelurahan.objects.for_user(user)
        rw = RW.objects.for_user(user).select_related("kelurahan")
        kel = self.data.get("kelurahan") if self.data else None
        if kel and str(kel).isdigit():
            rw = rw.filter(kelurahan_id=kel)
        self.fields["rw"].queryset = rw


class FilterPengurusForm(BootstrapWidgetsMixin, forms.Form):
    q = forms.CharField(label=_("Cari nama"), required=False)
    jabatan = forms.ChoiceField(label=_("Jabatan"), choices=[("", _("Semua jabatan"))] + list(Jabatan.choices), required=False)
    menjabat = forms.ChoiceField(label=_("Masa"), choices=[("", _("Semua")), ("ya", _("Sedang menjabat")), ("tidak", _("Sudah selesai"))], required=False)

