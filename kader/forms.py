from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wilayah.berkas import foto_bersih
from wilayah.forms import NikFormMixin, PilihanKosongMixin, ScopedModelForm, TeleponField, kelurahan_operator_tetap
from wilayah.scoping import Tingkat, lingkup_of

from .models import (
    BidangKerja,
    JabatanForkom,
    Kader,
    KepengurusanForkom,
    KriteriaLomba,
    LombaKPM,
    PengaturanKader,
    PeranKPM,
)

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class KaderForm(NikFormMixin, ScopedModelForm):
    nik = forms.CharField(
        label=_("NIK"), max_length=30, help_text=_("16 angka, sesuai KTP."), widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    )
    peran_kpm = forms.MultipleChoiceField(
        label=_("Peran Kader Pemberdayaan Masyarakat"), choices=PeranKPM.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Kader
        fields = [
            "nik", "nik_luar_wilayah", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "alamat", "kelurahan", "rw",
            "telepon", "pendidikan", "pekerjaan", "bidang_kerja", "tanggal_mulai", "nomor_sk", "tanggal_sk", "scan_sk", "foto",
        ]  # fmt: skip
        widgets = {
            "tanggal_lahir": TANGGAL,
            "tanggal_mulai": TANGGAL,
            "tanggal_sk": TANGGAL,
            "bidang_kerja": forms.CheckboxSelectMultiple,
        }
        field_classes = {"telepon": TeleponField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["bidang_kerja"].queryset = BidangKerja.objects.filter(aktif=True)
        self.fields["rw"].queryset = self.fields["rw"].queryset.select_related("kelurahan")
        self.fields["rw"].label_from_instance = lambda rw: f"{rw.label} - {rw.kelurahan.nama}"
        self.fields["peran_kpm"].initial = self.instance.daftar_peran
        kelurahan_operator_tetap(self, user)

    def clean_foto(self):
        """A photo is checked by content and decoded once, then re-encoded without its EXIF
        (location, camera) and shrunk. The SK scan is checked by its model field, in the service."""
        berkas = self.cleaned_data.get("foto")
        if berkas and hasattr(berkas, "content_type"):
            (bersih,) = foto_bersih(berkas, (800, 800))
            return bersih
        return berkas


class NonaktifForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan nonaktif"), max_length=200, help_text=_("Misalnya pindah domisili, mengundurkan diri, meninggal dunia."))
    tanggal = forms.DateField(label=_("Tanggal nonaktif"), widget=TANGGAL, initial=timezone.localdate)


class KepengurusanForm(ScopedModelForm):
    class Meta:
        model = KepengurusanForkom
        fields = ["tingkat", "kecamatan", "kelurahan", "periode_mulai", "periode_selesai", "nomor_sk", "catatan"]
        widgets = {"periode_mulai": TANGGAL, "periode_selesai": TANGGAL}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        lingkup = lingkup_of(user)
        if lingkup is not None and lingkup.tingkat == Tingkat.KELURAHAN:
            # An operator forms only their own kelurahan's board.
            self.fields["tingkat"].initial = Tingkat.KELURAHAN
            self.fields["tingkat"].disabled = True
            self.fields["kelurahan"].initial = lingkup.kelurahan_id
            self.fields["kelurahan"].disabled = True
            self.fields["kecamatan"].disabled = True
            self.fields["kecamatan"].required = False


class AnggotaForkomForm(PilihanKosongMixin, forms.Form):
    kader = forms.ModelChoiceField(label=_("Kader"), queryset=Kader.objects.none())
    jabatan = forms.ChoiceField(label=_("Jabatan"), choices=JabatanForkom.choices, initial=JabatanForkom.ANGGOTA)

    def __init__(self, *args, user, kepengurusan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kader"].queryset = (
            Kader.objects.for_user(user).aktif().filter(kepengurusan.kader_wilayah_q()).select_related("kelurahan").order_by("nama")
        )
        self.fields["kader"].label_from_instance = lambda k: f"{k.nama} ({k.kelurahan.nama})"


class LombaForm(ScopedModelForm):
    class Meta:
        model = LombaKPM
        fields = ["tahun", "tingkat", "skala", "batas_nominasi", "jumlah_dikirim"]
        widgets = {"batas_nominasi": TANGGAL}


class KriteriaForm(ScopedModelForm):
    class Meta:
        model = KriteriaLomba
        fields = ["nama", "bobot", "urutan"]


class NominasiForm(PilihanKosongMixin, forms.Form):
    kader = forms.ModelChoiceField(label=_("Kader yang diusulkan"), queryset=Kader.objects.none())
    prestasi = forms.CharField(label=_("Prestasi dan kegiatan nyata"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kader"].queryset = Kader.objects.for_user(user).aktif().order_by("nama")


class NilaiForm(forms.Form):
    def __init__(self, *args, lomba, kriteria, awal=None, **kwargs):
        super().__init__(*args, **kwargs)
        awal = awal or {}
        for k in kriteria:
            self.fields[f"kriteria_{k.pk}"] = forms.IntegerField(
                label=f"{k.nama} (bobot {k.bobot})", min_value=1, max_value=lomba.skala, initial=awal.get(k.pk)
            )

    def nilai(self) -> dict[int, int]:
        return {int(name.removeprefix("kriteria_")): value for name, value in self.cleaned_data.items()}


class PengaturanTargetForm(ScopedModelForm):
    """The KPM section of the targets page (/wilayah/target/, ``kader.target``)."""

    class Meta:
        model = PengaturanKader
        fields = ["target_minimal", "target_maksimal"]
        labels = {"target_minimal": _("Paling sedikit (KPM aktif per kelurahan)"), "target_maksimal": _("Paling banyak (KPM aktif per kelurahan)")}
