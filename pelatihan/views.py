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


# --- STUB: replaced by the follow-up pages --------------------------------------------------
class RencanaListView(ScopedViewMixin, ListView):
    model = RencanaTindakLanjut
    template_name = "pelatihan/stub_list.html"


class RencanaDetailView(ScopedViewMixin, DetailView):
    model = RencanaTindakLanjut
    template_name = "pelatihan/stub_detail.html"
