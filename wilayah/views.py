from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView

from .access import ScopedFormMixin, ScopedViewMixin, scoped_view
from .daftar import FilteredListView
from .filters import KecamatanFilterSet, KelurahanFilterSet, RTFilterSet, RWFilterSet
from .forms import RTForm, RWForm
from .impor import ImporExcelView, UnduhTemplatExcelView
from .models import RT, RW, Kecamatan, Kelurahan
from .panels import panels_for
from .resources import RWResource
from .scoping import lingkup_of, sees_whole_city


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

    def get(self, request, *args, **kwargs):
        if not sees_whole_city(request.user):
            raise Http404
        return super().get(request, *args, **kwargs)

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
        context["boleh_tambah_rw"] = self.request.user.has_perm("wilayah.add_rw")
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


class RWFormMixin(ScopedViewMixin, ScopedFormMixin):
    model = RW
    form_class = RWForm
    template_name = "wilayah/form.html"

    def form_valid(self, form):
        messages.success(self.request, _("RW berhasil disimpan."))
        return super().form_valid(form)

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


class RTCreateView(ScopedViewMixin, ScopedFormMixin, CreateView):
    model = RT
    form_class = RTForm
    required_action = "add"
    template_name = "wilayah/form.html"

    def get_initial(self):
        return {"rw": self.request.GET.get("rw")}

    def form_valid(self, form):
        messages.success(self.request, _("RT berhasil disimpan."))
        return super().form_valid(form)

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
