"""Pages of the pelatihan programme. Every view reads through ``for_user`` (``ScopedViewMixin``)
and writes through ``pelatihan.services``."""

from django.views.generic import DetailView, ListView, TemplateView

from wilayah.access import ScopedViewMixin

from .models import Diklat, Peserta, RencanaTindakLanjut


class IndexView(ScopedViewMixin, TemplateView):
    """The programme's start page."""

    required_action = None
    template_name = "pelatihan/index.html"


# --- STUB: replaced by the diklat pages -----------------------------------------------------
class DiklatListView(ScopedViewMixin, ListView):
    model = Diklat
    template_name = "pelatihan/stub_list.html"


class DiklatDetailView(ScopedViewMixin, DetailView):
    model = Diklat
    template_name = "pelatihan/stub_detail.html"


# --- STUB: replaced by the participant pages ------------------------------------------------
class PesertaListView(ScopedViewMixin, ListView):
    model = Peserta
    template_name = "pelatihan/stub_list.html"


class PesertaDetailView(ScopedViewMixin, DetailView):
    model = Peserta
    template_name = "pelatihan/stub_detail.html"


# --- follow-up (rencana tindak lanjut) ---
# Imports here, not at the top: the top of this file is written by several people at once.
from django.contrib import messages  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.shortcuts import get_object_or_404, redirect  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.translation import gettext as _g  # noqa: E402
from django.utils.translation import gettext_lazy as _l  # noqa: E402
from django.views.generic import CreateView, UpdateView  # noqa: E402

from wilayah.daftar import FilteredExportMixin, FilteredListView  # noqa: E402
from wilayah.forms import ServiceFormMixin  # noqa: E402
from wilayah.impor import xlsx_response  # noqa: E402
from wilayah.riwayat import riwayat_perubahan  # noqa: E402
from wilayah.scoping import boleh, boleh_atas  # noqa: E402

from . import services as _services  # noqa: E402
from .filters import RencanaFilterSet  # noqa: E402
from .forms import RencanaForm  # noqa: E402
from .models import JenisTindakLanjut  # noqa: E402
from .resources import ekspor_rencana  # noqa: E402


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
