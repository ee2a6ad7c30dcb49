import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wilayah.daftar import KecamatanFilter

from .models import KategoriPUD, Usulan

# --- C: katalog publik ---


class KatalogPublikFilterSet(django_filters.FilterSet):
    """The public catalogue's pickers (``?kategori=agro&kecamatan=35.74.04&q=batik``; no scope: only
    determined PUD are listed). An unknown choice, a code that is no kecamatan or a search too long is
    the field's error and is not applied: the page says so and lists the rest."""

    kategori = django_filters.ChoiceFilter(label=_("Kategori"), choices=KategoriPUD.choices, empty_label=_("Semua kategori"))
    kecamatan = KecamatanFilter("pengajuan__kelurahan__kecamatan", to_field_name="kode")
    q = django_filters.CharFilter(label=_("Cari"), method="cari", max_length=100)

    class Meta:
        model = Usulan
        fields = []

    def cari(self, queryset, name, value):
        """Every word in the product, the business name, what it makes, or its kelurahan."""
        for kata in value.split()[:6]:
            queryset = queryset.filter(
                Q(produk__icontains=kata) | Q(umkm__nama_usaha__icontains=kata) | Q(umkm__produk__icontains=kata)
                | Q(pengajuan__kelurahan__nama__icontains=kata)
            )  # fmt: skip
        return queryset
