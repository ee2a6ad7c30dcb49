"""The filters of the region lists (``wilayah.daftar``). Regions are chosen by their Kemendagri code."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .daftar import KecamatanFilter, KelurahanFilter, ScopedFilterSet
from .models import RT, RW, Kecamatan, Kelurahan


class KecamatanFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Cari nama"), field_name="nama", lookup_expr="icontains")

    class Meta:
        model = Kecamatan
        fields = []


class KelurahanFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Cari nama"), field_name="nama", lookup_expr="icontains")
    kecamatan = KecamatanFilter(to_field_name="kode")

    class Meta:
        model = Kelurahan
        fields = []


class RWFilterSet(ScopedFilterSet):
    kecamatan = KecamatanFilter("kelurahan__kecamatan", to_field_name="kode")
    kelurahan = KelurahanFilter(to_field_name="kode")
    q = django_filters.CharFilter(label=_("Cari nama ketua"), field_name="nama_ketua", lookup_expr="icontains")

    cascade = {"kelurahan": "kecamatan"}

    class Meta:
        model = RW
        fields = []


class RTFilterSet(ScopedFilterSet):
    kecamatan = KecamatanFilter("rw__kelurahan__kecamatan", to_field_name="kode")
    kelurahan = KelurahanFilter("rw__kelurahan", to_field_name="kode")

    cascade = {"kelurahan": "kecamatan"}

    class Meta:
        model = RT
        fields = []
