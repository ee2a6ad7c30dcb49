"""Pages of the pelatihan programme. Every view reads through ``for_user`` (``ScopedViewMixin``)
and writes through ``pelatihan.services``."""

from django.views.generic import DetailView, ListView, TemplateView

from wilayah.access import ScopedViewMixin

from .models import Diklat, Peserta, RencanaTindakLanjut, StatusDiklat


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


# --- STUB: replaced by the follow-up pages --------------------------------------------------
class RencanaListView(ScopedViewMixin, ListView):
    model = RencanaTindakLanjut
    template_name = "pelatihan/stub_list.html"


class RencanaDetailView(ScopedViewMixin, DetailView):
    model = RencanaTindakLanjut
    template_name = "pelatihan/stub_detail.html"


# --- peserta ---
from django.apps import apps  # noqa: E402
from django.contrib import messages  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.shortcuts import get_object_or_404, redirect  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.http import urlencode  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from django.utils.translation import gettext_lazy as _l  # noqa: E402
from django.views.generic import FormView, UpdateView  # noqa: E402

from wilayah.daftar import FilteredExportMixin, FilteredListView, id_dari  # noqa: E402
from wilayah.forms import ServiceFormMixin  # noqa: E402
from wilayah.impor import BARIS_LATAR, ImporExcelView, UnduhTemplatExcelView, xlsx_response  # noqa: E402
from wilayah.templat import TemplatImpor  # noqa: E402
from wilayah.riwayat import riwayat_perubahan  # noqa: E402
from wilayah.scoping import boleh, boleh_atas  # noqa: E402

from . import services  # noqa: E402
from .filters import PesertaFilterSet  # noqa: E402
from .forms import PesertaForm, PilihSesiForm  # noqa: E402
from .resources import PesertaResource, ekspor_peserta  # noqa: E402

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
        q = (request.POST.get("q") or "")[:100]
        url = reverse("pelatihan:peserta-create", kwargs={"pk": diklat.pk})
        return redirect(f"{url}?{urlencode({'q': q})}" if q else url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, diklat = self.request.user, self.get_diklat()
        q = " ".join((self.request.GET.get("q") or "").split())[:100]
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
