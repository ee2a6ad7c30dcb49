"""The filters of the region lists (``wilayah.daftar``). Regions are chosen by their Kemendagri code."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .daftar import KecamatanFilter, KelurahanFilter, ScopedFilterSet
from .models import RT, RW, Kecamatan, Kelurahan, KonfirmasiBulan, PengecualianKunci
from .periode import TAHUN_AKHIR, TAHUN_AWAL


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


# --- the accounts page (wilayah.akun; imports here to keep merges simple) ---
from django.contrib.auth import get_user_model  # noqa: E402
from django.db.models import Q  # noqa: E402

from .akun import PERAN_TINGKAT  # noqa: E402


class AkunFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Cari nama / nama pengguna"), method="cari")
    kecamatan = KecamatanFilter(method="di_kecamatan", to_field_name="kode")
    kelurahan = KelurahanFilter("lingkup__kelurahan", to_field_name="kode")
    peran = django_filters.ChoiceFilter(
        label=_("Peran"), field_name="groups__name", choices=[(p, p) for p in PERAN_TINGKAT], empty_label=_("Semua peran")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), method="berstatus", choices=[("aktif", _("Aktif")), ("nonaktif", _("Nonaktif"))], empty_label=_("Semua status")
    )

    cascade = {"kelurahan": "kecamatan"}

    class Meta:
        model = get_user_model()
        fields = []

    def cari(self, queryset, name, value):
        return queryset.filter(Q(username__icontains=value) | Q(first_name__icontains=value) | Q(last_name__icontains=value))

    def di_kecamatan(self, queryset, name, value):
        """A kecamatan's accounts: its camat and the operators of its kelurahan."""
        return queryset.filter(Q(lingkup__kecamatan=value) | Q(lingkup__kelurahan__kecamatan=value))

    def berstatus(self, queryset, name, value):
        return queryset.filter(is_active=value == "aktif")


# --- a month's confirmations and lock exceptions (wilayah.kunci) ---


class CatatanBulanKelurahanFilterSet(ScopedFilterSet):
    """The filters of a row about a kelurahan's month (``models.CatatanBulanKelurahan``)."""

    kecamatan = KecamatanFilter("kelurahan__kecamatan", to_field_name="kode")
    kelurahan = KelurahanFilter(to_field_name="kode")
    tahun = django_filters.NumberFilter(label=_("Tahun"), min_value=TAHUN_AWAL, max_value=TAHUN_AKHIR)

    cascade = {"kelurahan": "kecamatan"}


class KonfirmasiBulanFilterSet(CatatanBulanKelurahanFilterSet):
    class Meta:
        model = KonfirmasiBulan
        fields = []


class PengecualianKunciFilterSet(CatatanBulanKelurahanFilterSet):
    class Meta:
        model = PengecualianKunci
        fields = []
