from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, TemplateView, UpdateView

from wilayah.access import ScopedViewMixin
from wilayah.berkas import respons_berkas
from wilayah.daftar import FilteredExportMixin, FilteredListView
from wilayah.forms import ServiceFormMixin, tambah_galat
from wilayah.impor import ImporExcelView, UnduhTemplatExcelView, xlsx_response
from wilayah.models import AksesNIK
from wilayah.nik import catat_nik_penuh, nik_untuk
from wilayah.riwayat import riwayat_perubahan
from wilayah.scoping import boleh, boleh_atas

from . import services
from .filters import UMKMFilterSet
from .forms import FotoUMKMForm, UMKMForm
from .models import UMKM, FotoUMKM, Usulan
from .resources import UMKMResource, ekspor_umkm


class IndexView(ScopedViewMixin, TemplateView):
    """The programme's start page (filled in by the programme's issue)."""

    required_action = None
    template_name = "pud/index.html"


# --- B: UMKM ---


class UMKMListView(FilteredListView):
    """The UMKM of the user's area: filters (kelurahan, category, still running, name/owner/product),
    pages of 50, the export with the same filters. The NIK is not listed (the detail page shows it)."""

    model = UMKM
    filterset_class = UMKMFilterSet
    export_url_name = "pud:umkm-ekspor"
    template_name = "pud/umkm_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return (
            super().get_scoped_queryset()
            .select_related("kelurahan__kecamatan", "rw")
            .annotate(jumlah_foto=Count("foto_set", distinct=True), jumlah_usulan=Count("usulan_set", distinct=True))
            .order_by("kelurahan__kode", "nama_usaha")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["boleh_tambah"] = boleh(self.request.user, UMKM, "add")
        return context


class UMKMEksporView(FilteredExportMixin, UMKMListView):
    """The filtered list as .xlsx in the import's columns (it goes back in); NIK as on the pages, recorded."""

    def get_scoped_queryset(self):
        return super(UMKMListView, self).get_scoped_queryset()

    def export_response(self, queryset):
        response = xlsx_response(ekspor_umkm(queryset, user=self.request.user), f"umkm_{timezone.localdate():%Y%m%d}.xlsx")
        catat_nik_penuh(self.request.user, AksesNIK.Jenis.EKSPOR, UMKM, queryset.values_list("nik", "kelurahan_id"), keterangan=_("Ekspor daftar UMKM (xlsx)"))
        return response


class UMKMDetailView(ScopedViewMixin, DetailView):
    model = UMKM
    template_name = "pud/umkm_detail.html"

    def get_base_queryset(self):
        return UMKM.objects.select_related("kelurahan__kecamatan", "rw").prefetch_related(Prefetch("foto_set", queryset=FotoUMKM.objects.order_by("pk")))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        u = self.object
        context["nik_tampil"] = nik_untuk(user, u.nik, u.kelurahan_id)
        catat_nik_penuh(user, AksesNIK.Jenis.LIHAT, u, [(u.nik, u.kelurahan_id)], keterangan=_("Halaman detail UMKM"))
        context["usulan_list"] = (
            Usulan.objects.for_user(user).filter(umkm=u).select_related("pengajuan__siklus", "pengajuan__kelurahan").order_by("-pengajuan__siklus__tahun", "kategori", "-utama", "pk")
        )
        context["riwayat"] = riwayat_perubahan(u, user)
        boleh_ubah = boleh_atas(user, u, "change")
        context["boleh_ubah"] = boleh_ubah
        context["foto_list"] = list(u.foto_set.all())
        context["boleh_tambah_foto"] = boleh_ubah and len(context["foto_list"]) < services.BATAS_FOTO_UMKM
        context["batas_foto"] = services.BATAS_FOTO_UMKM
        return context


class UMKMFormMixin(ScopedViewMixin, ServiceFormMixin):
    model = UMKM
    form_class = UMKMForm
    template_name = "pud/umkm_form.html"
    pesan_sukses = _l("Data UMKM %(obj)s tersimpan.")

    def simpan(self, form):
        return services.umkm_simpan(acting_user=self.request.user, umkm=form.instance)

    def get_success_url(self):
        return self.object.get_absolute_url()


class UMKMCreateView(UMKMFormMixin, CreateView):
    required_action = "add"


class UMKMUpdateView(UMKMFormMixin, UpdateView):
    required_action = "change"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        u = self.object  # the form shows the NIK in its field
        catat_nik_penuh(request.user, AksesNIK.Jenis.LIHAT, u, [(u.nik, u.kelurahan_id)], keterangan=_("Formulir ubah UMKM"))
        return response


class _FotoUMKMMixin(ScopedViewMixin):
    """A photo is reached only through its UMKM: ``UMKM.objects.for_user(user, required_action)`` first."""

    model = UMKM

    def get_foto(self, pk) -> FotoUMKM:
        return get_object_or_404(FotoUMKM.objects.select_related("umkm").filter(umkm__in=self.get_queryset()), pk=pk)


class UMKMFotoTambahView(_FotoUMKMMixin, FormView):
    """Upload a product photo (re-encoded without EXIF, with a thumbnail; at most ``BATAS_FOTO_UMKM``)."""

    required_action = "change"
    form_class = FotoUMKMForm
    template_name = "pud/umkm_foto_form.html"

    def get_umkm(self) -> UMKM:
        if not hasattr(self, "_umkm"):
            self._umkm = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self._umkm

    def get(self, request, *args, **kwargs):
        self.get_umkm()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.get_umkm()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["umkm"] = context["object"] = self.get_umkm()  # "Batal" goes back to it
        return context

    def form_valid(self, form):
        umkm = self.get_umkm()
        try:
            services.umkm_foto_tambah(acting_user=self.request.user, umkm=umkm, berkas=form.cleaned_data["gambar"], keterangan=form.cleaned_data["keterangan"])
        except ValidationError as exc:
            tambah_galat(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Foto tersimpan."))
        return redirect(umkm.get_absolute_url())


class UMKMFotoBerkasView(_FotoUMKMMixin, View):
    """The photo (or its thumbnail) of a UMKM in the user's area, through ``respons_berkas``."""

    file_field = "gambar"

    def get(self, request, pk):
        return respons_berkas(getattr(self.get_foto(pk), self.file_field))


class UMKMFotoHapusView(_FotoUMKMMixin, View):
    required_action = "change"

    def post(self, request, pk):
        foto = self.get_foto(pk)
        umkm = foto.umkm
        services.umkm_foto_hapus(acting_user=request.user, foto=foto)
        messages.success(request, _("Foto dihapus."))
        return redirect(umkm.get_absolute_url())


class UMKMImporView(ImporExcelView):
    model = UMKM
    resource_class = UMKMResource
    judul = _l("Impor UMKM dari Excel")
    success_url = reverse_lazy("pud:umkm-list")
    templat_url = reverse_lazy("pud:umkm-templat")


class UMKMTemplatView(UnduhTemplatExcelView):
    model = UMKM
    resource_class = UMKMResource
    nama_berkas = "templat_umkm.xlsx"
