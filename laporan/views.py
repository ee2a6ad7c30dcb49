from django.views.generic import TemplateView

from wilayah.access import ScopedViewMixin


class IndexView(ScopedViewMixin, TemplateView):
    """The programme's start page (filled in by the programme's issue)."""

    required_action = None
    template_name = "laporan/index.html"
