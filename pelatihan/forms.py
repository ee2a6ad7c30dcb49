"""Forms of the pelatihan pages. They read and check input; every write goes through
``pelatihan.services`` (``wilayah.forms.ServiceFormMixin`` / ``tambah_galat``)."""

from __future__ import annotations


# --- kehadiran dan evaluasi ---
# Imports of this block here: the file is appended to by every part of the app.
from django import forms  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402

from .models import StatusHadir  # noqa: E402

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
