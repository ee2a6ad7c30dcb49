"""The admin of the PUD data. Every row through ``for_user`` (``ScopedAdminMixin``), every save through the
programme's services: the workflow status and the decree are never edited here (``services.pengajuan_langkah``
is their one door), the step log only reads, rounds are opened on the portal (``services.siklus_buka`` makes
every kelurahan's pengajuan), photos are added on the UMKM page (re-encoded without EXIF)."""

from django.contrib import admin
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin

from wilayah.admin import HanyaBacaAdminMixin, NikRekamanAdminMixin, ScopedAdminMixin, ScopedModelAdmin

from . import services
from .models import UMKM, FotoUMKM, KategoriKosong, KriteriaPUD, LangkahPUD, NilaiUsulan, PengajuanPUD, PesertaFGD, Siklus, Usulan


class _InlineHanyaBaca(admin.TabularInline):
    """A child list shown with its parent; written only on the portal pages (their services)."""

    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "id"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- B: UMKM ---


class FotoUMKMInline(_InlineHanyaBaca):
    model = FotoUMKM
    fields = ["keterangan", "diunggah"]


@admin.register(UMKM)
class UMKMAdmin(NikRekamanAdminMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    list_filter = ["kategori", "aktif", "kelurahan__kecamatan"]
    search_fields = ["nama_usaha", "pemilik_nama", "produk", "^nik"]  # NIK only for those who read it in full
    list_select_related = ["kelurahan"]
    inlines = [FotoUMKMInline]

    def get_list_display(self, request):
        return ["nama_usaha", "pemilik_nama", self.kolom_nik(request), "kelurahan", "kategori", "aktif"]

    def simpan(self, request, obj, form, change):
        services.umkm_simpan(acting_user=request.user, umkm=obj)


# --- The round, the kelurahan's pengajuan, nominations (the workflow stays on the portal) ---


class KriteriaInline(_InlineHanyaBaca):
    model = KriteriaPUD
    fields = ["urutan", "nama", "bobot", "keterangan"]


@admin.register(Siklus)
class SiklusAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """City-wide. Opened on the portal (``siklus_buka``: the rubric and a pengajuan per kelurahan), closed and
    reopened there too; here only its name, deadline and note change."""

    list_display = ["tahun", "nama", "status", "batas_pengajuan", "dibuka_pada", "ditutup_pada"]
    list_filter = ["status"]
    readonly_fields = ["tahun", "status", "dibuka_pada", "ditutup_pada"]
    inlines = [KriteriaInline]

    def has_add_permission(self, request, *args):
        return False


@admin.register(KriteriaPUD)
class KriteriaPUDAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """City-wide rubric of a round: weight x score (1 to 5)."""

    list_display = ["nama", "siklus", "bobot", "urutan"]
    list_filter = ["siklus"]
    list_select_related = ["siklus"]

    def simpan(self, request, obj, form, change):
        services.kriteria_simpan(acting_user=request.user, kriteria=obj)


class PesertaInline(_InlineHanyaBaca):
    model = PesertaFGD
    fields = ["peran", "nama", "jabatan"]


class KategoriKosongInline(_InlineHanyaBaca):
    model = KategoriKosong
    fields = ["kategori", "alasan"]


class UsulanInline(_InlineHanyaBaca):
    model = Usulan
    fields = ["kategori", "umkm", "produk", "utama"]


class LangkahInline(_InlineHanyaBaca):
    model = LangkahPUD
    fields = ["aksi", "dari_status", "ke_status", "oleh", "pada", "catatan"]


@admin.register(PengajuanPUD)
class PengajuanPUDAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """A kelurahan's part of a round. The status, the decree number and date are read-only here: the workflow
    goes only through ``services.pengajuan_langkah`` (the portal's step buttons), which records every step.
    The FGD record is saved through ``services.berita_acara_simpan`` (its own kelurahan, while editable)."""

    list_display = ["kelurahan", "siklus", "status", "jadwal_fgd", "tanggal_fgd", "nomor_keputusan"]
    list_filter = ["siklus", "status", "kelurahan__kecamatan"]
    list_select_related = ["kelurahan", "siklus"]
    search_fields = ["kelurahan__nama", "nomor_berita_acara", "nomor_keputusan"]
    readonly_fields = ["siklus", "kelurahan", "status", "jadwal_fgd", "jadwal_tempat", "nomor_keputusan", "tanggal_keputusan"]
    inlines = [PesertaInline, UsulanInline, KategoriKosongInline, LangkahInline]

    def has_add_permission(self, request, *args):
        return False  # one per kelurahan, made when the round opens

    def has_delete_permission(self, request, obj=None):
        return False  # its steps, nominations and berita acara are the round's record

    def simpan(self, request, obj, form, change):
        services.berita_acara_simpan(acting_user=request.user, pengajuan=obj)


class NilaiInline(_InlineHanyaBaca):
    model = NilaiUsulan
    fields = ["kriteria", "skor"]


@admin.register(Usulan)
class UsulanAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["produk", "umkm", "kategori", "utama", "pengajuan"]
    list_filter = ["kategori", "utama", "pengajuan__siklus", "pengajuan__status"]
    list_select_related = ["umkm", "pengajuan__kelurahan", "pengajuan__siklus"]
    search_fields = ["produk", "umkm__nama_usaha"]
    inlines = [NilaiInline]

    def has_add_permission(self, request, *args):
        return False  # recorded with its scores on the pengajuan page, by the kelurahan (services.usulan_simpan)

    def simpan(self, request, obj, form, change):
        services.usulan_simpan(acting_user=request.user, usulan=obj)

    def delete_model(self, request, obj):
        services.usulan_hapus(acting_user=request.user, usulan=obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for usulan in queryset:
            services.usulan_hapus(acting_user=request.user, usulan=usulan)


@admin.register(LangkahPUD)
class LangkahPUDAdmin(HanyaBacaAdminMixin, ScopedModelAdmin):
    """The step log: written only by ``services.pengajuan_langkah``; read here, never changed. Its rows are
    those of the pengajuan the user may see."""

    list_display = ["pengajuan", "aksi", "dari_status", "ke_status", "oleh", "pada"]
    list_filter = ["aksi", "ke_status"]
    list_select_related = ["pengajuan__kelurahan", "pengajuan__siklus", "oleh"]
    date_hierarchy = "pada"

    def get_queryset(self, request):
        return admin.ModelAdmin.get_queryset(self, request).filter(pengajuan__in=PengajuanPUD.objects.for_user(request.user))

    def _boleh(self, request, action, obj=None) -> bool:
        if obj is not None:
            return action == "view" and self.get_queryset(request).filter(pk=obj.pk).exists()
        return super()._boleh(request, action)
