"""The filters of the kader list pages (``wilayah.daftar``): the same FilterSet serves the page and its export."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wilayah.daftar import IntegerFilter, KecamatanFilter, KelurahanFilter, ScopedFilterSet
from wilayah.nik import boleh_cari_nik
from wilayah.scoping import Tingkat

from .models import BidangKerja, Kader, KepengurusanForkom, LombaKPM, NominasiLomba, PeranKPM, StatusKader

#: the shortest run of digits searched as the start of a NIK (shorter: searched in names)
NIK_CARI_MIN = 4


class KaderFilterSet(ScopedFilterSet):
    URUTAN = {
        "nama": ("nama", "pk"),
        "-nama": ("-nama", "-pk"),  # pk in the same direction: the (nama, id) index read backwards
        "-tanggal_mulai": ("-tanggal_mulai", "-pk"),
        "tanggal_mulai": ("tanggal_mulai", "pk"),
        "kelurahan": ("kelurahan__kode", "nama", "pk"),
    }

    q = django_filters.CharFilter(label=_("Cari nama atau NIK"), method="cari")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=StatusKader.choices, empty_label=_("Semua status"))
    peran = django_filters.ChoiceFilter(label=_("Peran"), choices=PeranKPM.choices, empty_label=_("Semua peran"), method="saring_peran")
    bidang = django_filters.ModelChoiceFilter(label=_("Bidang kerja"), field_name="bidang_kerja", queryset=BidangKerja.objects.all(), empty_label=_("Semua bidang"))
    kecamatan = KecamatanFilter("kelurahan__kecamatan", to_field_name="kode")
    kelurahan = KelurahanFilter()
    rw = IntegerFilter(label=_("Nomor RW"), field_name="rw__nomor", min_value=1)
    urut = django_filters.ChoiceFilter(
        label=_("Urutkan"),
        choices=[("nama", _("Nama (A-Z)")), ("-nama", _("Nama (Z-A)")), ("-tanggal_mulai", _("Mulai terbaru")), ("tanggal_mulai", _("Mulai terlama")), ("kelurahan", _("Kelurahan"))],
        empty_label=None,
        method="urutkan",
    )

    #: without JavaScript the kelurahan picker of a city-wide user lists a chosen kecamatan's (wilayah.pilih)
    cascade = {"kelurahan": "kecamatan"}

    class Meta:
        model = Kader
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cari_nik = boleh_cari_nik(self.user)
        if not self.cari_nik:
            self.filters["q"].label = _("Cari nama")

    def cari(self, queryset, name, value):
        teks = value.strip()
        angka = teks.replace(" ", "")
        if angka.isdigit() and len(angka) >= NIK_CARI_MIN:
            if not self.cari_nik:
                return queryset.none()  # those who see NIKs masked may not probe for one either
            return queryset.filter(nik__startswith=angka) if len(angka) < 16 else queryset.filter(nik=angka)
        return queryset.filter(nama__icontains=teks)

    def saring_peran(self, queryset, name, value):
        return queryset.dengan_peran(value)

    def urutkan(self, queryset, name, value):
        return queryset.order_by(*self.URUTAN[value])


class ForkomFilterSet(ScopedFilterSet):
    tingkat = django_filters.ChoiceFilter(label=_("Tingkat"), choices=Tingkat.choices, empty_label=_("Semua tingkat"))
    kecamatan = KecamatanFilter(method="saring_kecamatan")

    class Meta:
        model = KepengurusanForkom
        fields = []

    def saring_kecamatan(self, queryset, name, value):
        """The kecamatan's own board and the boards of its kelurahan."""
        return queryset.filter(Q(kecamatan=value) | Q(kelurahan__kecamatan=value))


class NominasiFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Cari nama kader"), field_name="kader__nama", lookup_expr="icontains")
    lomba = django_filters.ModelChoiceFilter(label=_("Lomba"), queryset=LombaKPM.objects.all(), empty_label=_("Semua lomba"))
    kelurahan = KelurahanFilter("kader__kelurahan")

    class Meta:
        model = NominasiLomba
        fields = []
