from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.http import urlencode
from django.views import View
from django.views.generic import DetailView, TemplateView

from wilayah.access import ScopedViewMixin
from wilayah.berkas import respons_berkas, respons_berkas_buatan
from wilayah.impor import xlsx_response
from wilayah.models import Kecamatan
from wilayah.scoping import boleh

from . import cetak
from .filters import KatalogPublikFilterSet
from .models import FotoUMKM, KategoriPUD, PengajuanPUD, Siklus, Usulan


class IndexView(ScopedViewMixin, TemplateView):
    """The programme's start page (filled in by the programme's issue)."""

    required_action = None
    template_name = "pud/index.html"


# --- C: cetak dan katalog publik ---


def _respons_pdf(data: bytes, nama: str):
    """A PDF made here, shown inline (to print), as every generated file: sandboxed, not sniffed."""
    return respons_berkas_buatan(ContentFile(data, name=nama), nama=nama, content_type="application/pdf", sebagai_lampiran=False)


class BeritaAcaraPdfView(ScopedViewMixin, View):
    """The FGD's berita acara rendered from the data entered, ready to print and sign."""

    model = PengajuanPUD

    def get(self, request, pk):
        pengajuan = get_object_or_404(self.get_queryset().select_related("siklus", "kelurahan__kecamatan"), pk=pk)
        return _respons_pdf(cetak.pdf_berita_acara(pengajuan), cetak.nama_berkas_berita_acara(pengajuan))


class _LampiranView(ScopedViewMixin, View):
    """The decree annex of a round: its determined PUD the user may see (the city all, a camat their
    kecamatan), in the decree's order. The pk names the round; reading the annex needs view on the
    kelurahan's pengajuan. A fixed number of queries."""

    model = Siklus

    def lampiran(self, pk) -> tuple[Siklus, list[Usulan]]:
        user = self.request.user
        if not boleh(user, PengajuanPUD, "view"):
            raise PermissionDenied
        siklus = get_object_or_404(self.get_queryset(), pk=pk)
        usulan = Usulan.objects.for_user(user, "view").ditetapkan().filter(pengajuan__siklus=siklus)
        return siklus, list(cetak.usulan_lampiran(usulan))


class LampiranPdfView(_LampiranView):
    def get(self, request, pk):
        siklus, usulan = self.lampiran(pk)
        return _respons_pdf(cetak.pdf_lampiran(siklus=siklus, usulan=usulan), cetak.nama_berkas_lampiran(siklus, "pdf"))


class LampiranXlsxView(_LampiranView):
    def get(self, request, pk):
        siklus, usulan = self.lampiran(pk)
        return xlsx_response(cetak.lembar_lampiran(siklus=siklus, usulan=usulan), cetak.nama_berkas_lampiran(siklus, "xlsx"))


def _usulan_publik():
    """What the public sees: the determined PUD (main nominations of a ditetapkan pengajuan) of a
    business still running."""
    return Usulan.objects.ditetapkan().filter(umkm__aktif=True)


def _katalog_queryset():
    return (
        _usulan_publik()
        .select_related("umkm", "pengajuan__siklus", "pengajuan__kelurahan__kecamatan")
        .prefetch_related(Prefetch("umkm__foto_set", queryset=FotoUMKM.objects.order_by("id")))
        .order_by("-pengajuan__siklus__tahun", "pengajuan__kelurahan__kecamatan__kode", "pengajuan__kelurahan__kode", cetak.urutan_kategori(), "pk")
    )


class KatalogPublikView(TemplateView):
    """Public catalogue of the determined PUD, latest round first: photo, product, business, category,
    kelurahan, and the contact its owner chose to show (no personal data). A fixed number of queries."""

    template_name = "pud/publik_katalog.html"
    per_halaman = 24

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = {"kategori": self.request.GET.get("kategori", ""), "kecamatan": self.request.GET.get("kecamatan", ""), "q": self.request.GET.get("q", "")}
        saring = KatalogPublikFilterSet(data, queryset=_katalog_queryset())
        halaman = Paginator(saring.qs, self.per_halaman).get_page(self.request.GET.get("halaman"))
        dipilih = saring.form.cleaned_data
        pilihan = {
            "kategori": dipilih.get("kategori") or "",
            "kecamatan": dipilih["kecamatan"].kode if dipilih.get("kecamatan") else "",
            "q": dipilih.get("q") or "",
        }
        context.update(
            halaman=halaman,
            kategori_pilihan=KategoriPUD.choices,
            kecamatan_pilihan=Kecamatan.objects.order_by("nama"),
            pilihan=pilihan,
            querystring=urlencode({k: v for k, v in pilihan.items() if v}),
            pilihan_tidak_dikenal=bool(saring.errors),
        )
        return context


class ProdukPublikView(DetailView):
    """One determined product's public page; anything not in the catalogue is 404."""

    model = Usulan
    template_name = "pud/publik_produk.html"
    context_object_name = "usulan"

    def get_queryset(self):
        return _katalog_queryset()


class FotoPublikView(View):
    """A photo of a UMKM with a determined PUD (thumbnail or full size); any other photo is 404."""

    model = FotoUMKM
    ukuran = "thumbnail"

    def get(self, request, pk):
        foto = get_object_or_404(FotoUMKM.objects.filter(umkm__in=_usulan_publik().values("umkm_id")), pk=pk)
        berkas = (foto.thumbnail or foto.gambar) if self.ukuran == "thumbnail" else foto.gambar
        return respons_berkas(berkas, cache_control="public, max-age=3600")
