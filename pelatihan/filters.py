"""The filters of the pelatihan list pages (``wilayah.daftar``): a FilterSet over ``for_user``.
Regions by their Kemendagri code; a value that is not one of the choices (or outside the user's
scope) is the field's error and is not applied."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wilayah.daftar import KecamatanFilter, KelurahanFilter, ScopedFilterSet
from wilayah.periode import tanggal_id

from .models import Diklat, Peserta, UnsurPeserta

# --- peserta ---


class _DiklatField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        """The title and its start (the same training is held every year)."""
        return f"{obj.judul} ({tanggal_id(obj.tanggal_mulai)})" if obj.tanggal_mulai else obj.judul


class DiklatFilter(django_filters.ModelChoiceFilter):
    field_class = _DiklatField


class PesertaFilterSet(ScopedFilterSet):
    """Participants: diklat, kecamatan then kelurahan (cascading, within the user's scope), unsur,
    certificate issued or not, a name (or position/institution) search."""

    SERTIFIKAT = (("ya", _("Sudah bersertifikat")), ("tidak", _("Belum bersertifikat")))

    q = django_filters.CharFilter(label=_("Cari nama"), method="cari", max_length=100)
    diklat = DiklatFilter(label=_("Diklat"), queryset=Diklat.objects.all(), empty_label=_("Semua diklat"))
    kecamatan = KecamatanFilter(to_field_name="kode")
    kelurahan = KelurahanFilter(to_field_name="kode")
    unsur = django_filters.ChoiceFilter(label=_("Unsur"), choices=UnsurPeserta.choices, empty_label=_("Semua unsur"))
    sertifikat = django_filters.ChoiceFilter(label=_("Sertifikat"), choices=SERTIFIKAT, empty_label=_("Semua"), method="saring_sertifikat")

    cascade = {"kelurahan": "kecamatan"}

    class Meta:
        model = Peserta
        fields = []

    def cari(self, queryset, name, value):
        for kata in value.split()[:5]:
            queryset = queryset.filter(Q(nama__icontains=kata) | Q(jabatan__icontains=kata) | Q(lembaga_asal__icontains=kata))
        return queryset

    def saring_sertifikat(self, queryset, name, value):
        return queryset.filter(kode_verifikasi__isnull=value != "ya")
