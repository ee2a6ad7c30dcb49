"""Forms of the pelatihan pages: they read and build; the services in ``pelatihan.services`` write."""


# --- follow-up (rencana tindak lanjut) ---
# Imports here, not at the top: the top of this file is written by several people at once.
from django import forms  # noqa: E402
from django.utils.translation import gettext_lazy as _l  # noqa: E402

from wilayah.forms import ScopedModelForm  # noqa: E402
from wilayah.models import RW  # noqa: E402
from wilayah.scoping import boleh  # noqa: E402

from . import services as _services  # noqa: E402
from .models import JenisTindakLanjut, RencanaTindakLanjut  # noqa: E402


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

