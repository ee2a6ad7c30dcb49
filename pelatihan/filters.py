"""The filters of the pelatihan list pages (``wilayah.daftar``): a FilterSet over ``for_user``; the same
FilterSet serves a page and its export. A value that is not one of the choices (or outside the user's
scope) is the field's error and is not applied."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _, gettext_lazy as _l
from wilayah.daftar import IntegerFilter, KecamatanFilter, KelurahanFilter, ScopedFilterSet
from wilayah.periode import TAHUN_AKHIR, TAHUN_AWAL, tanggal_id
from wilayah.scoping import Tingkat
from .models import (
    Diklat,
    Instansi,
    JenisDiklat,
    JenisTindakLanjut,
    Narasumber,
    Peserta,
    RencanaTindakLanjut,
    StatusDiklat,
    UnsurPeserta,
)


# --- diklat ---


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


# --- follow-up (rencana tindak lanjut) ---


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
