"""The filters of the wisata list pages (``wilayah.daftar``): the same FilterSet serves the page and its export.

Regions are chosen by their Kemendagri code (``?kelurahan=35.74.04.1004``), categories by slug.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from wilayah.daftar import FilterSetPortal, IntegerFilter, KecamatanFilter, KelurahanFilter, ScopedFilterSet
from wilayah.periode import TAHUN_AKHIR, TAHUN_AWAL

from .models import Destinasi, Event, FotoDestinasi, KategoriWisata, StatusDestinasi, StatusEvent, TargetProgram


def _tahun(field_name, lookup_expr="exact"):
    return IntegerFilter(label=_("Tahun"), field_name=field_name, lookup_expr=lookup_expr, min_value=TAHUN_AWAL, max_value=TAHUN_AKHIR)


class DestinasiFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Cari nama"), field_name="nama", lookup_expr="icontains")
    kelurahan = KelurahanFilter(to_field_name="kode")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=StatusDestinasi.choices, empty_label=_("Semua status"))
    kategori = django_filters.ModelChoiceFilter(label=_("Kategori"), queryset=KategoriWisata.objects.all(), to_field_name="slug", empty_label=_("Semua kategori"))

    class Meta:
        model = Destinasi
        fields = []


class EventFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Cari nama"), field_name="nama", lookup_expr="icontains")
    kelurahan = KelurahanFilter(to_field_name="kode")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=StatusEvent.choices, empty_label=_("Semua status"))
    tahun = _tahun("tanggal_mulai", "year")
    tahunan = django_filters.BooleanFilter(label=_("Hanya tahunan"), widget=forms.CheckboxInput, method="hanya_tahunan")

    class Meta:
        model = Event
        fields = []

    def hanya_tahunan(self, queryset, name, value):
        return queryset.filter(tahunan=True) if value else queryset


class FotoFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Cari destinasi"), field_name="destinasi__nama", lookup_expr="icontains")
    kelurahan = KelurahanFilter("destinasi__kelurahan", to_field_name="kode")

    class Meta:
        model = FotoDestinasi
        fields = []


class TargetFilterSet(ScopedFilterSet):
    tahun = _tahun("tahun")

    class Meta:
        model = TargetProgram
        fields = []


class KatalogFilterSet(FilterSetPortal):
    """The public catalogue's pickers (``?kecamatan=35.74.04&kategori=kuliner``; no scope: only
    published destinations are listed). A code or slug that is not one of the choices is the field's
    error and is not applied: the page says so and lists every destination."""

    kecamatan = KecamatanFilter("kelurahan__kecamatan", to_field_name="kode")
    kategori = django_filters.ModelChoiceFilter(label=_("Kategori"), queryset=KategoriWisata.objects.filter(aktif=True), to_field_name="slug")

    class Meta:
        model = Destinasi
        fields = []
