"""Form helpers: choices limited to the user's scope, and writes through a service.

- ``ScopedModelForm`` takes ``user`` and narrows every scoped choice field with ``for_user``. It
  only reads and builds the instance: the model's rules (``clean()``, constraints) run once, in
  the service that saves it, and ``save()`` is refused, so a form can never be a second door.
- ``ServiceFormMixin`` (for Create/Update/Form views): ``form_valid`` calls ``self.simpan(form)``,
  which calls the service, and puts the service's ``ValidationError`` on the form with
  ``tambah_galat``.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import ModelChoiceField, construct_instance
from django.shortcuts import redirect

from .models import RT, RW
from .nik import KOLOM_KONFIRMASI, LABEL_KONFIRMASI, bersihkan_nik
from .penyaji import PENYAJI_CEPAT
from .scoping import is_scoped_model


def tambah_galat(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: fields the form shows by name, the rest on top."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        tampil = field != NON_FIELD_ERRORS and field in form.fields and not form.fields[field].disabled
        form.add_error(field if tampil else None, errors)


def sempitkan_pilihan(fields, user, *, form=None, cascade=None) -> None:
    """Every choice field over a scoped model offers only the rows ``user`` may see (forms and filters).

    A region picker (Kecamatan, Kelurahan, RW, RT) gets ``wilayah.pilih``'s widget, which never prints
    every region: the chosen value, and the whole list only when it is short or its parent is chosen.
    ``cascade`` (``{"rw": "kelurahan"}``, with ``form``) names each dependent picker's parent."""
    from .pilih import hubungkan, pasang

    for field in fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and is_scoped_model(queryset.model):
            field.queryset = queryset.for_user(user)
            pasang(field, user=user, asal=queryset)
        else:
            pasang(field)
    if form is not None and cascade:
        hubungkan(form, cascade)


class ScopedModelForm(forms.ModelForm):
    """A ModelForm that takes ``user``, narrows every scoped choice field with ``for_user`` and
    leaves validation of the model and saving to a service (see the module docstring)."""

    #: dependent region pickers (``wilayah.pilih``): each prints its parent's rows once the parent is
    #: chosen; pairs absent from the form are ignored
    cascade = {"rw": "kelurahan", "rt": "rw"}

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        sempitkan_pilihan(self.fields, user, form=self, cascade=self.cascade)
        ganti_pilihan_kosong(self.fields)

    def _post_clean(self):
        # Build the instance only; the service runs full_clean (clean(), constraints) once.
        try:
            self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
        except ValidationError as exc:
            self._update_errors(exc)

    def save(self, commit=True):
        raise RuntimeError(f"{type(self).__name__}: simpan lewat service aplikasi, bukan form.save().")


class NikFormMixin:
    """A form with a ``nik`` field and its confirmation ``nik_luar_wilayah`` (``wilayah.nik``): the NIK is
    cleaned as typed or pasted (``bersihkan_nik``), the confirmation carries its label, and it is shown
    (``nik_luar_wilayah_dicek``, template ``wilayah/_nik_luar_wilayah.html``) once the service refused
    the NIK's first six digits. The rules themselves stay in the service (``periksa_nik``)."""

    nik_luar_wilayah_dicek = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[KOLOM_KONFIRMASI].label = LABEL_KONFIRMASI

    def clean_nik(self):
        return bersihkan_nik(self.cleaned_data.get("nik"))

    def add_error(self, field, error):
        super().add_error(field, error)
        if field == KOLOM_KONFIRMASI or (isinstance(error, ValidationError) and KOLOM_KONFIRMASI in getattr(error, "error_dict", {})):
            self.nik_luar_wilayah_dicek = True


def kelurahan_operator_tetap(form, user) -> None:
    """A kelurahan operator records in their own kelurahan: the form's ``kelurahan`` field shows it,
    fixed, and a new instance gets it (the service still refuses any other)."""
    from .scoping import Tingkat, lingkup_of

    lingkup = lingkup_of(user)
    if lingkup is not None and lingkup.tingkat == Tingkat.KELURAHAN:
        form.fields["kelurahan"].initial = lingkup.kelurahan_id
        form.fields["kelurahan"].disabled = True
        if not form.instance.pk:
            form.instance.kelurahan_id = lingkup.kelurahan_id


