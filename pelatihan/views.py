"""Pages of the pelatihan programme. Every view reads through ``for_user`` (``ScopedViewMixin``)
and writes through ``pelatihan.services``."""

import datetime as dt
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _, gettext as _g, gettext_lazy as _l, ngettext
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, TemplateView, UpdateView
from wilayah.access import ScopedViewMixin
from wilayah.berkas import respons_berkas_buatan
from wilayah.daftar import FilteredExportMixin, FilteredListView, id_dari, teks_dari
from wilayah.forms import ServiceFormMixin, tambah_galat
from wilayah.impor import BARIS_LATAR, ImporExcelView, UnduhTemplatExcelView, xlsx_response
from wilayah.periode import tanggal_id
from wilayah.riwayat import riwayat_perubahan
from wilayah.scoping import boleh, boleh_atas
from wilayah.templat import TemplatImpor
from . import rekap, services, services as _services
from .cetak import kode_dari_masukan, sertifikat_pdf
from .filters import DiklatFilterSet, InstansiFilterSet, NarasumberFilterSet, PesertaFilterSet, RencanaFilterSet
from .forms import (
    DiklatBuatForm,
    DiklatForm,
    EvaluasiForm,
    InstansiForm,
    KehadiranForm,
    MateriForm,
    NarasumberForm,
    PesertaForm,
    PilihSesiForm,
    RencanaForm,
    SesiForm,
    StatusDiklatForm,
)
from .models import (
    CetakSertifikat,
    Diklat,
    Evaluasi,
    Instansi,
    JenisTindakLanjut,
    Materi,
    Narasumber,
    Peserta,
    RencanaTindakLanjut,
    SesiDiklat,
    StatusCetak,
    StatusDiklat,
)
from .resources import PesertaResource, ekspor_diklat, ekspor_peserta, ekspor_rencana


# --- diklat ---
# The programme's start page, the diklat list (filters, export), a diklat's page, its forms and
# status buttons, its sessions and modules, the speaker directory and the institutions.


#: Diklat shown per group on the start page.
DIKLAT_DI_AWAL = 10


class IndexView(ScopedViewMixin, TemplateView):
    """The programme's start page: the diklat running now and the coming ones the user sees (a city
    diklat, their kecamatan's and kelurahan's), links to the lists and, for organisers, "new diklat".
    Three queries, however many diklat."""

    model = Diklat
    template_name = "pelatihan/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, hari_ini = self.request.user, timezone.localdate()
        aktif = (
            Diklat.objects.for_user(user).exclude(status=StatusDiklat.BATAL).filter(tanggal_selesai__gte=hari_ini)
            .select_related("penyelenggara", "kecamatan", "kelurahan").annotate(jumlah_peserta=Count("peserta_set"))
            .order_by("tanggal_mulai", "pk")
        )  # fmt: skip
        context.update(
            berjalan=list(aktif.filter(tanggal_mulai__lte=hari_ini)[:DIKLAT_DI_AWAL]),
            akan_datang=list(aktif.filter(tanggal_mulai__gt=hari_ini)[:DIKLAT_DI_AWAL]),
            boleh_tambah=boleh(user, Diklat, "add"),
            url_semua_akan_datang=reverse("pelatihan:diklat-list") + f"?tahun={hari_ini.year}",
        )
        return context


