import re

from django import forms
from django.utils.translation import gettext_lazy as _

from wilayah.berkas import ACCEPT
from wilayah.forms import ScopedModelForm, TeleponField
from wilayah.nik import LABEL_KONFIRMASI, bersihkan_nik
from wilayah.scoping import Tingkat, lingkup_of

from .models import UMKM

# --- B: UMKM ---


class UMKMForm(ScopedModelForm):
    """A UMKM as the kelurahan records it. Kelurahan and RW offer only what the user's scope reaches
    (``ScopedModelForm``); a kelurahan operator's kelurahan is fixed. The NIK rules (and the "NIK from
    outside the region" confirmation, shown only when the NIK asks for it) run in the service."""

    nik = forms.CharField(
        label=_("NIK pemilik"), max_length=30, required=False, help_text=UMKM._meta.get_field("nik").help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )  # fmt: skip
    nib = forms.CharField(
        label=_("NIB (Nomor Induk Berusaha)"), max_length=30, required=False, help_text=UMKM._meta.get_field("nib").help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )  # fmt: skip

    class Meta:
        model = UMKM
        fields = [
            "nama_usaha", "pemilik_nama", "nik", "nik_luar_wilayah", "pemilik_telepon", "alamat", "kelurahan", "rw", "kategori",
            "produk", "tahun_mulai", "tenaga_kerja", "omzet_bulanan", "nib", "kontak_publik", "kontak_publik_tampil", "aktif",
        ]  # fmt: skip
        widgets = {"produk": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"pemilik_telepon": TeleponField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["nik_luar_wilayah"].label = LABEL_KONFIRMASI
        self.fields["rw"].queryset = self.fields["rw"].queryset.select_related("kelurahan")
        self.fields["rw"].label_from_instance = lambda rw: f"{rw.label} · {rw.kelurahan.nama}"
        self.fields["kelurahan"].queryset = self.fields["kelurahan"].queryset.select_related("kecamatan")
        lingkup = lingkup_of(user)
        if lingkup is not None and lingkup.tingkat == Tingkat.KELURAHAN:
            self.fields["kelurahan"].initial = lingkup.kelurahan_id
            self.fields["kelurahan"].disabled = True
            if not self.instance.pk:
                self.instance.kelurahan_id = lingkup.kelurahan_id
        self.nik_luar_wilayah_dicek = False

    def clean_nik(self):
        return bersihkan_nik(self.cleaned_data.get("nik"))

    def clean_nib(self):
        # As typed (1234 5678 90123): spaces, dots and dashes out; the 13-digit rule is the model's.
        return re.sub(r"[\s.\-]", "", self.cleaned_data.get("nib") or "")

    def add_error(self, field, error):
        super().add_error(field, error)
        # A refused NIK from outside the region shows the confirmation box next to it.
        if field == "nik_luar_wilayah" or "nik_luar_wilayah" in getattr(error, "error_dict", {}):
            self.nik_luar_wilayah_dicek = True


class FotoUMKMForm(forms.Form):
    """The photo is checked (and decoded, once) by ``services.umkm_foto_tambah``; its refusal lands on ``gambar``."""

    gambar = forms.FileField(label=_("Foto produk (JPEG, PNG atau WEBP, paling besar 5 MB)"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT["gambar"]}))
    keterangan = forms.CharField(label=_("Keterangan"), max_length=200, required=False)