class JudulFormMixin:
    """Form views: the heading and title say what is added or changed (``judul`` in the context,
    printed by ``templates/wilayah/form.html`` and any form template that shows ``{{ judul }}``):
    "Tambah diklat", "Ubah kader KPM Siti Aminah". The name is the model's ``verbose_name`` (the
    view's ``model``, else the form's ``Meta.model``) or the view's ``nama_objek``; a view that
    passes its own ``judul`` (``extra_context`` or ``get_context_data``) keeps it."""

    nama_objek = ""

    def get_nama_objek(self) -> str:
        if self.nama_objek:
            return str(self.nama_objek)
        model = getattr(self, "model", None)
        if model is None:
            meta = getattr(self.get_form_class(), "_meta", None)
            model = getattr(meta, "model", None)
        return huruf_kecil_awal(model._meta.verbose_name) if model is not None else ""

    def get_judul(self) -> str:
        return judul_formulir(self.get_nama_objek(), getattr(self, "object", None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context.get("judul"):
            context["judul"] = self.get_judul()
        return context


class ServiceFormMixin(JudulFormMixin):
    """For Create/Update/Form views: the write goes through ``simpan(form)`` (a service call)."""

    pesan_sukses = ""

    def simpan(self, form):
        raise NotImplementedError

    def get_pesan_sukses(self) -> str:
        return self.pesan_sukses % {"obj": self.object} if self.pesan_sukses else ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.get_form_class(), ScopedModelForm):
            kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            self.object = self.simpan(form)
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        pesan = self.get_pesan_sukses()
        if pesan:
            messages.success(self.request, pesan)
        return redirect(self.get_success_url())


class RWForm(ScopedModelForm):
    class Meta:
        model = RW
        fields = ["kelurahan", "nomor", "nama_ketua"]


class RTForm(ScopedModelForm):
    class Meta:
        model = RT
        fields = ["rw", "nomor"]


class BootstrapWidgetsMixin:
    """Bootstrap classes on every widget, for compact forms rendered field by field (list filters).
    Its widgets are written by ``wilayah.penyaji`` (the same HTML as Django's widget templates, cheaper)."""

    default_renderer = PENYAJI_CEPAT

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


# --- printing: who signs a document (imports here: the top of this file is edited in parallel) ---
from django.core.exceptions import ValidationError  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402


class PenandaTanganForm(forms.Form):
    """Who signs (e.g. the lurah), who acknowledges (e.g. the camat) and the date of a printed
    document, as OpenSID's print dialog asks; its cleaned data is what ``wilayah.cetak.blok_tanda_tangan``
    prints. ``dengan_mengetahui=False`` leaves out the acknowledger (a certificate, a receipt)."""

    penanda_tangan_nama = forms.CharField(label=_("Penanda tangan: nama"), max_length=100)
    penanda_tangan_jabatan = forms.CharField(label=_("Penanda tangan: jabatan"), max_length=100, initial=_("Lurah"))
    penanda_tangan_nip = forms.CharField(label=_("Penanda tangan: NIP"), max_length=30, required=False)
    mengetahui_nama = forms.CharField(label=_("Mengetahui: nama"), max_length=100)
    mengetahui_jabatan = forms.CharField(label=_("Mengetahui: jabatan"), max_length=100, initial=_("Camat"))
    mengetahui_nip = forms.CharField(label=_("Mengetahui: NIP"), max_length=30, required=False)
    tanggal = forms.DateField(label=_("Tanggal surat"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    KOLOM_NIP = ("penanda_tangan_nip", "mengetahui_nip")

    def __init__(self, *args, dengan_mengetahui: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not dengan_mengetahui:
            for nama in ("mengetahui_nama", "mengetahui_jabatan", "mengetahui_nip"):
                del self.fields[nama]

    def clean(self):
        data = super().clean()
        for field in self.KOLOM_NIP:
            if field not in self.fields:
                continue
            nip = (data.get(field) or "").replace(" ", "")
            if nip and (not nip.isdigit() or len(nip) != 18):
                self.add_error(field, ValidationError(_("NIP harus 18 angka.")))
            data[field] = nip
        return data


# --- accounts of kelurahan and kecamatan operators (wilayah.akun; imports here to keep merges simple) ---
from .akun import PERAN_TINGKAT  # noqa: E402
from .models import Kecamatan, Kelurahan  # noqa: E402


class _KelurahanDenganKecamatan(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nama} (Kec. {obj.kecamatan.nama})"


class AkunForm(forms.Form):
    """An account's data and scope as Bappeda enters them; ``wilayah.akun`` checks and writes them.
    ``baru``: the user name is asked only when the account is created (it never changes)."""

    username = forms.CharField(
        label=_("Nama pengguna"), max_length=150,
        help_text=_("Untuk masuk, misalnya lurah.kebonsariwetan. Huruf, angka dan . @ + - _ saja; tidak dapat diubah kemudian."),
    )  # fmt: skip
    nama_lengkap = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False, help_text=_("Boleh dikosongkan."))
    peran = forms.ChoiceField(label=_("Peran"), choices=[(p, p) for p in PERAN_TINGKAT], widget=forms.RadioSelect)
    kelurahan = _KelurahanDenganKecamatan(
        label=_("Kelurahan"), queryset=Kelurahan.objects.select_related("kecamatan"), required=False,
        empty_label=_("Pilih kelurahan"), help_text=_("Untuk Operator Kelurahan (lurah, kasi Pemmas)."),
    )  # fmt: skip
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.all(), required=False, empty_label=_("Pilih kecamatan"),
        help_text=_("Untuk Camat."),
    )  # fmt: skip
    jabatan = forms.CharField(label=_("Jabatan"), max_length=100, required=False, help_text=_("Misalnya Lurah, Kasi Pemmas, Camat."))

    def __init__(self, *args, user, baru: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not baru:
            del self.fields["username"]
        sempitkan_pilihan(self.fields, user, form=self)

    @staticmethod
    def awal_dari(akun) -> dict:
        """The form's initial values for a stored account."""
        from .akun import peran_akun

        lingkup = akun.lingkup
        return {
            "nama_lengkap": akun.get_full_name(), "email": akun.email, "peran": peran_akun(akun),
            "kelurahan": lingkup.kelurahan_id, "kecamatan": lingkup.kecamatan_id, "jabatan": lingkup.jabatan,
        }  # fmt: skip


# --- the user's own password page (/akun/kata-sandi/); wilayah.akun.sandi_ganti_sendiri writes ---
from django.contrib.auth.forms import PasswordChangeForm  # noqa: E402


class GantiSandiForm(PasswordChangeForm):
    """Django's checks (old password, the two new ones agree, ``AUTH_PASSWORD_VALIDATORS``) and one more:
    the new password differs from the current one, so a temporary password from Bappeda is not "replaced"
    by itself. The view writes through ``wilayah.akun.sandi_ganti_sendiri``; ``save()`` is refused."""

    def clean(self):
        cleaned = super().clean()
        lama, baru = cleaned.get("old_password"), cleaned.get("new_password1")
        if lama and baru and lama == baru:  # old_password is set only when it is the current password
            self.add_error("new_password1", ValidationError(_("Kata sandi baru harus berbeda dari kata sandi lama."), code="sandi_sama"))
        return cleaned

    def save(self, commit=True):
        raise RuntimeError(f"{type(self).__name__}: simpan lewat wilayah.akun.sandi_ganti_sendiri, bukan form.save().")


# --- phone numbers: the one stored format (wilayah.sel.baca_telepon); imports here to keep merges simple ---
from .sel import SelTidakSah, baca_telepon  # noqa: E402


class TeleponField(forms.CharField):
    """A phone number as people type it (+62 812-3456-7890, 0812 3456 7890, (0335) 420000), cleaned to
    the portal's one stored format by ``wilayah.sel.baca_telepon`` (081234567890, 0335420000), or
    refused with its message. Use it for every phone field of a form: ``Meta.field_classes =
    {"telepon": TeleponField}`` keeps the model field's label and help text."""

    PANJANG_KETIK_MAKS = 30  # what may be typed (spaces, dashes, +62 (0)); the stored value is at most 13 digits

    def __init__(self, *, max_length=None, **kwargs):
        super().__init__(max_length=self.PANJANG_KETIK_MAKS, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        return attrs

    def to_python(self, value):
        teks = super().to_python(value)
        try:
            return baca_telepon(teks)
        except SelTidakSah as exc:
            raise ValidationError(str(exc), code="telepon") from None


# --- a month's data: completeness and the lock (wilayah.kunci writes; imports here to keep merges simple) ---
import datetime as _dt  # noqa: E402
import re as _re  # noqa: E402

from .periode import tahun_sah  # noqa: E402


class BulanField(forms.CharField):
    """A month as ``YYYY-MM`` (the browser's month input), cleaned to its first day; out of range: an error."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2025-06"})

    def to_python(self, value):
        teks = super().to_python(value)
        if not teks:
            return None
        cocok = _re.fullmatch(r"(\d{4})-(\d{1,2})", teks)
        if not cocok or not tahun_sah(int(cocok[1])) or not 1 <= int(cocok[2]) <= 12:
            raise ValidationError(_("Tulis bulan seperti 2025-06."), code="bulan")
        return _dt.date(int(cocok[1]), int(cocok[2]), 1)


class PengaturanBulanForm(forms.Form):
    hari_tepat_waktu = forms.IntegerField(
        label=_("Batas tepat waktu (tanggal bulan berikutnya)"), min_value=1, max_value=28,
        help_text=_("Konfirmasi sampai tanggal ini bulan berikutnya dihitung tepat waktu."),
    )  # fmt: skip
    hari_kunci = forms.IntegerField(
        label=_("Bulan dikunci (hari setelah bulan berakhir)"), min_value=1, max_value=90,
        help_text=_("Sesudah sekian hari dari akhir bulan, data bulan itu tidak bisa diubah lagi tanpa pengecualian."),
    )  # fmt: skip
    kunci_mulai = BulanField(
        label=_("Kunci berlaku mulai bulan"), required=False,
        help_text=_("Bulan pertama yang dikunci; bulan sebelumnya tetap terbuka untuk mencatat data lama. Kosong: kunci belum berlaku."),
    )  # fmt: skip


class PengecualianForm(forms.Form):
    """Which kelurahan (its Kemendagri code, or a choice among one kecamatan's kelurahan), which month,
    until when and why. ``kelurahan_pilihan``: the (code, name) choices of the kecamatan shown."""

    kelurahan = forms.CharField(
        label=_("Kelurahan (kode Kemendagri)"), max_length=13,
        widget=forms.TextInput(attrs={"placeholder": "35.74.04.1004"}),
    )  # fmt: skip
    bulan = BulanField(label=_("Bulan"))
    berlaku_sampai = forms.DateField(label=_("Berlaku sampai"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    alasan = forms.CharField(label=_("Alasan"), max_length=300)

    def __init__(self, *args, user, kelurahan_pilihan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if kelurahan_pilihan:
            self.fields["kelurahan"] = forms.ChoiceField(label=_("Kelurahan"), choices=[("", _("Pilih kelurahan"))] + list(kelurahan_pilihan))

    def clean_kelurahan(self):
        kode = (self.cleaned_data.get("kelurahan") or "").strip()
        kelurahan = Kelurahan.objects.for_user(self.user).filter(kode=kode).first()
        if kelurahan is None:
            raise ValidationError(_("Kelurahan dengan kode %(kode)s tidak ada di wilayah kerja Anda.") % {"kode": kode[:20]})
        return kelurahan


# --- what a form says (issue 15): empty choices, headings; one rule for every form of the portal ---

KOSONG_DJANGO = "---------"  # Django's BLANK_CHOICE_DASH, ModelChoiceField's and django-filter's empty label


def huruf_kecil_awal(teks) -> str:
    """A label or model name inside a sentence: "Jenis kelamin" -> "jenis kelamin"; an abbreviation
    ("RW", "NIK", "UMKM", "KPM Berprestasi") keeps its capitals."""
    teks = str(teks)
    if len(teks) > 1 and teks[1].isupper():
        return teks
    return teks[:1].lower() + teks[1:]


def label_pilihan_kosong(label, *, saring: bool = False) -> str:
    """The empty option of a select: in a data-entry form it asks ("Pilih jenis kelamin…"); in a list's
    filters it means no filter ("Semua")."""
    if saring:
        return str(_("Semua"))
    label = str(label or "").strip().rstrip(":")
    return str(_("Pilih %(label)s…") % {"label": huruf_kecil_awal(label)}) if label else str(_("Pilih…"))


def ganti_pilihan_kosong(fields, *, saring: bool = False) -> None:
    """Every select of ``fields`` whose empty option reads "---------" reads ``label_pilihan_kosong``
    instead (an empty label a form chose itself is kept); in filters (``saring``) a yes/no select's
    "unknown" reads "Semua" too. Called by ``ScopedModelForm``, ``PilihanKosongMixin`` (plain forms)
    and ``wilayah.daftar.FilterSetPortal`` (every list filter)."""
    for nama, field in fields.items():
        widget = field.widget
        # The label is built only for a select that shows Django's dash (most fields are not selects).
        teks = lambda: label_pilihan_kosong(field.label or nama, saring=saring)  # noqa: E731
        if getattr(field, "empty_label", None) is not None:  # ModelChoiceField, django-filter's choice fields
            if str(field.empty_label) == KOSONG_DJANGO:
                field.empty_label = teks()
                widget.choices = field.choices  # a copied widget may still iterate the original field's
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, ModelChoiceField):
            pilihan = list(field.choices)
            if any(nilai in ("", None) and str(label) == KOSONG_DJANGO for nilai, label in pilihan):
                kosong = teks()
                field.choices = [(nilai, kosong if nilai in ("", None) and str(label) == KOSONG_DJANGO else label) for nilai, label in pilihan]
        if saring and isinstance(widget, forms.NullBooleanSelect):
            kosong = teks()
            widget.choices = [(nilai, kosong if nilai == "unknown" else label) for nilai, label in widget.choices]


class PilihanKosongMixin:
    """For a plain ``forms.Form`` with selects: empty options read "Pilih …" (``ganti_pilihan_kosong``).
    ``ScopedModelForm`` does the same by itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ganti_pilihan_kosong(self.fields)


def judul_formulir(nama_objek: str, objek=None) -> str:
    """A form page's heading: "Tambah diklat", "Ubah kader KPM Siti Aminah". Words the object's own name
    starts with are not said twice: "Ubah RW 01 Kebonsari Wetan" (not "Ubah RW RW 01 ..."), "Ubah
    kepengurusan Forkom KPM Kelurahan Jati 2024-2029" (the kind "kepengurusan Forkom KPM", the object
    "Forkom KPM Kelurahan Jati 2024-2029")."""
    if objek is not None and getattr(objek, "pk", None) is not None:
        nama = str(objek)
        kata = nama_objek.split()
        for i in range(len(kata)):  # the longest tail of the kind that the name starts with
            ekor = " ".join(kata[i:])
            if (nama.lower() + " ").startswith(ekor.lower() + " "):
                kata = kata[:i]
                break
        jenis = " ".join(kata)
        return str(_("Ubah %(jenis)s %(objek)s") % {"jenis": jenis, "objek": nama}) if jenis else str(_("Ubah %(objek)s") % {"objek": nama})
    return str(_("Tambah %(jenis)s") % {"jenis": nama_objek}) if nama_objek else ""


# --- the login form (/masuk/): a failed login says plainly what went wrong; django-axes still counts it ---


class MasukForm(AuthenticationForm):
    """Django's login form with messages that read naturally in Indonesian (its own translation printed
    "Masukkan nama pengguna nama pengguna dan sandi yang benar"). Authentication, and so django-axes'
    counting and lock-out, are Django's unchanged."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."),
        "inactive": _("Akun ini tidak aktif. Hubungi Bappeda."),
    }
