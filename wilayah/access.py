"""How a view declares its access: public, or served through the scoping mechanism.

A test walks the whole URLconf and fails on any view that is neither (default deny).

- ``public_view(view)``: serves no region-bound data of a user (login page, public catalogue,
  certificate verification). Nothing else is checked.
- ``ScopedViewMixin``: class-based views over region-bound data. Requires login, a scope row
  (else a page telling the user to contact Bappeda) and ``boleh(user, model, required_action)``
  (403 otherwise); a view over a whole level declares ``cakupan_wajib`` (the city pages:
  ``Tingkat.KOTA``; 404 otherwise). ``get_queryset()`` is ``for_user(user, required_action)``,
  so an object outside what the user may do is a 404.
- ``scoped_view``: the same checks for a function view; the function must read through
  ``for_user`` (or ``lingkup_of``) itself.
"""

from functools import wraps

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views import View

from .berkas import respons_berkas
from .scoping import boleh, lingkup_of, mencakup


def public_view(view):
    view.akses_publik = True
    return view


def _scope_refusal(request):
    """None when the user may go on; else the response that stops them."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user.is_superuser and lingkup_of(user) is None:
        return render(request, "wilayah/tanpa_lingkup.html", status=403)
    return None


def scoped_view(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        refusal = _scope_refusal(request)
        if refusal is not None:
            return refusal
        return view(request, *args, **kwargs)

    wrapper.akses_lingkup = True
    return wrapper


class ScopedViewMixin(LoginRequiredMixin):
    """Base of every class-based view over region-bound data."""

    akses_lingkup = True
    #: what the view does to ``model``: "view", "add", "change", "delete" or a model's own action
    #: (``izin_aksi_khusus``); None: only a scope is needed.
    required_action: str | None = "view"
    #: a view over a whole level (the city pages): the scope must reach it, else 404.
    cakupan_wajib: str | None = None

    def get_permission_model(self):
        model = getattr(self, "model", None)
        if model is None and getattr(self, "queryset", None) is not None:
            model = self.queryset.model
        return model

    def dispatch(self, request, *args, **kwargs):
        refusal = _scope_refusal(request)
        if refusal is not None:
            return refusal
        if self.cakupan_wajib and not mencakup(request.user, self.cakupan_wajib):
            raise Http404
        model = self.get_permission_model()
        if self.required_action and model is not None and not boleh(request.user, model, self.required_action):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def dapat_dibuka(cls, user) -> bool:
        """Whether ``user`` may open this view (for links: a page is linked only to who may open it)."""
        if user is None or not user.is_authenticated or (not user.is_superuser and lingkup_of(user) is None):
            return False
        if cls.cakupan_wajib and not mencakup(user, cls.cakupan_wajib):
            return False
        model = cls.model if getattr(cls, "model", None) is not None else getattr(getattr(cls, "queryset", None), "model", None)
        return not (cls.required_action and model is not None and not boleh(user, model, cls.required_action))

    def get_base_queryset(self):
        model = self.get_permission_model()
        if model is None:
            raise ImproperlyConfigured(f"{type(self).__name__} tidak menyatakan model.")
        return model._default_manager.all()

    def get_queryset(self):
        return self.get_base_queryset().for_user(self.request.user, self.required_action or "view")


class ScopedFileView(ScopedViewMixin, View):
    """Serves a file field of a region-bound object (SK scans, photos, PDFs) after ``for_user``.

    Subclass with ``model`` and ``file_field``; route it as ``<int:pk>/...``. Uploads are never
    served from MEDIA_URL directly, so this is the only way to a private file; the response is
    ``wilayah.berkas.respons_berkas`` (type from the content, sandboxed).
    """

    file_field: str = ""
    as_attachment = False

    def get(self, request, pk):
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        return respons_berkas(getattr(obj, self.file_field), sebagai_lampiran=self.as_attachment)
