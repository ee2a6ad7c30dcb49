"""Forms of the PUD pages. They read input and build instances; every write goes through
``pud.services`` (``wilayah.forms.ScopedModelForm`` refuses ``save()``), whose ``ValidationError``
lands on the form (``wilayah.forms.ServiceFormMixin`` / ``tambah_galat``)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from wilayah.berkas import ACCEPT
from wilayah.forms import NikFormMixin, ScopedModelForm, TeleponField, kelurahan_operator_tetap

from .models import UMKM, KategoriKosong, KriteriaPUD, PengajuanPUD, PesertaFGD, Siklus, Usulan

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

# --- A1: pengajuan kelurahan ---


class BeritaAcaraForm(ScopedModelForm):
    """The FGD held: date, place, berita acara number and its signed scan."""

    class Meta:
        model = PengajuanPUD
        fields = ["tanggal_fgd", "tempat_fgd", "nomor_berita_acara", "berita_acara"]
        widgets = {"tanggal_fgd": TANGGAL}


class PesertaForm(ScopedModelForm):
    class Meta:
        model = PesertaFGD
        fields = ["peran", "nama", "jabatan"]


class KategoriKosongForm(ScopedModelForm):
    class Meta:
        model = KategoriKosong
        fields = ["kategori", "alasan"]
        widgets = {"alasan": forms.Textarea(attrs={"rows": 3})}


PILIHAN_SKOR = [("", "–")] + [(s, str(s)) for s in range(1, 6)]


class UsulanForm(ScopedModelForm):
    """A nomination with one optional score (1 to 5) per criterion of the round, ``nilai_<id>``.
    The UMKM are the active ones of the pengajuan's kelurahan the user may see (a forged id of
    another kelurahan's UMKM is not a valid choice); the one already chosen stays selectable."""

    class Meta:
        model = Usulan
        fields = ["kategori", "umkm", "produk", "alasan", "utama"]
        widgets = {"alasan": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, pengajuan, kriteria, nilai_awal=None, **kwargs):
        super().__init__(*args, **kwargs)
        pilihan = UMKM.objects.for_user(self.user, "view").filter(kelurahan_id=pengajuan.kelurahan_id)
        if self.instance.umkm_id:
            pilihan = pilihan.filter(aktif=True) | pilihan.filter(pk=self.instance.umkm_id)
        else:
            pilihan = pilihan.filter(aktif=True)
        self.fields["umkm"].queryset = pilihan.order_by("nama_usaha", "pk")
        self.fields["umkm"].help_text = _("UMKM kelurahan %(k)s yang masih berjalan.") % {"k": pengajuan.kelurahan.nama}
        nilai_awal = nilai_awal or {}
        self.kriteria = list(kriteria)
        for k in self.kriteria:
            self.fields[f"nilai_{k.pk}"] = forms.TypedChoiceField(
                label=_("Skor: %(nama)s (bobot %(bobot)s)") % {"nama": k.nama, "bobot": k.bobot},
                choices=PILIHAN_SKOR, coerce=int, empty_value=None, required=False,
                initial=nilai_awal.get(k.pk), help_text=k.keterangan,
            )  # fmt: skip

    def nilai(self) -> dict[int, int]:
        """{criterion id: score} of the scores given (a cleared score is removed by the service)."""
        hasil = {}
        for k in self.kriteria:
            skor = self.cleaned_data.get(f"nilai_{k.pk}")
            if skor is not None:
                hasil[k.pk] = skor
        return hasil


class LangkahForm(forms.Form):
    """Confirming a workflow step: a note, and the decree for the determining step. Whether the
    note or the decree is required is the service's rule (``pengajuan_langkah``), its message lands
    on the field; the form only marks them for the browser."""

    catatan = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    nomor_keputusan = forms.CharField(label=_("Nomor keputusan wali kota"), max_length=100, required=False)
    tanggal_keputusan = forms.DateField(label=_("Tanggal keputusan wali kota"), required=False, widget=TANGGAL)

    def __init__(self, *args, langkah, **kwargs):
        super().__init__(*args, **kwargs)
        if langkah.perlu_catatan:
            self.fields["catatan"].label = _("Alasan (wajib)")
            self.fields["catatan"].widget.attrs["required"] = True
        if langkah.perlu_keputusan:
            for nama in ("nomor_keputusan", "tanggal_keputusan"):
                self.fields[nama].label = f"{self.fields[nama].label} ({_('wajib')})"
                self.fields[nama].widget.attrs["required"] = True
        else:
            del self.fields["nomor_keputusan"]
            del self.fields["tanggal_keputusan"]


# --- B: UMKM ---


class UMKMForm(NikFormMixin, ScopedModelForm):
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
        self.fields["rw"].queryset = self.fields["rw"].queryset.select_related("kelurahan")
        self.fields["rw"].label_from_instance = lambda rw: f"{rw.label} · {rw.kelurahan.nama}"
        self.fields["kelurahan"].queryset = self.fields["kelurahan"].queryset.select_related("kecamatan")
        kelurahan_operator_tetap(self, user)

    def clean_nib(self):
        # As typed (1234 5678 90123): spaces, dots and dashes out; the 13-digit rule is the model's.
        return re.sub(r"[\s.\-]", "", self.cleaned_data.get("nib") or "")


class FotoUMKMForm(forms.Form):
    """The photo is checked (and decoded, once) by ``services.umkm_foto_tambah``; its refusal lands on ``gambar``."""

    gambar = forms.FileField(label=_("Foto produk (JPEG, PNG atau WEBP, paling besar 5 MB)"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT["gambar"]}))
    keterangan = forms.CharField(label=_("Keterangan"), max_length=200, required=False)
