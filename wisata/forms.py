from django import forms
from django.utils.translation import gettext_lazy as _

from wilayah.berkas import ACCEPT
from wilayah.forms import ScopedModelForm, TeleponField

from .models import Destinasi, Event, KategoriWisata, TargetProgram

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DestinasiForm(ScopedModelForm):
    class Meta:
        model = Destinasi
        fields = [
            "nama", "kelurahan", "rw", "kategori", "deskripsi", "alamat", "lintang", "bujur",
            "status", "tanggal_potensi", "tanggal_pengembangan", "tanggal_aktif", "baru",
            "pengelola_jenis", "pengelola_lembaga", "pengelola_nama", "pengelola_telepon", "kontak_publik", "kontak_publik_tampil",
            "jam_buka", "harga_tiket", "fasilitas",
        ]
        widgets = {
            "tanggal_potensi": TANGGAL, "tanggal_pengembangan": TANGGAL, "tanggal_aktif": TANGGAL,
            "deskripsi": forms.Textarea(attrs={"rows": 4}), "fasilitas": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"pengelola_telepon": TeleponField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].queryset = KategoriWisata.objects.filter(aktif=True)
        self.fields["rw"].queryset = self.fields["rw"].queryset.select_related("kelurahan")
        self.fields["rw"].label_from_instance = lambda rw: f"{rw.label} · {rw.kelurahan.nama}"
        self.fields["status"].help_text = _("Hanya destinasi aktif yang dihitung menutup RW dan tampil di katalog publik.")


class BanyakBerkasInput(forms.FileInput):
    allow_multiple_selected = True


class BanyakFotoField(forms.FileField):
    """One or more image files in one input (``multiple``); cleaned to a list, empty when none. Each file is
    checked (and decoded, once) by the photo door ``services.foto_tambah``, not here."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", BanyakBerkasInput(attrs={"accept": ACCEPT["gambar"], "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        berkas = data if isinstance(data, (list, tuple)) else [data]
        return [f for f in (super(BanyakFotoField, self).clean(d, initial) for d in berkas if d) if f]


class DestinasiTambahForm(DestinasiForm):
    """The create form: the destination and, right away, its photos (``services.destinasi_simpan``
    stores both or neither)."""

    foto = BanyakFotoField(
        label=_("Foto (boleh lebih dari satu; JPEG, PNG atau WEBP, masing-masing paling besar 5 MB)"), required=False,
        help_text=_("Bila penyimpanan gagal, pilih fotonya lagi."),
    )
    keterangan_foto = forms.CharField(label=_("Keterangan foto"), max_length=200, required=False)


class FotoForm(forms.Form):
    """The photo is checked (and decoded, once) by ``services.foto_tambah``; its refusal lands on ``gambar``."""

    gambar = forms.FileField(label=_("Foto (JPEG, PNG atau WEBP, paling besar 5 MB)"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT["gambar"]}))
    keterangan = forms.CharField(label=_("Keterangan"), max_length=200, required=False)


class EventForm(ScopedModelForm):
    class Meta:
        model = Event
        fields = [
            "nama", "kelurahan", "rw", "destinasi", "kategori", "tanggal_mulai", "tanggal_selesai", "tahunan",
            "penyelenggara", "lokasi", "deskripsi", "status", "pengunjung", "umkm_terlibat", "transaksi", "catatan_dampak",
        ]
        widgets = {
            "tanggal_mulai": TANGGAL, "tanggal_selesai": TANGGAL,
            "deskripsi": forms.Textarea(attrs={"rows": 3}), "catatan_dampak": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].queryset = KategoriWisata.objects.filter(aktif=True)
        self.fields["rw"].queryset = self.fields["rw"].queryset.select_related("kelurahan")
        self.fields["rw"].label_from_instance = lambda rw: f"{rw.label} · {rw.kelurahan.nama}"


class TargetProgramForm(ScopedModelForm):
    class Meta:
        model = TargetProgram
        fields = ["tahun", "target_destinasi_baru", "target_event_tahunan", "target_rw_persen"]

