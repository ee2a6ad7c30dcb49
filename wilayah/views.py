from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _l
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView

from . import services
from .access import ScopedViewMixin, scoped_view
from .daftar import FilteredListView
from .filters import KecamatanFilterSet, KelurahanFilterSet, RTFilterSet, RWFilterSet
from .forms import RTForm, RWForm, ServiceFormMixin
from .impor import ImporExcelView, UnduhTemplatExcelView
from .models import RT, RW, Kecamatan, Kelurahan
from .panels import panels_for
from .resources import RWResource
from .scoping import Tingkat, boleh, lingkup_of


@scoped_view
def beranda(request):
    """Send each user to the home page of their scope."""
    if request.user.is_superuser and lingkup_of(request.user) is None:
        return redirect("wilayah:kota")
    return redirect(lingkup_of(request.user).get_home_url())


class KotaView(ScopedViewMixin, TemplateView):
    """The city home page: every kecamatan with its kelurahan and RW counts."""

    template_name = "wilayah/kota.html"
    model = Kecamatan
    cakupan_wajib = Tingkat.KOTA

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kecamatan_list"] = self.get_queryset().annotate(
            jumlah_kelurahan=Count("kelurahan", distinct=True), jumlah_rw=Count("kelurahan__rw_set", distinct=True)
        ).order_by("kode")
        context["panels"] = panels_for("kota", self.request, None)
        return context


class KecamatanListView(FilteredListView):
    model = Kecamatan
    filterset_class = KecamatanFilterSet
    template_name = "wilayah/kecamatan_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().annotate(jumlah_kelurahan=Count("kelurahan")).order_by("kode")


class KecamatanDetailView(ScopedViewMixin, DetailView):
    """The camat's home page: the kecamatan's kelurahan and programme panels."""

    model = Kecamatan
    slug_field = slug_url_kwarg = "kode"
    template_name = "wilayah/kecamatan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kelurahan_list"] = (
            Kelurahan.objects.for_user(self.request.user).filter(kecamatan=self.object).annotate(jumlah_rw=Count("rw_set")).order_by("kode")
        )
        context["panels"] = panels_for("kecamatan", self.request, self.object)
        return context


class KelurahanListView(FilteredListView):
    model = Kelurahan
    filterset_class = KelurahanFilterSet
    template_name = "wilayah/kelurahan_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("kecamatan").annotate(jumlah_rw=Count("rw_set")).order_by("kode")


class KelurahanDetailView(ScopedViewMixin, DetailView):
    """The kelurahan home page: its RWs and a panel per programme."""

    model = Kelurahan
    slug_field = slug_url_kwarg = "kode"
    template_name = "wilayah/kelurahan_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("kecamatan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rw_list"] = self.object.rw_set.annotate(jumlah_rt=Count("rt_set")).order_by("nomor")
        context["panels"] = panels_for("kelurahan", self.request, self.object)
        context["boleh_tambah_rw"] = boleh(self.request.user, RW, "add")
        return context


class RWListView(FilteredListView):
    model = RW
    filterset_class = RWFilterSet
    template_name = "wilayah/rw_list.html"
    paginate_by = 50

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("kelurahan__kecamatan").annotate(jumlah_rt=Count("rt_set")).order_by("kelurahan__kode", "nomor")


class RWDetailView(ScopedViewMixin, DetailView):
    model = RW
    template_name = "wilayah/rw_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("kelurahan__kecamatan").prefetch_related("rt_set")


class RWFormMixin(ScopedViewMixin, ServiceFormMixin):
    model = RW
    form_class = RWForm
    template_name = "wilayah/form.html"
    pesan_sukses = _l("RW berhasil disimpan.")

    def simpan(self, form):
        return services.rw_simpan(acting_user=self.request.user, rw=form.instance)

    def get_success_url(self):
        return self.object.kelurahan.get_absolute_url()


class RWCreateView(RWFormMixin, CreateView):
    required_action = "add"

    def get_initial(self):
        lingkup = lingkup_of(self.request.user)
        if lingkup and lingkup.kelurahan_id:
            return {"kelurahan": lingkup.kelurahan_id}
        return {}


class RWUpdateView(RWFormMixin, UpdateView):
    required_action = "change"


class RTListView(FilteredListView):
    model = RT
    filterset_class = RTFilterSet
    template_name = "wilayah/rt_list.html"
    paginate_by = 100

    def get_scoped_queryset(self):
        return super().get_scoped_queryset().select_related("rw__kelurahan")


class RTDetailView(ScopedViewMixin, DetailView):
    model = RT
    template_name = "wilayah/rt_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("rw__kelurahan__kecamatan")


class RTCreateView(ScopedViewMixin, ServiceFormMixin, CreateView):
    model = RT
    form_class = RTForm
    required_action = "add"
    template_name = "wilayah/form.html"
    pesan_sukses = _l("RT berhasil disimpan.")

    def get_initial(self):
        return {"rw": self.request.GET.get("rw")}

    def simpan(self, form):
        return services.rt_simpan(acting_user=self.request.user, rt=form.instance)

    def get_success_url(self):
        return reverse("wilayah:rw-detail", kwargs={"pk": self.object.rw_id})


class RWImporView(ImporExcelView):
    model = RW
    resource_class = RWResource
    judul = _l("Impor RW dari Excel")
    success_url = reverse_lazy("wilayah:rw-list")
    templat_url = reverse_lazy("wilayah:rw-templat")


class RWTemplatView(UnduhTemplatExcelView):
    model = RW
    resource_class = RWResource
    nama_berkas = "templat_rw.xlsx"
