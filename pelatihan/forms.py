"""Forms of the pelatihan pages. They read input and build instances; every write goes through
``pelatihan.services`` (``wilayah.forms.ScopedModelForm`` refuses ``save()``), whose ``ValidationError``
lands on the form (``wilayah.forms.ServiceFormMixin`` / ``tambah_galat``)."""

from __future__ import annotations

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _, gettext_lazy as _l
from wilayah.forms import ScopedModelForm, TeleponField, kelurahan_operator_tetap
from wilayah.models import RW
from wilayah.scoping import Tingkat, boleh, lingkup_of
from . import services as _services
from .models import (
    Diklat,
    Instansi,
    JenisTindakLanjut,
    Materi,
    Narasumber,
    Peserta,
    RencanaTindakLanjut,
    SesiDiklat,
    StatusDiklat,
    StatusHadir,
)


# --- diklat ---


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


# --- peserta ---


class _SesiField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


def sesi_pilihan(diklat):
    """The sessions of ``diklat`` a participant may be registered for, in order."""
    return SesiDiklat.objects.filter(diklat=diklat).order_by("tanggal_mulai", "pk")


class PesertaForm(ScopedModelForm):
    """A participant entered by hand (or edited). The kecamatan and kelurahan offer only the user's
    scope within the diklat's coverage; an operator's kelurahan is fixed; the session is asked only
    when the diklat has several. The rules (quota, once per diklat, coverage) run in the service."""

    class Meta:
        model = Peserta
        fields = ["nama", "jenis_kelamin", "unsur", "jabatan", "lembaga_asal", "kecamatan", "kelurahan", "telepon", "sesi"]
        field_classes = {"telepon": TeleponField, "sesi": _SesiField}

    def __init__(self, *args, user, diklat, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.diklat = diklat
        self.instance.diklat = diklat
        kelurahan = self.fields["kelurahan"].queryset.select_related("kecamatan").order_by("kecamatan__nama", "nama")
        kecamatan = self.fields["kecamatan"].queryset.order_by("nama")
        if diklat.kelurahan_id:
            kelurahan = kelurahan.filter(pk=diklat.kelurahan_id)
        if diklat.kecamatan_id:
            kecamatan = kecamatan.filter(pk=diklat.kecamatan_id)
            kelurahan = kelurahan.filter(kecamatan_id=diklat.kecamatan_id)
        self.fields["kelurahan"].queryset = kelurahan
        self.fields["kelurahan"].label_from_instance = lambda k: f"{k.nama} (Kec. {k.kecamatan.nama})"
        self.fields["kecamatan"].queryset = kecamatan
        self.fields["kecamatan"].required = False
        self.fields["kecamatan"].help_text = _("Diisi otomatis dari kelurahan; pilih hanya untuk peserta dari kantor kecamatan.")
        kelurahan_operator_tetap(self, user)
        if self.fields["kelurahan"].disabled:
            del self.fields["kecamatan"]  # an operator registers people of their kelurahan: the service derives it
        sesi = sesi_pilihan(diklat)
        if len(sesi) > 1:
            self.fields["sesi"].queryset = sesi
            self.fields["sesi"].empty_label = _("Pilih sesi")
        else:
            del self.fields["sesi"]


class PilihSesiForm(forms.Form):
    """The session of a cadre or board member registered from the search results (several sessions only)."""

    sesi = _SesiField(label=_("Sesi"), queryset=SesiDiklat.objects.none(), required=False, empty_label=_("Pilih sesi"))

    def __init__(self, *args, diklat, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sesi"].queryset = sesi_pilihan(diklat)


# --- kehadiran dan evaluasi ---


AWALAN_STATUS = "status_"
PILIHAN_NILAI = [(n, str(n)) for n in range(1, 6)]


class KehadiranForm(forms.Form):
    """One day's attendance of a session's participants: a radio group ``status_<participant id>``
    per row (pre-filled with the recorded status, "Hadir" for a row not recorded yet), the day and
    the session as hidden fields. A ``status_`` key that is not a row of this table (another
    diklat's participant, not a number) is a form error: nothing is saved."""

    sesi = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    tanggal = forms.DateField(widget=forms.HiddenInput)

    def __init__(self, *args, peserta=(), tercatat=None, **kwargs):
        super().__init__(*args, **kwargs)
        tercatat = tercatat or {}
        self.peserta = list(peserta)
        for p in self.peserta:
            self.fields[f"{AWALAN_STATUS}{p.pk}"] = forms.ChoiceField(
                label=p.nama, choices=StatusHadir.choices, widget=forms.RadioSelect(attrs={"class": "form-check-input"}), initial=tercatat.get(p.pk, StatusHadir.HADIR),
                error_messages={"required": _("Pilih kehadiran %(nama)s.") % {"nama": p.nama},
                                "invalid_choice": _("Status kehadiran %(nama)s tidak dikenal.") % {"nama": p.nama}},
            )  # fmt: skip

    def baris(self):
        """(participant, their radio field) per row, for the table."""
        return [(p, self[f"{AWALAN_STATUS}{p.pk}"]) for p in self.peserta]

    def clean(self):
        data = super().clean()
        asing = [k for k in self.data if k.startswith(AWALAN_STATUS) and k not in self.fields]
        if asing:
            raise forms.ValidationError(_("Data kehadiran memuat peserta yang tidak ada di daftar sesi ini. Muat ulang halaman, lalu simpan lagi."))
        if not self.peserta:
            raise forms.ValidationError(_("Sesi ini belum mempunyai peserta."))
        return data

    def status_per_peserta(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data[f"{AWALAN_STATUS}{p.pk}"] for p in self.peserta}


class EvaluasiForm(forms.Form):
    """The questionnaire after the diklat, as the organiser types in the paper form: per module of
    the participant's session ``materi_<id>`` (the module, 1–5) and, when it has a speaker,
    ``narasumber_<id>`` (the speaker, 1–5), both optional (a module the participant missed); the
    overall rating, the benefits and the suggestions. The rules are ``services.evaluasi_simpan``'s."""

    nilai_umum = forms.TypedChoiceField(label=_("Penilaian keseluruhan diklat (1–5)"), choices=PILIHAN_NILAI, coerce=int, widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    manfaat = forms.CharField(label=_("Manfaat yang dirasakan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    saran = forms.CharField(label=_("Saran dan komentar"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, materi=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.materi = list(materi)
        pilihan = [("", "–"), *PILIHAN_NILAI]
        for m in self.materi:
            self.fields[f"materi_{m.pk}"] = forms.TypedChoiceField(
                label=_("Materi: %(judul)s") % {"judul": m.judul}, choices=pilihan, coerce=int, empty_value=None, required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )  # fmt: skip
            if m.narasumber_id:
                self.fields[f"narasumber_{m.pk}"] = forms.TypedChoiceField(
                    label=_("Narasumber: %(nama)s") % {"nama": m.narasumber}, choices=pilihan, coerce=int, empty_value=None, required=False,
                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                )  # fmt: skip

    def baris(self):
        """(module, its rating field, its speaker's rating field or None) per module."""
        return [(m, self[f"materi_{m.pk}"], self[f"narasumber_{m.pk}"] if m.narasumber_id else None) for m in self.materi]

    def nilai(self) -> dict[int, tuple[int | None, int | None]]:
        """{module id: (module rating, speaker rating)} of the modules rated (either given)."""
        hasil = {}
        for m in self.materi:
            nm = self.cleaned_data.get(f"materi_{m.pk}")
            nn = self.cleaned_data.get(f"narasumber_{m.pk}")
            if nm is not None or nn is not None:
                hasil[m.pk] = (nm, nn)
        return hasil


# --- follow-up (rencana tindak lanjut) ---


class _KaderPilihan(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        from wilayah.periode import tanggal_id

        return _l("%(nama)s (mulai %(tgl)s)") % {"nama": obj.nama, "tgl": tanggal_id(obj.tanggal_mulai)}


class RencanaForm(ScopedModelForm):
    """A commitment. The camat or Bappeda (``add`` on commitments) sets what is committed; the
    kelurahan's operator records its progress: the destination or the new cadres that fulfil it,
    the day an ``lainnya`` commitment was done, notes. Choices: the commitment's kelurahan (its RW,
    its destinations, its cadres since the diklat's first day), within the user's scope."""

    KOMITMEN = ("kelurahan", "jenis", "uraian", "rw", "target_jumlah", "tenggat")
    PERKEMBANGAN = ("destinasi", "kader_baru", "selesai_pada")

    kader_baru = _KaderPilihan(label=_l("KPM baru yang terwujud"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
                               help_text=_l("KPM kelurahan ini yang mulai bertugas sejak hari pertama diklat."))

    class Meta:
        model = RencanaTindakLanjut
        fields = ["kelurahan", "jenis", "uraian", "rw", "target_jumlah", "tenggat", "destinasi", "selesai_pada", "catatan"]
        widgets = {
            "tenggat": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "selesai_pada": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "catatan": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, peserta=None, **kwargs):
        super().__init__(*args, **kwargs)
        rencana = self.instance
        if peserta is not None:
            rencana.peserta = peserta
            if peserta.kelurahan_id and not rencana.kelurahan_id:
                rencana.kelurahan_id = peserta.kelurahan_id
        peserta = rencana.peserta
        self.fields["kelurahan"].queryset = self.fields["kelurahan"].queryset.filter(kecamatan_id=peserta.kecamatan_id)
        if peserta.kelurahan_id:
            self.fields["kelurahan"].initial = peserta.kelurahan_id
            self.fields["kelurahan"].disabled = True
        kelurahan_id = rencana.kelurahan_id or (self.data.get(self.add_prefix("kelurahan")) if self.is_bound else None)
        if not str(kelurahan_id or "").isdigit():
            kelurahan_id = None
        self.fields["rw"].queryset = RW.objects.for_user(self.user).filter(
            kelurahan_id=kelurahan_id) if kelurahan_id else RW.objects.for_user(self.user).filter(kelurahan__kecamatan_id=peserta.kecamatan_id)
        self.fields["rw"].label_from_instance = lambda rw: rw.label

        baru = rencana.pk is None
        if baru or not rencana.kelurahan_id:
            for nama in self.PERKEMBANGAN:
                del self.fields[nama]
        else:
            self.fields["destinasi"].queryset = _services.destinasi_boleh_ditautkan(self.user, rencana).order_by("nama")
            self.fields["destinasi"].help_text = _l("Destinasi di kelurahan (dan RW) komitmen ini; komitmen selesai saat ditautkan.")
            self.fields["kader_baru"].queryset = _services.kader_boleh_ditautkan(self.user, rencana).order_by("nama")
            self.fields["kader_baru"].initial = list(rencana.kader_baru.values_list("pk", flat=True))
            self.fields["selesai_pada"].help_text = _l("Untuk komitmen lainnya: tanggal komitmen terlaksana.")
            if rencana.jenis != JenisTindakLanjut.DESTINASI:
                del self.fields["destinasi"]
            if rencana.jenis != JenisTindakLanjut.KADER:
                del self.fields["kader_baru"]
            if rencana.jenis != JenisTindakLanjut.LAINNYA:
                del self.fields["selesai_pada"]
            if not boleh(self.user, RencanaTindakLanjut, "add"):
                for nama in self.KOMITMEN:
                    self.fields[nama].disabled = True
