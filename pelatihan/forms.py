"""Forms of the pelatihan pages. They read input and build instances; every write goes through
``pelatihan.services`` (``wilayah.forms.ScopedModelForm`` refuses ``save()``), whose ``ValidationError``
lands on the form (``wilayah.forms.ServiceFormMixin`` / ``tambah_galat``)."""

# --- diklat ---

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from wilayah.forms import ScopedModelForm, TeleponField, kelurahan_operator_tetap
from wilayah.scoping import Tingkat, lingkup_of

from .models import Diklat, Instansi, Materi, Narasumber, SesiDiklat, StatusDiklat

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
JAM = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class _KelurahanBerkecamatan(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nama} (Kec. {obj.kecamatan.nama})"


def cakupan_tetap(form, user) -> None:
    """The coverage a user may give a diklat, as the fields offer it: an operator their own kelurahan
    (fixed); a camat their kecamatan (the only choice, required: no city diklat) with one of its
    kelurahan or none. The service refuses any other (``DiklatQuerySet.scope_q``)."""
    lingkup = lingkup_of(user)
    if lingkup is None or user.is_superuser:
        return
    if lingkup.tingkat == Tingkat.KELURAHAN:
        kelurahan_operator_tetap(form, user)
        form.fields["kecamatan"].initial = lingkup.kelurahan.kecamatan_id
        form.fields["kecamatan"].disabled = True
        if not form.instance.pk:
            form.instance.kecamatan_id = lingkup.kelurahan.kecamatan_id
    elif lingkup.tingkat == Tingkat.KECAMATAN:
        form.fields["kecamatan"].required = True
        form.fields["kecamatan"].empty_label = None
        form.fields["kecamatan"].initial = lingkup.kecamatan_id


class DiklatForm(ScopedModelForm):
    """A diklat's data (``services.diklat_simpan``); its status has its own buttons, its dates come
    from its sessions."""

    class Meta:
        model = Diklat
        fields = [
            "judul", "jenis", "penyelenggara", "penyelenggara_lain", "sasaran", "deskripsi", "kuota", "kecamatan", "kelurahan",
            "persen_hadir_minimal", "awalan_nomor_sertifikat", "ttd_nama", "ttd_jabatan", "ttd_nip",
        ]  # fmt: skip
        field_classes = {"kelurahan": _KelurahanBerkecamatan}
        widgets = {"penyelenggara_lain": forms.CheckboxSelectMultiple, "deskripsi": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = self.fields["kelurahan"].queryset.select_related("kecamatan").order_by("kecamatan__nama", "nama")
        self.fields["kecamatan"].empty_label = _("Seluruh kota")
        self.fields["kelurahan"].empty_label = _("Seluruh kecamatan (atau kota)")
        # Help texts are rendered as HTML: the model's "<nomor diklat>" would vanish as a tag.
        self.fields["awalan_nomor_sertifikat"].help_text = escape(self.fields["awalan_nomor_sertifikat"].help_text)
        cakupan_tetap(self, self.user)


class DiklatBuatForm(DiklatForm):
    """A new diklat with its first session: where and from when to when (``services.diklat_simpan``)."""

    tempat = forms.CharField(label=_("Tempat"), max_length=200, help_text=_("Tempat sesi pertama, misalnya Aula DKPPP."))
    tanggal_mulai = forms.DateField(label=_("Tanggal mulai"), widget=TANGGAL)
    tanggal_selesai = forms.DateField(label=_("Tanggal selesai"), widget=TANGGAL, help_text=_("Sama dengan tanggal mulai untuk kegiatan sehari."))

    def sesi(self) -> SesiDiklat:
        data = self.cleaned_data
        return SesiDiklat(tempat=data.get("tempat", ""), tanggal_mulai=data.get("tanggal_mulai"), tanggal_selesai=data.get("tanggal_selesai"))


class StatusDiklatForm(forms.Form):
    status = forms.ChoiceField(label=_("Status baru"), choices=StatusDiklat.choices)


class SesiForm(ScopedModelForm):
    class Meta:
        model = SesiDiklat
        fields = ["nama", "tempat", "tanggal_mulai", "tanggal_selesai"]
        widgets = {"tanggal_mulai": TANGGAL, "tanggal_selesai": TANGGAL}


class MateriForm(ScopedModelForm):
    """A module of a session; the speaker is chosen from the directory (``Narasumber.objects.for_user``)."""

    class Meta:
        model = Materi
        fields = ["judul", "tanggal", "jam_mulai", "jam_selesai", "narasumber"]
        widgets = {"tanggal": TANGGAL, "jam_mulai": JAM, "jam_selesai": JAM}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sesi = self.instance.sesi
        self.fields["narasumber"].queryset = Narasumber.objects.for_user(self.user).select_related("instansi")
        self.fields["narasumber"].empty_label = _("Belum ditentukan")
        self.fields["tanggal"].widget.attrs.update(min=sesi.tanggal_mulai.isoformat(), max=sesi.tanggal_selesai.isoformat())
        self.fields["tanggal"].help_text = _("Di antara tanggal sesi: %(sesi)s.") % {"sesi": sesi}
        if not self.instance.pk and sesi.tanggal_mulai == sesi.tanggal_selesai:
            self.fields["tanggal"].initial = sesi.tanggal_mulai


class NarasumberForm(ScopedModelForm):
    class Meta:
        model = Narasumber
        fields = ["nama", "jabatan", "instansi", "telepon"]
        field_classes = {"telepon": TeleponField}


class InstansiForm(ScopedModelForm):
    class Meta:
        model = Instansi
        fields = ["nama", "singkatan"]
