"""The filters of the PUD list pages (``wilayah.daftar``): a FilterSet over ``for_user``.

Regions by their Kemendagri code (``?kecamatan=35.74.04``), the round by its id; a value that is not
one of the choices (or outside the user's scope) is the field's error and is not applied.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wilayah.daftar import FilterSetPortal, KecamatanFilter, KelurahanFilter, ScopedFilterSet

from .models import UMKM, KategoriPUD, PengajuanPUD, Siklus, StatusPengajuan, Usulan

# --- A2: kecamatan, kota, putaran ---


def _siklus(field_name="siklus"):
    return django_filters.ModelChoiceFilter(label=_("Putaran"), field_name=field_name, queryset=Siklus.objects.all(), empty_label=_("Semua putaran"))


class PengajuanFilterSet(ScopedFilterSet):
    siklus = _siklus()
    kecamatan = KecamatanFilter("kelurahan__kecamatan", to_field_name="kode")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=StatusPengajuan.choices, empty_label=_("Semua status"))

    class Meta:
        model = PengajuanPUD
        fields = []


class UsulanFilterSet(ScopedFilterSet):
    JENIS = (("utama", _("Utama")), ("alternatif", _("Alternatif")))

    q = django_filters.CharFilter(label=_("Cari produk/UMKM"), method="cari")
    siklus = _siklus("pengajuan__siklus")
    kecamatan = KecamatanFilter("pengajuan__kelurahan__kecamatan", to_field_name="kode")
    kategori = django_filters.ChoiceFilter(label=_("Kategori"), choices=KategoriPUD.choices, empty_label=_("Semua kategori"))
    jenis = django_filters.ChoiceFilter(label=_("Utama/alternatif"), choices=JENIS, empty_label=_("Semua"), method="saring_jenis")
    status = django_filters.ChoiceFilter(label=_("Status pengajuan"), field_name="pengajuan__status", choices=StatusPengajuan.choices, empty_label=_("Semua status"))

    class Meta:
        model = Usulan
        fields = []

    def cari(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(produk__icontains=value) | Q(umkm__nama_usaha__icontains=value)) if value else queryset

    def saring_jenis(self, queryset, name, value):
        return queryset.filter(utama=(value == "utama")) if value else queryset


# --- C: katalog publik ---


class KatalogPublikFilterSet(FilterSetPortal):
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
