import json

from django import forms
from django.utils.translation import gettext_lazy as _

from wilayah.forms import ScopedModelForm, TeleponField
from wilayah.nik import LABEL_KONFIRMASI, bersihkan_nik

from .models import Jabatan, JenisLembaga, Lembaga, Pengurus

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
        # The term length of each type, for the proposal made as the SK date is typed (lkk_masa_bakti.js); the
        # service proposes the same dates when the fields are left empty (models.usulkan_masa_bakti).
        masa = dict(self.fields["jenis"].queryset.values_list("pk", "masa_bakti_tahun"))
        self.fields["jenis"].widget.attrs["data-masa-bakti-tahun"] = json.dumps({str(k): v for k, v in masa.items()})
        self.fields["masa_bakti_mulai"].help_text = _("Kosongkan untuk memakai tanggal SK. Boleh diubah.")
        self.fields["masa_bakti_selesai"].help_text = _(
            "Kosongkan untuk memakai masa bakti jenis lembaga (bawaan 5 tahun) sejak awal masa bakti. Boleh diubah."
        )
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


class SusunanForm(forms.Form):
    """The decree of a whole board, typed once above its rows (``SusunanPengurusView``): SK number and date,
    the term (empty: the SK date and the type's term length), the date of the no-party statements."""

    nomor_sk_pengangkatan = forms.CharField(label=_("Nomor SK pengangkatan"), max_length=100, required=False)
    tanggal_sk_pengangkatan = forms.DateField(label=_("Tanggal SK pengangkatan"), widget=TANGGAL, required=False)
    masa_mulai = forms.DateField(
        label=_("Awal masa jabatan"), widget=TANGGAL, required=False, help_text=_("Kosongkan untuk memakai tanggal SK."),
    )
    masa_selesai = forms.DateField(
        label=_("Akhir masa jabatan"), widget=TANGGAL, required=False,
        help_text=_("Kosongkan untuk memakai masa bakti jenis lembaga sejak awal masa jabatan."),
    )
    tanggal_pernyataan = forms.DateField(
        label=_("Tanggal surat pernyataan bukan anggota partai politik"), widget=TANGGAL, required=False,
        help_text=_("Kosongkan untuk memakai tanggal SK."),
    )

    def clean(self):
        data = super().clean()
        if data.get("nomor_sk_pengangkatan") and not data.get("tanggal_sk_pengangkatan") and "tanggal_sk_pengangkatan" not in self.errors:
            self.add_error("tanggal_sk_pengangkatan", _("Isi tanggal SK pengangkatan."))
        if not data.get("masa_mulai"):
            data["masa_mulai"] = data.get("tanggal_sk_pengangkatan")
        if not data.get("masa_mulai") and "masa_mulai" not in self.errors and "tanggal_sk_pengangkatan" not in self.errors:
            self.add_error("masa_mulai", _("Isi awal masa jabatan atau tanggal SK pengangkatan."))
        if not data.get("tanggal_pernyataan"):
            data["tanggal_pernyataan"] = data.get("tanggal_sk_pengangkatan") or data.get("masa_mulai")
        return data


class PengurusBarisForm(ScopedModelForm):
    """One member of a board entered in one go: who and which post; the decree and term come from
    ``SusunanForm``. Saved by the same door as the single form (``services.susunan_pengurus_simpan``)."""

    nik = forms.CharField(label=_("NIK"), max_length=30, required=False)

    class Meta:
        model = Pengurus
        fields = ["nama", "jabatan", "nama_seksi", "nik", "nik_luar_wilayah", "jenis_kelamin", "tanggal_lahir", "telepon", "pernyataan_nonpartai"]
        widgets = {"tanggal_lahir": TANGGAL}
        field_classes = {"telepon": TeleponField}

    def __init__(self, *args, user, lembaga, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.instance.lembaga = lembaga
        self.fields["nik_luar_wilayah"].label = LABEL_KONFIRMASI
        self.fields["pernyataan_nonpartai"].label = _("Sudah menyatakan bukan anggota partai politik")

    def clean_nik(self):
        return bersihkan_nik(self.cleaned_data.get("nik"))


#: The posts the first rows propose (a row left as proposed, without a name, is skipped).
JABATAN_AWAL = [Jabatan.KETUA, Jabatan.SEKRETARIS, Jabatan.BENDAHARA]


class BarisPengurusFormSet(forms.BaseFormSet):
    """The first rows propose ketua, sekretaris, bendahara as each form's own initial value, not as the
    formset's ``initial`` (which would make them "initial forms", required even when left untouched)."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index < len(JABATAN_AWAL):
            kwargs["initial"] = {"jabatan": JABATAN_AWAL[index]}
        return kwargs


#: The rows of a board: the first must be filled, untouched others are skipped; more rows are added by
#: ``static/js/lkk_susunan.js`` up to ``max_num``.
PengurusBarisFormSet = forms.formset_factory(
    PengurusBarisForm, formset=BarisPengurusFormSet, extra=len(JABATAN_AWAL) - 1, min_num=1, validate_min=True, max_num=40, validate_max=True, absolute_max=40,
)
