"""Pages of the pelatihan programme. Every view reads through ``for_user`` (``ScopedViewMixin``)
and writes through ``pelatihan.services``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from wilayah.access import ScopedViewMixin
from wilayah.berkas import respons_berkas_buatan
from wilayah.daftar import id_dari

from . import services
from .cetak import kode_dari_masukan, sertifikat_pdf
from .models import CetakSertifikat, Diklat, Peserta, RencanaTindakLanjut, StatusCetak


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
