"""The filters of the pelatihan list pages (``wilayah.daftar``): a FilterSet over ``for_user``; the same
FilterSet serves a page and its export. A value that is not one of the choices (or outside the user's
scope) is the field's error and is not applied."""

# --- diklat ---

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wilayah.daftar import IntegerFilter, KecamatanFilter, ScopedFilterSet
from wilayah.periode import TAHUN_AKHIR, TAHUN_AWAL
from wilayah.scoping import Tingkat

from .models import Diklat, Instansi, JenisDiklat, Narasumber, StatusDiklat


class DiklatFilterSet(ScopedFilterSet):
    CAKUPAN = [(Tingkat.KOTA, _("Seluruh kota")), (Tingkat.KECAMATAN, _("Satu kecamatan")), (Tingkat.KELURAHAN, _("Satu kelurahan"))]

    q = django_filters.CharFilter(label=_("Cari judul"), method="cari", max_length=100)
    jenis = django_filters.ChoiceFilter(label=_("Jenis"), choices=JenisDiklat.choices, empty_label=_("Semua jenis"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=StatusDiklat.choices, empty_label=_("Semua status"))
    penyelenggara = django_filters.ModelChoiceFilter(
        label=_("Penyelenggara"), queryset=Instansi.objects.all(), empty_label=_("Semua penyelenggara"), method="saring_penyelenggara"
    )
    tahun = IntegerFilter(label=_("Tahun"), method="saring_tahun", min_value=TAHUN_AWAL, max_value=TAHUN_AKHIR)
    cakupan = django_filters.ChoiceFilter(label=_("Cakupan"), choices=CAKUPAN, empty_label=_("Semua cakupan"), method="saring_cakupan")
    kecamatan = KecamatanFilter(to_field_name="kode")

    class Meta:
        model = Diklat
        fields = []

    def cari(self, queryset, name, value):
        for kata in value.split()[:6]:
            queryset = queryset.filter(judul__icontains=kata)
        return queryset

    def saring_penyelenggara(self, queryset, name, value):
        """The organiser or one of the co-organisers."""
        bersama = Diklat.penyelenggara_lain.through.objects.filter(instansi=value).values("diklat_id")
        return queryset.filter(Q(penyelenggara=value) | Q(pk__in=bersama))

    def saring_tahun(self, queryset, name, value):
        """Held (at least one day) in that year."""
        return queryset.filter(tanggal_mulai__year__lte=value, tanggal_selesai__year__gte=value)

    def saring_cakupan(self, queryset, name, value):
        if value == Tingkat.KOTA:
            return queryset.filter(kecamatan__isnull=True)
        if value == Tingkat.KECAMATAN:
            return queryset.filter(kecamatan__isnull=False, kelurahan__isnull=True)
        return queryset.filter(kelurahan__isnull=False)


class NarasumberFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Cari nama atau jabatan"), method="cari", max_length=100)
    instansi = django_filters.ModelChoiceFilter(label=_("Instansi"), queryset=Instansi.objects.all(), empty_label=_("Semua instansi"))

    class Meta:
        model = Narasumber
        fields = []

    def cari(self, queryset, name, value):
        for kata in value.split()[:6]:
            queryset = queryset.filter(Q(nama__icontains=kata) | Q(jabatan__icontains=kata))
        return queryset


class InstansiFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Cari nama atau singkatan"), method="cari", max_length=100)

    class Meta:
        model = Instansi
        fields = []

    def cari(self, queryset, name, value):
        for kata in value.split()[:6]:
            queryset = queryset.filter(Q(nama__icontains=kata) | Q(singkatan__icontains=kata))
        return queryset