class DiklatListView(FilteredListView):
    """The diklat the user sees: search by title, kind, status, organiser (or co-organiser), year,
    coverage and kecamatan; pages of 50; the export with the same filters. Fixed queries."""

    model = Diklat
    filterset_class = DiklatFilterSet
    export_url_name = "pelatihan:diklat-ekspor"
    template_name = "pelatihan/diklat_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return (
            super().get_scoped_queryset()
            .select_related("penyelenggara", "kecamatan", "kelurahan")
            .annotate(jumlah_peserta=Count("peserta_set"))
            .order_by("-tanggal_mulai", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["boleh_tambah"] = boleh(self.request.user, Diklat, "add")
        return context


class DiklatEksporView(FilteredExportMixin, DiklatListView):
    """The filtered list as .xlsx (every page)."""

    def get_scoped_queryset(self):
        return super(DiklatListView, self).get_scoped_queryset().order_by("-tanggal_mulai", "-pk")

    def export_response(self, queryset):
        return xlsx_response(ekspor_diklat(queryset), f"diklat_{timezone.localdate():%Y%m%d}.xlsx")


class DiklatDetailView(ScopedViewMixin, DetailView):
    """A diklat: overview, quota against registered, the status buttons the user may press
    (``services.status_tersedia``), its sessions with their modules, the sections of the other parts
    (participants, attendance, evaluation, certificates, follow-up) and the change history."""

    model = Diklat
    template_name = "pelatihan/diklat_detail.html"

    def get_base_queryset(self):
        return Diklat.objects.select_related("penyelenggara", "kecamatan", "kelurahan").prefetch_related(
            Prefetch("penyelenggara_lain", queryset=Instansi.objects.order_by("nama"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, diklat = self.request.user, self.object
        sesi_list = list(
            diklat.sesi_set.annotate(jumlah_peserta=Count("peserta_set")).prefetch_related(
                Prefetch("materi_set", queryset=Materi.objects.select_related("narasumber__instansi").order_by("tanggal", "jam_mulai", "pk"))
            )
        )
        terdaftar = sum(s.jumlah_peserta for s in sesi_list)
        boleh_ubah = boleh_atas(user, diklat, "change")
        context.update(
            sesi_list=sesi_list,
            terdaftar=terdaftar,
            sisa_kuota=max(diklat.kuota - terdaftar, 0),
            boleh_ubah=boleh_ubah,
            boleh_hapus=terdaftar == 0 and boleh_atas(user, diklat, "delete"),
            tombol_status=[(s, StatusDiklat(s).label) for s in services.status_tersedia(user, diklat)] if boleh_ubah else [],
            riwayat=riwayat_perubahan(diklat, user),
        )
        return context


class DiklatFormMixin(ScopedViewMixin, ServiceFormMixin):
    model = Diklat
    template_name = "pelatihan/diklat_form.html"
    pesan_sukses = _l("Diklat %(obj)s tersimpan.")

    def get_success_url(self):
        return self.object.get_absolute_url()


class DiklatCreateView(DiklatFormMixin, CreateView):
    """A new diklat with its first session (``services.diklat_simpan``); it starts as planned."""

    required_action = "add"
    form_class = DiklatBuatForm

    def simpan(self, form):
        return services.diklat_simpan(
            acting_user=self.request.user, diklat=form.instance, sesi=form.sesi(), penyelenggara_lain=form.cleaned_data.get("penyelenggara_lain"),
        )  # fmt: skip


class DiklatUpdateView(DiklatFormMixin, UpdateView):
    required_action = "change"
    form_class = DiklatForm

    def simpan(self, form):
        return services.diklat_simpan(acting_user=self.request.user, diklat=form.instance, penyelenggara_lain=form.cleaned_data.get("penyelenggara_lain"))


class DiklatStatusView(ScopedViewMixin, View):
    """POST only: move a diklat to the status of the button (``services.diklat_ubah_status``, which
    alone decides); its refusal is shown on the diklat's page."""

    model = Diklat
    required_action = "change"

    def post(self, request, pk):
        diklat = get_object_or_404(self.get_queryset(), pk=pk)
        form = StatusDiklatForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Status yang diminta tidak dikenal."))
            return redirect(diklat.get_absolute_url())
        try:
            diklat = services.diklat_ubah_status(acting_user=request.user, diklat=diklat, status=form.cleaned_data["status"])
        except ValidationError as exc:
            for pesan in exc.messages:
                messages.error(request, pesan)
        else:
            messages.success(request, _("Status diklat sekarang: %(status)s.") % {"status": diklat.get_status_display()})
        return redirect(diklat.get_absolute_url())


class _HapusView(ScopedViewMixin, TemplateView):
    """GET: a confirmation page; POST: the service deletes, then back to ``url_sesudah``; its refusal
    is shown on ``url_batal``."""

    template_name = "pelatihan/diklat_hapus.html"
    judul = ""
    pesan_sukses = ""

    def get_objek(self):
        if not hasattr(self, "_objek"):
            self._objek = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self._objek

    def url_batal(self, objek) -> str:
        raise NotImplementedError

    def url_sesudah(self, objek) -> str:
        return self.url_batal(objek)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        objek = self.get_objek()
        context.update(objek=objek, judul=self.judul % {"obj": objek}, url_batal=self.url_batal(objek))
        return context

    def post(self, request, *args, **kwargs):
        objek = self.get_objek()
        batal, sesudah = self.url_batal(objek), self.url_sesudah(objek)
        try:
            self.hapus(objek)
        except ValidationError as exc:
            for pesan in exc.messages:
                messages.error(request, pesan)
            return redirect(batal)
        messages.success(request, self.pesan_sukses % {"obj": objek})
        return redirect(sesudah)


class DiklatHapusView(_HapusView):
    model = Diklat
    required_action = "delete"
    judul = _l("Hapus diklat %(obj)s?")
    pesan_sukses = _l("Diklat %(obj)s dihapus.")

    def url_batal(self, objek):
        return objek.get_absolute_url()

    def url_sesudah(self, objek):
        return reverse("pelatihan:diklat-list")

    def hapus(self, objek):
        services.diklat_hapus(acting_user=self.request.user, diklat=objek)


class _DiklatDikelolaMixin(ScopedViewMixin):
    """Pages on a diklat's sessions and modules: the user organises the diklat
    (``Diklat.objects.for_user(user, "change")``: 403 without the permission, 404 outside)."""

    required_action = "change"

    def get_permission_model(self):
        return Diklat

    def diklat_dikelola(self):
        return Diklat.objects.for_user(self.request.user, "change")


class _SesiFormMixin(_DiklatDikelolaMixin, ServiceFormMixin):
    model = SesiDiklat
    form_class = SesiForm
    template_name = "pelatihan/sesi_form.html"
    pesan_sukses = _l("Sesi %(obj)s tersimpan.")

    def simpan(self, form):
        return services.sesi_simpan(acting_user=self.request.user, sesi=form.instance)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["diklat"] = context["form"].instance.diklat
        return context

    def get_success_url(self):
        return self.object.diklat.get_absolute_url() + "#sesi"


class SesiCreateView(_SesiFormMixin, CreateView):
    def get_diklat(self) -> Diklat:
        if not hasattr(self, "_diklat"):
            self._diklat = get_object_or_404(self.diklat_dikelola(), pk=self.kwargs["diklat_pk"])
        return self._diklat

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = SesiDiklat(diklat=self.get_diklat())
        return kwargs


class SesiUpdateView(_SesiFormMixin, UpdateView):
    def get_queryset(self):
        return SesiDiklat.objects.filter(diklat__in=self.diklat_dikelola()).select_related("diklat")


class SesiHapusView(_DiklatDikelolaMixin, _HapusView):
    model = SesiDiklat
    judul = _l("Hapus sesi %(obj)s?")
    pesan_sukses = _l("Sesi %(obj)s dihapus.")

    def get_queryset(self):
        return SesiDiklat.objects.filter(diklat__in=self.diklat_dikelola()).select_related("diklat")

    def url_batal(self, objek):
        return objek.diklat.get_absolute_url() + "#sesi"

    def hapus(self, objek):
        services.sesi_hapus(acting_user=self.request.user, sesi=objek)


class _MateriFormMixin(_DiklatDikelolaMixin, ServiceFormMixin):
    model = Materi
    form_class = MateriForm
    template_name = "pelatihan/materi_form.html"
    pesan_sukses = _l("Materi %(obj)s tersimpan.")

    def simpan(self, form):
        return services.materi_simpan(acting_user=self.request.user, materi=form.instance)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sesi = context["form"].instance.sesi
        context.update(sesi=sesi, diklat=sesi.diklat, url_narasumber_baru=reverse("pelatihan:narasumber-create") + "?" + urlencode({"kembali": self.request.path}))
        context["boleh_narasumber_baru"] = boleh(self.request.user, Narasumber, "add")
        return context

    def get_success_url(self):
        return self.object.sesi.diklat.get_absolute_url() + "#sesi"


class MateriCreateView(_MateriFormMixin, CreateView):
    def get_sesi(self) -> SesiDiklat:
        if not hasattr(self, "_sesi"):
            self._sesi = get_object_or_404(SesiDiklat.objects.filter(diklat__in=self.diklat_dikelola()).select_related("diklat"), pk=self.kwargs["sesi_pk"])
        return self._sesi

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Materi(sesi=self.get_sesi())
        return kwargs


class MateriUpdateView(_MateriFormMixin, UpdateView):
    def get_queryset(self):
        return Materi.objects.filter(sesi__diklat__in=self.diklat_dikelola()).select_related("sesi__diklat")


class MateriHapusView(_DiklatDikelolaMixin, _HapusView):
    model = Materi
    judul = _l("Hapus materi %(obj)s?")
    pesan_sukses = _l("Materi %(obj)s dihapus.")

    def get_queryset(self):
        return Materi.objects.filter(sesi__diklat__in=self.diklat_dikelola()).select_related("sesi__diklat")

    def url_batal(self, objek):
        return objek.sesi.diklat.get_absolute_url() + "#sesi"

    def hapus(self, objek):
        services.materi_hapus(acting_user=self.request.user, materi=objek)


# The speaker directory and the institutions (city-wide lists).


class NarasumberListView(FilteredListView):
    model = Narasumber
    filterset_class = NarasumberFilterSet
    template_name = "pelatihan/narasumber_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("instansi").annotate(jumlah_materi=Count("materi_set")).order_by("nama", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(boleh_tambah=boleh(user, Narasumber, "add"), boleh_ubah=boleh(user, Narasumber, "change"))
        return context


def _url_kembali(request) -> str | None:
    """``?kembali=``: a page of this app to return to (the module form that linked here), else None."""
    kembali = request.GET.get("kembali") or ""
    if kembali.startswith("/pelatihan/") and url_has_allowed_host_and_scheme(kembali, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return kembali
    return None


class _NarasumberFormMixin(ScopedViewMixin, ServiceFormMixin):
    model = Narasumber
    form_class = NarasumberForm
    template_name = "pelatihan/narasumber_form.html"
    pesan_sukses = _l("Narasumber %(obj)s tersimpan di daftar.")

    def get_base_queryset(self):
        return Narasumber.objects.select_related("instansi")

    def simpan(self, form):
        return services.narasumber_simpan(acting_user=self.request.user, narasumber=form.instance)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kembali"] = _url_kembali(self.request)
        context["url_daftar"] = context["kembali"] or reverse("pelatihan:narasumber-list")
        return context

    def get_success_url(self):
        return _url_kembali(self.request) or reverse("pelatihan:narasumber-list")


class NarasumberCreateView(_NarasumberFormMixin, CreateView):
    required_action = "add"


class NarasumberUpdateView(_NarasumberFormMixin, UpdateView):
    required_action = "change"


class InstansiListView(FilteredListView):
    model = Instansi
    filterset_class = InstansiFilterSet
    template_name = "pelatihan/instansi_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return (
            super().get_scoped_queryset()
            .annotate(
                jumlah_narasumber=Count("narasumber_set", distinct=True),
                jumlah_diklat=Count("diklat_diselenggarakan", distinct=True),
            )
            .order_by("nama", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(boleh_tambah=boleh(user, Instansi, "add"), boleh_ubah=boleh(user, Instansi, "change"))
        return context


class _InstansiFormMixin(ScopedViewMixin, ServiceFormMixin):
    model = Instansi
    form_class = InstansiForm
    template_name = "pelatihan/instansi_form.html"
    pesan_sukses = _l("Instansi %(obj)s tersimpan.")

    def simpan(self, form):
        return services.instansi_simpan(acting_user=self.request.user, instansi=form.instance)

    def get_success_url(self):
        return reverse("pelatihan:instansi-list")


class InstansiCreateView(_InstansiFormMixin, CreateView):
    required_action = "add"


class InstansiUpdateView(_InstansiFormMixin, UpdateView):
    required_action = "change"


# --- peserta ---


#: How many cadres and board members the registration page's search lists at most (each).
HASIL_CARI_MAKS = 20


def url_peserta_diklat(diklat) -> str:
    """The participant list filtered to one diklat."""
    return f"{reverse('pelatihan:peserta-list')}?{urlencode({'diklat': diklat.pk})}"


class PesertaListView(FilteredListView):
    """The participants the user may see: filters (diklat, kecamatan then kelurahan, unsur,
    certificate, name), pages of 50, the export with the same filters. A fixed number of queries."""

    model = Peserta
    filterset_class = PesertaFilterSet
    export_url_name = "pelatihan:peserta-export"
    template_name = "pelatihan/peserta_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return (
            super().get_scoped_queryset()
            .select_related("diklat", "sesi", "kecamatan", "kelurahan")
            .order_by("-diklat__tanggal_mulai", "diklat_id", "nama")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.get_filterset()
        diklat = filterset.form.cleaned_data.get("diklat") if filterset.is_bound and filterset.form.is_valid() else None
        context["diklat_terpilih"] = diklat
        if diklat is not None:
            context["boleh_daftar"] = boleh(self.request.user, Peserta, "add") and diklat.status != StatusDiklat.BATAL
        return context


class PesertaEksporView(FilteredExportMixin, PesertaListView):
    """The filtered list as .xlsx in the import's columns (a diklat's rows go back in)."""

    def export_response(self, queryset):
        return xlsx_response(ekspor_peserta(queryset), f"peserta_diklat_{timezone.localdate():%Y%m%d}.xlsx")


class PesertaDetailView(ScopedViewMixin, DetailView):
    """Who, from where, which session, the cadre or board member it came from; the sections of
    attendance, evaluation, certificate and follow-up; the change history."""

    model = Peserta
    template_name = "pelatihan/peserta_detail.html"

    def get_base_queryset(self):
        return Peserta.objects.select_related("diklat__kecamatan", "diklat__kelurahan", "diklat__penyelenggara", "sesi", "kecamatan", "kelurahan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, p = self.request.user, self.object
        # The cadre or board member, only as far as the user may see it in its own app (a label, no import).
        context["kader"] = apps.get_model("kader", "Kader").objects.for_user(user).filter(pk=p.kader_id).first() if p.kader_id else None
        context["pengurus"] = (
            apps.get_model("lkk", "Pengurus").objects.for_user(user).select_related("lembaga").filter(pk=p.pengurus_id).first() if p.pengurus_id else None
        )
        context.update(
            peserta=p,
            boleh_ubah=boleh_atas(user, p, "change"),
            boleh_hapus=boleh_atas(user, p, "delete"),
            riwayat=riwayat_perubahan(p, user),
            url_daftar=url_peserta_diklat(p.diklat),
        )
        return context


class _DiklatMixin(ScopedViewMixin):
    """A page about the participants of one diklat (its ``pk`` in the URL), read among the diklat the
    user may see (404 outside)."""

    model = Peserta
    required_action = "add"

    def get_diklat(self) -> Diklat:
        if not hasattr(self, "_diklat"):
            self._diklat = get_object_or_404(
                Diklat.objects.for_user(self.request.user, "view").select_related("kecamatan", "kelurahan"), pk=self.kwargs["pk"]
            )
        return self._diklat

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["diklat"] = self.get_diklat()
        return context


class _DiklatPesertaMixin(_DiklatMixin):
    """...that answers only while the diklat takes registrations from the user
    (``services.periksa_pendaftaran``); otherwise it goes back to the diklat with the reason."""

    def periksa(self):
        """None, or the redirect back to the diklat with the reason registration is closed to this user."""
        diklat = self.get_diklat()
        try:
            services.periksa_pendaftaran(self.request.user, diklat)
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
            return redirect(diklat.get_absolute_url())
        return None

    def get(self, request, *args, **kwargs):
        return self.periksa() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.periksa() or super().post(request, *args, **kwargs)


class PesertaCreateView(_DiklatPesertaMixin, ServiceFormMixin, FormView):
    """Register a participant: search the cadres and board members the user may register (``?q=``,
    at most ``HASIL_CARI_MAKS`` of each, never the whole scope) and pick one, or enter a person fresh."""

    form_class = PesertaForm
    template_name = "pelatihan/peserta_form.html"
    pesan_sukses = _l("%(obj)s terdaftar sebagai peserta.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["diklat"] = self.get_diklat()  # the form sets it on its new instance (no instance given: an operator's kelurahan stays fixed)
        return kwargs

    def simpan(self, form):
        return services.peserta_simpan(acting_user=self.request.user, peserta=form.instance)

    def get_success_url(self):
        return self.object.get_absolute_url()

    def post(self, request, *args, **kwargs):
        if "kader" in request.POST or "pengurus" in request.POST:
            return self.periksa() or self.daftarkan_terpilih()
        return super().post(request, *args, **kwargs)

    def daftarkan_terpilih(self):
        """A cadre or board member picked from the search: registered by the service, back to the search."""
        request, diklat = self.request, self.get_diklat()
        sesi_form = PilihSesiForm(request.POST, diklat=diklat)
        sesi = sesi_form.cleaned_data.get("sesi") if sesi_form.is_valid() else None
        try:
            if "kader" in request.POST:
                peserta = services.peserta_dari_kader(acting_user=request.user, diklat=diklat, kader=id_dari(request.POST.get("kader")), sesi=sesi)
            else:
                peserta = services.peserta_dari_pengurus(acting_user=request.user, diklat=diklat, pengurus=id_dari(request.POST.get("pengurus")), sesi=sesi)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(nama)s terdaftar sebagai peserta.") % {"nama": peserta.nama})
        q = teks_dari(request.POST.get("q"))
        url = reverse("pelatihan:peserta-create", kwargs={"pk": diklat.pk})
        return redirect(f"{url}?{urlencode({'q': q})}" if q else url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, diklat = self.request.user, self.get_diklat()
        q = teks_dari(self.request.GET.get("q"))
        kader = pengurus = []
        if len(q) >= 2:
            terdaftar = Peserta.objects.filter(diklat=diklat)
            kader = list(
                services.kader_terdaftar(user, diklat).filter(nama__icontains=q).select_related("kelurahan")
                .annotate(sudah=Count("pk", filter=Q(pk__in=terdaftar.filter(kader__isnull=False).values("kader_id"))))
                .order_by("nama", "pk")[:HASIL_CARI_MAKS]
            )  # fmt: skip
            pengurus = list(
                services.pengurus_terdaftar(user, diklat).filter(nama__icontains=q).select_related("lembaga__kelurahan")
                .annotate(sudah=Count("pk", filter=Q(pk__in=terdaftar.filter(pengurus__isnull=False).values("pengurus_id"))))
                .order_by("nama", "pk")[:HASIL_CARI_MAKS]
            )  # fmt: skip
        jumlah = diklat.peserta_set.count()
        context.update(
            q=q, kader_list=kader, pengurus_list=pengurus, hasil_maks=HASIL_CARI_MAKS,
            sesi_form=PilihSesiForm(diklat=diklat) if diklat.sesi_set.count() > 1 else None,
            jumlah_peserta=jumlah, kuota_penuh=jumlah >= diklat.kuota,
        )  # fmt: skip
        return context


class PesertaUpdateView(ScopedViewMixin, ServiceFormMixin, UpdateView):
    model = Peserta
    required_action = "change"
    form_class = PesertaForm
    template_name = "pelatihan/peserta_form.html"
    pesan_sukses = _l("Data peserta %(obj)s tersimpan.")

    def get_base_queryset(self):
        return Peserta.objects.select_related("diklat__kecamatan", "diklat__kelurahan")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["diklat"] = self.object.diklat
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["diklat"] = self.object.diklat
        return context

    def simpan(self, form):
        return services.peserta_simpan(acting_user=self.request.user, peserta=form.instance)

    def get_success_url(self):
        return self.object.get_absolute_url()


class PesertaDeleteView(ScopedViewMixin, DetailView):
    """GET: a confirmation (or why it cannot be removed); POST: ``services.peserta_hapus``."""

    model = Peserta
    required_action = "delete"
    template_name = "pelatihan/peserta_hapus.html"

    def get_base_queryset(self):
        return Peserta.objects.select_related("diklat", "kelurahan", "kecamatan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["alasan"] = services.alasan_tidak_dapat_dihapus(self.object)
        return context

    def post(self, request, *args, **kwargs):
        peserta = self.get_object()
        try:
            services.peserta_hapus(acting_user=request.user, peserta=peserta)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(peserta.get_absolute_url())
        messages.success(request, _("%(nama)s dihapus dari daftar peserta.") % {"nama": peserta.nama})
        return redirect(url_peserta_diklat(peserta.diklat))


class PesertaImporView(_DiklatPesertaMixin, ImporExcelView):
    """The organiser's participant list for one diklat (``resources.PesertaResource``): preview, then all or nothing."""

    resource_class = PesertaResource

    def get_resource(self):
        return PesertaResource(user=self.request.user, diklat=self.get_diklat())

    def get_context_data(self, **kwargs):
        self.judul = _("Impor peserta dari Excel: %(diklat)s") % {"diklat": self.get_diklat()}
        self.templat_url = reverse("pelatihan:peserta-template", kwargs={"pk": self.get_diklat().pk})
        return super().get_context_data(**kwargs)

    def setelah_simpan(self, hasil):
        self.success_url = url_peserta_diklat(self.get_diklat())
        return super().setelah_simpan(hasil)

    def mulai_latar(self, tahap, token, nama_berkas, jumlah_baris):
        """A participant list is checked in the request: a file past ``BARIS_LATAR`` rows is refused."""
        messages.error(
            self.request,
            _("Berkas berisi %(n)d baris; daftar peserta paling banyak %(maks)d baris sekali unggah. Bagi menjadi beberapa berkas.")
            % {"n": jumlah_baris, "maks": BARIS_LATAR},
        )
        return redirect(self.request.path)


class PesertaTemplatView(_DiklatMixin, UnduhTemplatExcelView):
    """The template of the participant import for one diklat (a "Sesi" column when it has several)."""

    resource_class = PesertaResource
    nama_berkas = "templat_peserta_diklat.xlsx"

    def get(self, request, *args, **kwargs):
        resource = PesertaResource(user=request.user, diklat=self.get_diklat())
        return xlsx_response(TemplatImpor(resource, request.user), self.nama_berkas)


# --- kehadiran dan evaluasi ---


PESERTA_PER_HALAMAN_REKAP = 50


class _HalamanDiklatMixin(ScopedViewMixin):
    """A page about one diklat (its ``pk`` in the URL), read through ``for_user(user, required_action)``."""

    model = Diklat

    def get_diklat(self) -> Diklat:
        if not hasattr(self, "_diklat"):
            self._diklat = get_object_or_404(self.get_queryset().select_related("penyelenggara"), pk=self.kwargs["pk"])
        return self._diklat


def _tanggal_dari(teks) -> dt.date | None:
    """A date from a query string or a hidden field (ISO, as the page writes it); else None."""
    try:
        return dt.date.fromisoformat(str(teks).strip()) if teks else None
    except ValueError:
        return None


def pilih_sesi_hari(sesi_list, sesi_teks, tanggal_teks):
    """The session ``?sesi=`` names (else the first that holds today, else the first) and the day
    ``?tanggal=`` names if it is a day of that session (else today when inside it, else its first
    day). ``(sesi, tanggal, diminta_di_luar)``; ``(None, None, False)`` without sessions."""
    if not sesi_list:
        return None, None, False
    hari_ini = timezone.localdate()
    diminta = id_dari(sesi_teks)
    sesi = next((s for s in sesi_list if s.pk == diminta), None)
    sesi = sesi or next((s for s in sesi_list if s.berisi_tanggal(hari_ini)), None) or sesi_list[0]
    tanggal = _tanggal_dari(tanggal_teks)
    di_luar = tanggal is not None and not sesi.berisi_tanggal(tanggal)
    if tanggal is None or di_luar:
        tanggal = hari_ini if sesi.berisi_tanggal(hari_ini) else sesi.tanggal_mulai
    return sesi, tanggal, di_luar


class KehadiranView(_HalamanDiklatMixin, View):
    """One day's attendance of one session: every participant with a status, one save
    (``services.kehadiran_catat``, all or nothing). The organiser's page (``change`` on the diklat)."""

    required_action = "change"
    template_name = "pelatihan/kehadiran_form.html"

    def sesi_list(self):
        return list(self.get_diklat().sesi_set.order_by("tanggal_mulai", "pk"))

    def peserta(self, sesi):
        return list(
            Peserta.objects.for_user(self.request.user, "kelola")
            .filter(diklat=self.get_diklat(), sesi=sesi)
            .select_related("kelurahan", "kecamatan")
            .order_by("nama", "pk")
        )

    def halaman(self, form, sesi_list, sesi, tanggal, di_luar=False, status=200, galat=""):
        hari_ini = timezone.localdate()
        tercatat = set(form.tercatat) if form is not None else set()
        context = {
            "diklat": self.get_diklat(), "object": self.get_diklat(), "form": form, "sesi_list": sesi_list, "sesi": sesi, "tanggal": tanggal,
            "di_luar": di_luar, "hari": [(h, h > hari_ini) for h in sesi.hari()] if sesi else [], "hari_ini": hari_ini,
            "belum_tercatat": [p.pk for p in form.peserta if p.pk not in tercatat] if form is not None else [],
            "batal": self.get_diklat().status == StatusDiklat.BATAL, "galat": galat,
        }  # fmt: skip
        return render(self.request, self.template_name, context, status=status)

    def buat_form(self, data, sesi, tanggal):
        peserta = self.peserta(sesi)
        tercatat = {pid: s[tanggal] for pid, s in rekap.status_per_hari((p.pk for p in peserta), tanggal).items()}
        form = KehadiranForm(data, peserta=peserta, tercatat=tercatat, initial={"sesi": sesi.pk, "tanggal": tanggal.isoformat()})
        form.tercatat = tercatat
        return form

    def get(self, request, pk):
        sesi_list = self.sesi_list()
        sesi, tanggal, di_luar = pilih_sesi_hari(sesi_list, request.GET.get("sesi"), request.GET.get("tanggal"))
        form = self.buat_form(None, sesi, tanggal) if sesi else None
        return self.halaman(form, sesi_list, sesi, tanggal, di_luar)

    def post(self, request, pk):
        diklat = self.get_diklat()
        sesi_list = self.sesi_list()
        diminta = id_dari(request.POST.get("sesi"))
        sesi = next((s for s in sesi_list if s.pk == diminta), None)
        tanggal = _tanggal_dari(request.POST.get("tanggal"))
        if sesi is None or tanggal is None:
            sesi_tampil, tanggal_tampil, _luar = pilih_sesi_hari(sesi_list, None, None)
            form = self.buat_form(None, sesi_tampil, tanggal_tampil) if sesi_tampil else None
            galat = _("Sesi atau tanggal yang dikirim tidak dikenal. Pilih sesi dan hari lagi, lalu simpan.")
            return self.halaman(form, sesi_list, sesi_tampil, tanggal_tampil, status=400, galat=galat)
        form = self.buat_form(request.POST, sesi, tanggal)
        if form.is_valid():
            try:
                hasil = services.kehadiran_catat(
                    acting_user=request.user, diklat=diklat, tanggal=form.cleaned_data["tanggal"], status_per_peserta=form.status_per_peserta()
                )
            except ValidationError as exc:
                tambah_galat(form, exc)
            else:
                messages.success(request, _("Kehadiran %(tanggal)s tersimpan: %(baru)d baru dicatat, %(ubah)d diubah, %(tetap)d tetap.") % {
                    "tanggal": tanggal_id(tanggal), "baru": hasil.baru, "ubah": hasil.diubah, "tetap": hasil.tetap,
                })  # fmt: skip
                url = reverse("pelatihan:kehadiran", kwargs={"pk": diklat.pk})
                return redirect(f"{url}?{urlencode({'sesi': sesi.pk, 'tanggal': tanggal.isoformat()})}")
        return self.halaman(form, sesi_list, sesi, tanggal)


class KehadiranRekapView(_HalamanDiklatMixin, View):
    """Participant × day of one session (``?sesi=``), days present and completion by the diklat's
    rate (``dengan_kehadiran``), paginated; the participants the user may see."""

    template_name = "pelatihan/kehadiran_rekap.html"

    def get(self, request, pk):
        diklat = self.get_diklat()
        sesi_list = list(diklat.sesi_set.order_by("tanggal_mulai", "pk"))
        sesi, _tanggal, _luar = pilih_sesi_hari(sesi_list, request.GET.get("sesi"), None)
        context = {"diklat": diklat, "object": diklat, "sesi_list": sesi_list, "sesi": sesi, "hari": sesi.hari() if sesi else []}
        if sesi is not None:
            qs = (
                rekap.peserta_terlihat(request.user, diklat).filter(sesi=sesi).dengan_kehadiran()
                .select_related("kelurahan", "kecamatan").order_by("nama", "pk")
            )  # fmt: skip
            page_obj = Paginator(qs, PESERTA_PER_HALAMAN_REKAP).get_page(request.GET.get("page"))
            context.update(
                page_obj=page_obj, is_paginated=page_obj.has_other_pages(), baris=rekap.baris_rekap(page_obj.object_list, context["hari"]),
            )
        context["boleh_kelola"] = rekap.boleh_kelola(request.user, diklat)
        return render(request, self.template_name, context)


class DiklatXlsxView(_HalamanDiklatMixin, View):
    """The attendance and results workbook (``rekap.buku_diklat``), every cell neutralised."""

    def get(self, request, pk):
        diklat = self.get_diklat()
        return xlsx_response(rekap.buku_diklat(request.user, diklat), rekap.nama_berkas_buku(diklat))


class EvaluasiView(ScopedViewMixin, FormView):
    """The organiser types in a participant's paper questionnaire (``services.evaluasi_simpan``);
    saving again replaces it."""

    model = Peserta
    required_action = "kelola"
    form_class = EvaluasiForm
    template_name = "pelatihan/evaluasi_form.html"

    def get_peserta(self) -> Peserta:
        if not hasattr(self, "_peserta"):
            qs = self.get_queryset().dengan_kehadiran().select_related("diklat", "sesi", "kelurahan", "kecamatan")
            self._peserta = get_object_or_404(qs, pk=self.kwargs["pk"])
        return self._peserta

    def get_evaluasi(self) -> Evaluasi | None:
        if not hasattr(self, "_evaluasi"):
            self._evaluasi = Evaluasi.objects.filter(peserta=self.get_peserta()).prefetch_related("nilai_set").first()
        return self._evaluasi

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["materi"] = Materi.objects.filter(sesi_id=self.get_peserta().sesi_id).select_related("narasumber__instansi")
        return kwargs

    def get_initial(self):
        evaluasi = self.get_evaluasi()
        if evaluasi is None:
            return {}
        awal = {"nilai_umum": evaluasi.nilai_umum, "manfaat": evaluasi.manfaat, "saran": evaluasi.saran}
        for n in evaluasi.nilai_set.all():
            awal[f"materi_{n.materi_id}"] = n.nilai_materi
            awal[f"narasumber_{n.materi_id}"] = n.nilai_narasumber
        return awal

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        peserta = self.get_peserta()
        context.update(peserta=peserta, object=peserta, diklat=peserta.diklat, evaluasi=self.get_evaluasi(), boleh_isi=peserta.hari_hadir > 0)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        peserta = self.get_peserta()
        try:
            services.evaluasi_simpan(
                acting_user=self.request.user, peserta=peserta, nilai_umum=data["nilai_umum"], manfaat=data["manfaat"], saran=data["saran"],
                nilai=form.nilai(),
            )  # fmt: skip
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Evaluasi %(nama)s tersimpan.") % {"nama": peserta.nama})
        return redirect(reverse("pelatihan:evaluasi-hasil", kwargs={"pk": peserta.diklat_id}))


class EvaluasiHasilView(_HalamanDiklatMixin, View):
    """Results of a diklat's evaluation: responses / participants, the average overall rating, the
    averages per module and per speaker, the comments; for the organiser, who is still to fill in."""

    template_name = "pelatihan/evaluasi_hasil.html"

    def get(self, request, pk):
        diklat = self.get_diklat()
        boleh_kelola = rekap.boleh_kelola(request.user, diklat)
        belum = []
        if boleh_kelola:
            belum = list(
                Peserta.objects.for_user(request.user, "kelola").filter(diklat=diklat, evaluasi__isnull=True)
                .dengan_kehadiran().filter(hari_hadir__gt=0).order_by("nama", "pk").values("pk", "nama")
            )  # fmt: skip
        context = {
            "diklat": diklat, "object": diklat, "hasil": rekap.hasil_evaluasi(request.user, diklat),
            "komentar": list(rekap.komentar_evaluasi(request.user, diklat)), "boleh_kelola": boleh_kelola, "belum": belum,
        }  # fmt: skip
        return render(request, self.template_name, context)


# --- sertifikat ---


def _pesan_terbit(baru) -> str:
    if not baru:
        return _("Tidak ada sertifikat baru: peserta yang menyelesaikan diklat sudah bersertifikat, atau belum ada yang menyelesaikannya.")
    nomor = [p.nomor_urut_sertifikat for p in baru]
    return ngettext(
        "%(n)d sertifikat diterbitkan (nomor urut %(awal)03d).",
        "%(n)d sertifikat diterbitkan (nomor urut %(awal)03d\u2013%(akhir)03d).",
        len(baru),
    ) % {"n": len(baru), "awal": min(nomor), "akhir": max(nomor)}


class SertifikatTerbitkanView(ScopedViewMixin, View):
    """POST: issue the certificates of a diklat (its organiser): every participant who completed
    it, or the participants ``peserta`` names (all or nothing)."""

    model = Diklat
    required_action = "change"
    http_method_names = ["post"]

    def post(self, request, pk):
        diklat = get_object_or_404(self.get_queryset(), pk=pk)
        dipilih = request.POST.getlist("peserta")
        ids = [id_dari(v) for v in dipilih]
        kembali = diklat.get_absolute_url()
        if None in ids:
            messages.error(request, _("Pilihan peserta tidak dikenal."))
            return redirect(kembali)
        if len(ids) == 1:
            kembali = reverse("pelatihan:peserta-detail", args=[ids[0]])
        try:
            baru = services.sertifikat_terbitkan(acting_user=request.user, diklat=diklat, peserta_ids=ids or None)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _pesan_terbit(baru))
        return redirect(kembali)


class SertifikatPdfView(ScopedViewMixin, View):
    """One participant's certificate (PDF, inline): whoever may view the participant, once issued."""

    model = Peserta

    def get(self, request, pk):
        qs = self.get_queryset().bersertifikat().select_related("diklat__penyelenggara", "sesi", "kecamatan", "kelurahan")
        peserta = get_object_or_404(qs, pk=pk)
        pdf = sertifikat_pdf(peserta.diklat, [peserta])
        nama = f"sertifikat-{slugify(peserta.nama)[:60] or peserta.pk}.pdf"
        return respons_berkas_buatan(ContentFile(pdf, name=nama), nama=nama, content_type="application/pdf", sebagai_lampiran=False)


class CetakMulaiView(ScopedViewMixin, View):
    """POST: start the batch (every issued certificate of the diklat as one PDF) and go to its page."""

    model = Diklat
    required_action = "change"
    http_method_names = ["post"]

    def post(self, request, diklat_pk):
        diklat = get_object_or_404(self.get_queryset(), pk=diklat_pk)
        try:
            job = services.cetak_mulai(acting_user=request.user, diklat=diklat)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(diklat.get_absolute_url())
        except PermissionDenied as exc:
            raise Http404 from exc
        return redirect("pelatihan:cetak-detail", pk=job.pk)


class _CetakMilikMixin(ScopedViewMixin):
    """A batch job: only the user who started it opens it (anyone else: 404)."""

    model = CetakSertifikat
    required_action = None

    def get_queryset(self):
        return CetakSertifikat.objects.milik(self.request.user).select_related("diklat")


class CetakDetailView(_CetakMilikMixin, DetailView):
    """The batch's progress (refreshes itself while it runs), then its file or its error."""

    template_name = "pelatihan/sertifikat_cetak.html"
    context_object_name = "cetak"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["berjalan"] = self.object.status in (StatusCetak.ANTRI, StatusCetak.BERJALAN)
        return context


class CetakUnduhView(_CetakMilikMixin, View):
    def get(self, request, pk):
        job = get_object_or_404(self.get_queryset(), pk=pk, status=StatusCetak.SELESAI)
        nama = f"sertifikat-{slugify(job.diklat.judul)[:60] or job.diklat_id}.pdf"
        return respons_berkas_buatan(job.berkas, nama=nama, content_type="application/pdf", sebagai_lampiran=True)


def _publik(response):
    """The public certificate pages are not for search engines (a name in an index is a leak)."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _halaman_verifikasi(request, peserta=None, *, ditanya: bool):
    """One template for the form, the genuine certificate and every failure: a failure is the same
    page, byte for byte, whatever was asked (unknown, malformed or forged)."""
    context = {"ditanya": ditanya, "peserta": peserta}
    status = 404 if ditanya and peserta is None else 200
    return _publik(TemplateResponse(request, "pelatihan/sertifikat_verifikasi.html", context, status=status))


class SertifikatPeriksaView(View):
    """Public: a form where anyone types a certificate's code (any case, spaces or dashes)."""

    def get(self, request):
        if "kode" not in request.GET:
            return _halaman_verifikasi(request, ditanya=False)
        kode = kode_dari_masukan(request.GET.get("kode"))
        if kode is None:
            return _halaman_verifikasi(request, ditanya=True)
        return redirect("pelatihan:sertifikat-verifikasi", kode=kode)


class SertifikatVerifikasiView(View):
    """Public: whether a certificate is genuine. Shows only the name, the diklat's title, the dates
    and the certificate's number; anything else about the person or the diklat stays private."""

    def get(self, request, kode):
        kode = kode_dari_masukan(kode)  # the format first: a malformed code never reaches the database
        peserta = None
        if kode is not None:
            peserta = (
                Peserta.objects.filter(kode_verifikasi=kode, sertifikat_terbit__isnull=False)
                .select_related("diklat", "sesi")
                .only("nama", "nomor_sertifikat", "kode_verifikasi", "diklat", "sesi", "diklat__judul", "sesi__tanggal_mulai", "sesi__tanggal_selesai")
                .first()
            )
        return _halaman_verifikasi(request, peserta, ditanya=True)


# --- follow-up (rencana tindak lanjut) ---


class RencanaListView(FilteredListView):
    """The commitments the user may see: filters (status open/done/overdue, kind, region, diklat,
    search), pages of 50, the export with the same filters. Overdue rows are flagged."""

    model = RencanaTindakLanjut
    filterset_class = RencanaFilterSet
    export_url_name = "pelatihan:rencana-export"
    template_name = "pelatihan/rencana_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return (
            super().get_scoped_queryset()
            .select_related("peserta__diklat", "kelurahan__kecamatan", "rw", "destinasi")
            .annotate(jumlah_kader=Count("kader_baru", distinct=True))
            .order_by("tenggat", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["hari_ini"] = timezone.localdate()
        return context


class RencanaEksporView(FilteredExportMixin, RencanaListView):
    """The filtered list (every page) as .xlsx."""

    def export_response(self, queryset):
        return xlsx_response(ekspor_rencana(queryset), f"tindak_lanjut_diklat_{timezone.localdate():%Y%m%d}.xlsx")


class RencanaDetailView(ScopedViewMixin, DetailView):
    """A commitment: its participant and diklat, its progress (the destination linked, the new
    cadres linked n of the target), its history."""

    model = RencanaTindakLanjut
    template_name = "pelatihan/rencana_detail.html"

    def get_base_queryset(self):
        return RencanaTindakLanjut.objects.select_related("peserta__diklat__penyelenggara", "peserta__sesi", "kelurahan__kecamatan", "rw", "destinasi__rw")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, r = self.request.user, self.object
        context["kader_list"] = list(r.kader_baru.order_by("tanggal_mulai", "nama"))
        context["jumlah_kader"] = len(context["kader_list"])
        context["boleh_ubah"] = boleh_atas(user, r, "change")
        context["boleh_hapus"] = boleh_atas(user, r, "delete")
        context["riwayat"] = riwayat_perubahan(r, user)
        context["mulai_diklat"] = _services.rencana_mulai_diklat(r)
        return context


class RencanaFormMixin(ScopedViewMixin, ServiceFormMixin):
    model = RencanaTindakLanjut
    form_class = RencanaForm
    template_name = "pelatihan/rencana_form.html"
    pesan_sukses = _l("Komitmen tindak lanjut tersimpan.")

    def simpan(self, form):
        kader = form.cleaned_data.get("kader_baru") if "kader_baru" in form.fields else None
        return _services.rencana_simpan(acting_user=self.request.user, rencana=form.instance, kader_baru=kader)

    def get_success_url(self):
        return self.object.get_absolute_url()


class RencanaCreateView(RencanaFormMixin, CreateView):
    """A commitment for a participant the user may see (the camat, Bappeda)."""

    required_action = "add"

    def get_peserta(self) -> Peserta:
        if not hasattr(self, "_peserta"):
            self._peserta = get_object_or_404(Peserta.objects.for_user(self.request.user).select_related("diklat", "kelurahan", "kecamatan"), pk=self.kwargs["peserta_pk"])
        return self._peserta

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["peserta"] = self.get_peserta()
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        diklat = self.get_peserta().diklat
        if diklat.tanggal_selesai:
            initial["tenggat"] = diklat.tanggal_selesai.replace(year=diklat.tanggal_selesai.year + 1, day=min(diklat.tanggal_selesai.day, 28))
        initial["jenis"] = JenisTindakLanjut.DESTINASI
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["peserta"] = self.get_peserta()
        return context


class RencanaUpdateView(RencanaFormMixin, UpdateView):
    """Its progress (the kelurahan's operator) or the commitment itself (the camat, Bappeda)."""

    required_action = "change"

    def get_base_queryset(self):
        return RencanaTindakLanjut.objects.select_related("peserta__diklat", "kelurahan", "rw")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["peserta"] = self.object.peserta
        return context


class RencanaDeleteView(ScopedViewMixin, DetailView):
    """Delete a commitment (the camat, Bappeda) after a confirmation."""

    model = RencanaTindakLanjut
    required_action = "delete"
    template_name = "pelatihan/rencana_hapus.html"

    def post(self, request, *args, **kwargs):
        rencana = self.get_object()
        peserta = rencana.peserta
        _services.rencana_hapus(acting_user=request.user, rencana=rencana)
        messages.success(request, _g("Komitmen tindak lanjut dihapus."))
        return redirect(peserta.get_absolute_url() if boleh(request.user, Peserta, "view") else reverse("pelatihan:rencana-list"))
