from django import forms
from django.utils.translation import gettext_lazy as _

from wilayah.forms import ScopedModelForm, TeleponField
from wilayah.nik import LABEL_KONFIRMASI, bersihkan_nik

from .models import JenisLembaga, Lembaga, Pengurus

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LembagaForm(ScopedModelForm):
    class Meta:
        model = Lembaga
        fields = [
            "jenis", "nama", "kelurahan", "rw", "rt", "alamat", "tanggal_berdiri", "nomor_sk", "tanggal_sk", "berkas_sk",
            "masa_bakti_mulai", "masa_bakti_selesai", "status", "kontak_nama", "kontak_telepon", "kontak_email",
        ]
        widgets = {f: TANGGAL for f in ["tanggal_berdiri", "tanggal_sk", "masa_bakti_mulai", "masa_bakti_selesai"]}
        field_classes = {"kontak_telepon": TeleponField}

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
        field_classes = {"telepon": TeleponField}

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


