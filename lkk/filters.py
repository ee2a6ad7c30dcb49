"""The filters of the LKK list pages (``wilayah.daftar``): the same FilterSet serves the page and its export."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wilayah.daftar import KecamatanFilter, KelurahanFilter, ScopedFilterSet
from wilayah.models import RW

from .models import Jabatan, JenisLembaga, Lembaga, Pengurus, Status, hari_ini


class CakupanFilterSet(ScopedFilterSet):
    """The start page's drill-down: ``?kecamatan=<kode>`` (unknown or outside the scope: the field's error)."""

    kecamatan = KecamatanFilter("kelurahan__kecamatan", to_field_name="kode")

    class Meta:
        model = Lembaga
        fields = []


class MasaBaktiFilterSet(ScopedFilterSet):
    """The flagged-terms list: by type and kelurahan."""

    jenis = django_filters.ModelChoiceFilter(label=_("Jenis"), queryset=JenisLembaga.objects.all(), empty_label=_("Semua jenis"))
    kelurahan = KelurahanFilter()

    class Meta:
        model = Lembaga
        fields = []


class LembagaFilterSet(ScopedFilterSet):
    STATUS_SK = [("berlaku", _("SK berlaku")), ("tidak", _("SK tidak berlaku/belum ada")), ("perhatian", _("Masa bakti habis/segera habis"))]

    q = django_filters.CharFilter(label=_("Cari nama atau nomor SK"), method="cari")
    jenis = django_filters.ModelChoiceFilter(label=_("Jenis"), queryset=JenisLembaga.objects.all(), empty_label=_("Semua jenis"))
    kelurahan = KelurahanFilter()
    rw = django_filters.ModelChoiceFilter(label=_("RW"), queryset=RW.objects.select_related("kelurahan"), empty_label=_("Semua RW"))
    status_sk = django_filters.ChoiceFilter(label=_("Status SK"), choices=STATUS_SK, empty_label=_("Semua status SK"), method="saring_status_sk")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("Semua status"))

    cascade = {"rw": "kelurahan"}

    class Meta:
        model = Lembaga
        fields = []

    def cari(self, queryset, name, value):
        return queryset.filter(Q(nama__icontains=value) | Q(nomor_sk__icontains=value))

    def saring_status_sk(self, queryset, name, value):
        pada = hari_ini()
        if value == "berlaku":
            return queryset.sk_berlaku(pada)
        if value == "tidak":
            return queryset.exclude(pk__in=Lembaga.objects.sk_berlaku(pada).values("pk"))
        return queryset.perlu_perhatian(pada)


class PengurusFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Cari nama"), field_name="nama", lookup_expr="icontains")
    jabatan = django_filters.ChoiceFilter(label=_("Jabatan"), choices=Jabatan.choices, empty_label=_("Semua jabatan"))
    menjabat = django_filters.ChoiceFilter(
        label=_("Masa"), choices=[("ya", _("Sedang menjabat")), ("tidak", _("Sudah selesai"))], empty_label=_("Semua"), method="saring_menjabat"
    )
    kelurahan = KelurahanFilter("lembaga__kelurahan")

    class Meta:
        model = Pengurus
        fields = []

    def saring_menjabat(self, queryset, name, value):
        if value == "ya":
            return queryset.menjabat_pada(hari_ini())
        return queryset.filter(akhir_efektif__lt=hari_ini())
