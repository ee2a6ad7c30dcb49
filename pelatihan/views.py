"""Pages of the pelatihan programme. Every view reads through ``for_user`` (``ScopedViewMixin``)
and writes through ``pelatihan.services``."""

from django.views.generic import DetailView, ListView

from wilayah.access import ScopedViewMixin

from .models import Peserta, RencanaTindakLanjut


# --- STUB: replaced by the participant pages ------------------------------------------------
class PesertaListView(ScopedViewMixin, ListView):
    model = Peserta
    template_name = "pelatihan/stub_list.html"


class PesertaDetailView(ScopedViewMixin, DetailView):
    model = Peserta
    template_name = "pelatihan/stub_detail.html"


# --- STUB: replaced by the follow-up pages --------------------------------------------------
class RencanaListView(ScopedViewMixin, ListView):
    model = RencanaTindakLanjut
    template_name = "pelatihan/stub_list.html"


class RencanaDetailView(ScopedViewMixin, DetailView):
    model = RencanaTindakLanjut
    template_name = "pelatihan/stub_detail.html"


# --- diklat ---
# The programme's start page, the diklat list (filters, export), a diklat's page, its forms and
# status buttons, its sessions and modules, the speaker directory and the institutions.

from django.contrib import messages  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.db.models import Count, Prefetch  # noqa: E402
from django.shortcuts import get_object_or_404, redirect  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.http import url_has_allowed_host_and_scheme, urlencode  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from django.utils.translation import gettext_lazy as _l  # noqa: E402
from django.views import View  # noqa: E402
from django.views.generic import CreateView, TemplateView, UpdateView  # noqa: E402

from wilayah.daftar import FilteredExportMixin, FilteredListView  # noqa: E402
from wilayah.forms import ServiceFormMixin  # noqa: E402
from wilayah.impor import xlsx_response  # noqa: E402
from wilayah.riwayat import riwayat_perubahan  # noqa: E402
from wilayah.scoping import boleh, boleh_atas  # noqa: E402

from . import services  # noqa: E402
from .filters import DiklatFilterSet, InstansiFilterSet, NarasumberFilterSet  # noqa: E402
from .forms import DiklatBuatForm, DiklatForm, InstansiForm, MateriForm, NarasumberForm, SesiForm, StatusDiklatForm  # noqa: E402
from .models import Diklat, Instansi, Materi, Narasumber, SesiDiklat, StatusDiklat  # noqa: E402
from .resources import ekspor_diklat  # noqa: E402

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
