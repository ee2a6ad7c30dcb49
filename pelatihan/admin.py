"""The admin of the pelatihan data. Every row through ``for_user`` (``ScopedAdminMixin``), every save
through the programme's services. A diklat is recorded on the portal (with its first session:
``services.diklat_simpan``); its status moves only through ``services.diklat_ubah_status`` (the
portal's buttons); sessions, modules, participants, attendance, certificates, evaluations and the
certificate batches are shown here and written on the portal by their own services."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin
from wilayah.admin import HanyaBacaAdminMixin, ScopedAdminMixin, ScopedModelAdmin
from wilayah.scoping import boleh
from . import services
from .models import (
    CetakSertifikat,
    Diklat,
    Evaluasi,
    Instansi,
    Kehadiran,
    Materi,
    Narasumber,
    NilaiMateri,
    Peserta,
    RencanaTindakLanjut,
    SesiDiklat,
)


# --- diklat ---


class _InlineHanyaBaca(admin.TabularInline):
    """A child list shown with its parent; written only on the portal pages (their services)."""

    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return [f for f in self.fields or [f.name for f in self.model._meta.fields if f.name != "id"]]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _AnakDiklatAdmin(HanyaBacaAdminMixin, ScopedModelAdmin):
    """Rows reached through their diklat (``diklat_lookup``): those of the diklat the user may see; read only."""

    diklat_lookup = "diklat"

    def get_queryset(self, request):
        return admin.ModelAdmin.get_queryset(self, request).filter(**{f"{self.diklat_lookup}__in": Diklat.objects.for_user(request.user)})

    def _boleh(self, request, action, obj=None) -> bool:
        if action != "view" or not boleh(request.user, Diklat, "view"):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()


@admin.register(Instansi)
class InstansiAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """City-wide list of organisers and speakers' institutions."""

    list_display = ["nama", "singkatan"]
    search_fields = ["nama", "singkatan"]

    def simpan(self, request, obj, form, change):
        services.instansi_simpan(acting_user=request.user, instansi=obj)


@admin.register(Narasumber)
class NarasumberAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """The speaker directory (city-wide): the same speaker of the same institution once."""

    list_display = ["nama", "jabatan", "instansi", "telepon"]
    list_filter = ["instansi"]
    list_select_related = ["instansi"]
    search_fields = ["nama", "jabatan"]

    def simpan(self, request, obj, form, change):
        services.narasumber_simpan(acting_user=request.user, narasumber=obj)


class SesiInline(_InlineHanyaBaca):
    model = SesiDiklat
    fields = ["nama", "tempat", "tanggal_mulai", "tanggal_selesai", "jumlah_hari"]


@admin.register(Diklat)
class DiklatAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """A diklat's data, saved through ``services.diklat_simpan``. Added on the portal (with its first
    session); the status and the dates (the span of its sessions) are read-only here; deleted through
    ``services.diklat_hapus`` (only without participants)."""

    list_display = ["judul", "jenis", "penyelenggara", "kecamatan", "kelurahan", "tanggal_mulai", "tanggal_selesai", "kuota", "status"]
    list_filter = ["jenis", "status", "penyelenggara", "kecamatan"]
    list_select_related = ["penyelenggara", "kecamatan", "kelurahan"]
    search_fields = ["judul", "sasaran"]
    date_hierarchy = "tanggal_mulai"
    readonly_fields = ["status", "tanggal_mulai", "tanggal_selesai"]
    filter_horizontal = ["penyelenggara_lain"]
    inlines = [SesiInline]

    def has_add_permission(self, request, *args):
        return False  # with its first session, on the portal (services.diklat_simpan)

    def simpan(self, request, obj, form, change):
        services.diklat_simpan(acting_user=request.user, diklat=obj, penyelenggara_lain=form.cleaned_data.get("penyelenggara_lain"))

    def save_related(self, request, form, formsets, change):
        # The co-organisers were set by the service; the inlines only read.
        pass

    def get_deleted_objects(self, objs, request):
        # Sessions (with their modules) and certificate batches go with their diklat, whose delete
        # services.diklat_hapus decides: their read-only admins ask no delete permission of their own.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed -= {str(m._meta.verbose_name) for m in (SesiDiklat, CetakSertifikat)}
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        try:
            services.diklat_hapus(acting_user=request.user, diklat=obj)
        except ValidationError as exc:
            raise PermissionDenied(" ".join(exc.messages)) from exc

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for diklat in queryset:
            self.delete_model(request, diklat)


