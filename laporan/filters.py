"""The report list's filters (``wilayah.daftar``): month, level, kecamatan, a region's name or code,
and whether to show every version (by default only the published one of each region and month)."""

from __future__ import annotations

import django_filters
from django.core.validators import EMPTY_VALUES
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wilayah.daftar import KecamatanFilter, ScopedFilterSet
from wilayah.scoping import Tingkat

from .forms import BulanField
from .models import LaporanBulanan

SEMUA_VERSI = "semua"


class BulanFilter(django_filters.Filter):
    field_class = BulanField

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        tahun, bulan = value
        return qs.filter(tahun=tahun, bulan=bulan)


class LaporanFilterSet(ScopedFilterSet):
    bulan = BulanFilter(label=_("Bulan"))
    tingkat = django_filters.ChoiceFilter(label=_("Tingkat"), choices=Tingkat.choices, empty_label=_("Semua tingkat"))
    kecamatan = KecamatanFilter()
    q = django_filters.CharFilter(label=_("Wilayah (nama/kode)"), method="cari_wilayah", max_length=100)
    versi = django_filters.ChoiceFilter(
        label=_("Versi"), choices=[(SEMUA_VERSI, _("Semua versi"))], empty_label=_("Versi yang berlaku"), method="saring_versi",
    )

    class Meta:
        model = LaporanBulanan
        fields = ["bulan", "tingkat", "kecamatan", "q", "versi"]

    def cari_wilayah(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(kunci_wilayah__startswith=value) | Q(kelurahan__nama__icontains=value) | Q(kecamatan__nama__icontains=value, tingkat=Tingkat.KECAMATAN)
        )

    def saring_versi(self, queryset, name, value):
        return queryset  # applied in filter_queryset, which also sees the empty value

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("versi") != SEMUA_VERSI:
            queryset = queryset.filter(terbaru=True)
        return queryset
