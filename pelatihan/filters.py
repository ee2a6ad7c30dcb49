"""The filters of the pelatihan list pages (``wilayah.daftar``): a FilterSet over ``for_user``."""


# --- follow-up (rencana tindak lanjut) ---
# Imports here, not at the top: the top of this file is written by several people at once.
import django_filters  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.utils.translation import gettext_lazy as _l  # noqa: E402

from wilayah.daftar import KecamatanFilter, KelurahanFilter, ScopedFilterSet  # noqa: E402

from .models import Diklat, JenisTindakLanjut, RencanaTindakLanjut  # noqa: E402


class RencanaFilterSet(ScopedFilterSet):
    """Commitments by status (open, done, overdue: ``RencanaQuerySet.terbuka``/``terlambat``, as of
    today), kind, region (Kemendagri codes), diklat, and a search in the text and the participant."""

    STATUS = (("terbuka", _l("Belum selesai")), ("terlambat", _l("Melewati tenggat")), ("selesai", _l("Selesai")))

    q = django_filters.CharFilter(label=_l("Cari komitmen/peserta"), method="cari", max_length=100)
    status = django_filters.ChoiceFilter(label=_l("Status"), choices=STATUS, empty_label=_l("Semua status"), method="saring_status")
    jenis = django_filters.ChoiceFilter(label=_l("Jenis"), choices=JenisTindakLanjut.choices, empty_label=_l("Semua jenis"))
    kecamatan = KecamatanFilter("kelurahan__kecamatan", to_field_name="kode")
    kelurahan = KelurahanFilter(to_field_name="kode")
    diklat = django_filters.ModelChoiceFilter(label=_l("Diklat"), field_name="peserta__diklat", queryset=Diklat.objects.all(), empty_label=_l("Semua diklat"))

    cascade = {"kelurahan": "kecamatan"}

    class Meta:
        model = RencanaTindakLanjut
        fields = []

    def saring_status(self, queryset, name, value):
        if value == "terbuka":
            return queryset.terbuka()
        if value == "terlambat":
            return queryset.terlambat()
        return queryset.exclude(pk__in=RencanaTindakLanjut.objects.terbuka().values("pk"))

    def cari(self, queryset, name, value):
        for kata in value.split()[:6]:
            queryset = queryset.filter(Q(uraian__icontains=kata) | Q(peserta__nama__icontains=kata))
        return queryset