class MateriInline(_InlineHanyaBaca):
    model = Materi
    fields = ["tanggal", "jam_mulai", "jam_selesai", "judul", "narasumber"]


@admin.register(SesiDiklat)
class SesiDiklatAdmin(_AnakDiklatAdmin, SimpleHistoryAdmin):
    """Sessions with their modules, of the diklat the user may see (written on the diklat's page)."""

    list_display = ["__str__", "diklat", "tempat", "tanggal_mulai", "tanggal_selesai"]
    list_select_related = ["diklat"]
    inlines = [MateriInline]


class KehadiranInline(_InlineHanyaBaca):
    model = Kehadiran
    fields = ["tanggal", "status"]


class RencanaInline(_InlineHanyaBaca):
    model = RencanaTindakLanjut
    fields = ["jenis", "uraian", "tenggat", "selesai_pada"]


class EvaluasiInline(admin.StackedInline):
    model = Evaluasi
    fields = ["nilai_umum", "manfaat", "saran"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


SERTIFIKAT = ["nomor_urut_sertifikat", "nomor_sertifikat", "kode_verifikasi", "sertifikat_terbit"]


@admin.register(Peserta)
class PesertaAdmin(HanyaBacaAdminMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    """Participants of the diklat the user may see, with their attendance, evaluation and follow-up.
    Registered, changed and certified on the portal (the participants' services keep the quota, the
    "once per diklat" rule and the certificate numbers), so this page only reads; the certificate
    fields are never editable."""

    list_display = ["nama", "diklat", "unsur", "kecamatan", "kelurahan", "nomor_sertifikat"]
    list_filter = ["unsur", "diklat__status", "kecamatan"]
    list_select_related = ["diklat", "kecamatan", "kelurahan"]
    search_fields = ["nama", "jabatan", "lembaga_asal", "nomor_sertifikat"]
    readonly_fields = SERTIFIKAT
    inlines = [KehadiranInline, EvaluasiInline, RencanaInline]


@admin.register(RencanaTindakLanjut)
class RencanaTindakLanjutAdmin(HanyaBacaAdminMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    """Follow-up commitments (written on the portal's follow-up pages)."""

    list_display = ["uraian", "peserta", "kelurahan", "jenis", "tenggat", "selesai_pada"]
    list_filter = ["jenis", "kelurahan__kecamatan"]
    list_select_related = ["peserta", "kelurahan"]
    search_fields = ["uraian", "peserta__nama"]


@admin.register(Kehadiran)
class KehadiranAdmin(_AnakDiklatAdmin, SimpleHistoryAdmin):
    diklat_lookup = "peserta__diklat"
    list_display = ["peserta", "tanggal", "status"]
    list_filter = ["status"]
    list_select_related = ["peserta"]


class NilaiMateriInline(_InlineHanyaBaca):
    model = NilaiMateri
    fields = ["materi", "nilai_materi", "nilai_narasumber"]


@admin.register(Evaluasi)
class EvaluasiAdmin(_AnakDiklatAdmin, SimpleHistoryAdmin):
    diklat_lookup = "peserta__diklat"
    list_display = ["peserta", "nilai_umum", "dibuat"]
    list_select_related = ["peserta"]
    inlines = [NilaiMateriInline]


@admin.register(CetakSertifikat)
class CetakSertifikatAdmin(_AnakDiklatAdmin):
    list_display = ["diklat", "pemilik", "status", "jumlah", "selesai", "dibuat", "rampung"]
    list_filter = ["status"]
    list_select_related = ["diklat", "pemilik"]
