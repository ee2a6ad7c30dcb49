from pathlib import Path

from django import forms
from django.core.files.base import ContentFile
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wilayah.berkas import gambar_bersih, validasi_gambar, validasi_pdf_atau_gambar
from wilayah.forms import ScopedModelForm
from wilayah.nik import LABEL_KONFIRMASI, bersihkan_nik, boleh_cari_nik
from wilayah.scoping import Tingkat, lingkup_of

from .models import (
    BidangKerja,
    JabatanForkom,
    Kader,
    KepengurusanForkom,
    KriteriaLomba,
    LombaKPM,
    PeranKPM,
    StatusKader,
)

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class KaderForm(ScopedModelForm):
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

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["nik_luar_wilayah"].label = LABEL_KONFIRMASI
        self.fields["bidang_kerja"].queryset = BidangKerja.objects.filter(aktif=True)
        self.fields["rw"].queryset = self.fields["rw"].queryset.select_related("kelurahan")
        self.fields["rw"].label_from_instance = lambda rw: f"{rw.label} - {rw.kelurahan.nama}"
        self.fields["peran_kpm"].initial = self.instance.daftar_peran
        lingkup = lingkup_of(user)
        if lingkup is not None and lingkup.tingkat == Tingkat.KELURAHAN:
            self.fields["kelurahan"].initial = lingkup.kelurahan_id
            self.fields["kelurahan"].disabled = True
            if not self.instance.pk:
                self.instance.kelurahan_id = lingkup.kelurahan_id
        self.nik_luar_wilayah_dicek = False

    def clean_nik(self):
        return bersihkan_nik(self.cleaned_data.get("nik"))

    def clean_scan_sk(self):
        berkas = self.cleaned_data.get("scan_sk")
        if berkas and hasattr(berkas, "content_type"):
            validasi_pdf_atau_gambar(berkas)
        return berkas

    def clean_foto(self):
        """A photo is checked by content, then re-encoded without its EXIF (location, camera) and shrunk."""
        berkas = self.cleaned_data.get("foto")
        if berkas and hasattr(berkas, "content_type"):
            validasi_gambar(berkas)
            berkas.seek(0)
            bersih = gambar_bersih(berkas.read(), ukuran_maks=(800, 800))
            return ContentFile(bersih, name=f"{Path(berkas.name).stem}.jpg")
        return berkas

    def add_error(self, field, error):
        super().add_error(field, error)
        # A refused NIK from outside the region shows the confirmation box next to it.
        if field == "nik_luar_wilayah" or (isinstance(error, ValidationError) and "nik_luar_wilayah" in getattr(error, "error_dict", {})):
            self.nik_luar_wilayah_dicek = True


class NonaktifForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan nonaktif"), max_length=200, help_text=_("Misalnya pindah domisili, mengundurkan diri, meninggal dunia."))
    tanggal = forms.DateField(label=_("Tanggal nonaktif"), widget=TANGGAL, initial=timezone.localdate)


class KaderFilterForm(forms.Form):
    URUTAN = [
        ("nama", _("Nama (A-Z)")),
        ("-nama", _("Nama (Z-A)")),
        ("-tanggal_mulai", _("Mulai terbaru")),
        ("tanggal_mulai", _("Mulai terlama")),
        ("kelurahan", _("Kelurahan")),
    ]
    q = forms.CharField(label=_("Cari nama atau NIK"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua status"))] + StatusKader.choices)
    peran = forms.ChoiceField(label=_("Peran"), required=False, choices=[("", _("Semua peran"))] + PeranKPM.choices)
    bidang = forms.ModelChoiceField(label=_("Bidang kerja"), required=False, queryset=BidangKerja.objects.all(), empty_label=_("Semua bidang"))
    kelurahan = forms.ModelChoiceField(label=_("Kelurahan"), required=False, queryset=None, empty_label=_("Semua kelurahan"))
    rw = forms.IntegerField(label=_("Nomor RW"), required=False, min_value=1)
    urut = forms.ChoiceField(label=_("Urutkan"), required=False, choices=URUTAN)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from wilayah.models import Kelurahan

        self.fields["kelurahan"].queryset = Kelurahan.objects.for_user(user)
        self.cari_nik = boleh_cari_nik(user)
        if not self.cari_nik:
            self.fields["q"].label = _("Cari nama")

    def saring(self, queryset):
        if not self.is_valid():
            return queryset.order_by("nama", "pk")
        d = self.cleaned_data
        if d.get("q"):
            q = d["q"].strip()
            digits = q.replace(" ", "")
            if digits.isdigit() and len(digits) >= 4 and not self.cari_nik:
                # Those who see NIK masked may not probe for one either.
                queryset = queryset.none()
            elif digits.isdigit() and len(digits) >= 4:
                queryset = queryset.filter(nik__startswith=digits) if len(digits) < 16 else queryset.filter(nik=digits)
            else:
                queryset = queryset.filter(nama__icontains=q)
        if d.get("status"):
            queryset = queryset.filter(status=d["status"])
        if d.get("peran"):
            queryset = queryset.dengan_peran(d["peran"])
        if d.get("bidang"):
            queryset = queryset.filter(bidang_kerja=d["bidang"])
        if d.get("kelurahan"):
            queryset = queryset.filter(kelurahan=d["kelurahan"])
        if d.get("rw"):
            queryset = queryset.filter(rw__nomor=d["rw"])
        urut = d.get("urut") or "nama"
        if urut == "kelurahan":
            return queryset.order_by("kelurahan__kode", "nama", "pk")
        return queryset.order_by(urut, "pk")


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


class AnggotaForkomForm(forms.Form):
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


class NominasiForm(forms.Form):
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
