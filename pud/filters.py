"""The filters of the PUD list pages (``wilayah.daftar``): the same FilterSet serves the page and its export.

Regions are chosen by their Kemendagri code (``?kelurahan=35.74.04.1004``), as on every list."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wilayah.daftar import KecamatanFilter, KelurahanFilter, ScopedFilterSet

from .models import UMKM, KategoriPUD

# --- B: UMKM ---


class UMKMFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Cari usaha, pemilik atau produk"), method="cari")
    kecamatan = KecamatanFilter("kelurahan__kecamatan", to_field_name="kode")
    kelurahan = KelurahanFilter(to_field_name="kode")
    kategori = django_filters.ChoiceFilter(label=_("Kategori"), choices=KategoriPUD.choices, empty_label=_("Semua kategori"))
    aktif = django_filters.ChoiceFilter(
        label=_("Status usaha"), choices=[("ya", _("Masih berjalan")), ("tidak", _("Tidak berjalan lagi"))], empty_label=_("Semua"), method="saring_aktif"
    )

    cascade = {"kelurahan": "kecamatan"}

    class Meta:
        model = UMKM
        fields = []

    def saring_aktif(self, queryset, name, value):
        return queryset.filter(aktif=value == "ya")

    def cari(self, queryset, name, value):
        teks = value.strip()
        if not teks:
            return queryset
        return queryset.filter(Q(nama_usaha__icontains=teks) | Q(pemilik_nama__icontains=teks) | Q(produk__icontains=teks))
