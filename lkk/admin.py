from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wilayah.admin import ScopedAdminMixin

from . import services
from .models import JenisLembaga, Lembaga, Pengurus


@admin.register(JenisLembaga)
class JenisLembagaAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """The configurable Permendagri 18/2018 rules per type: Bappeda edits them here."""

    list_display = ["nama", "singkatan", "tingkat", "satu_per_wilayah", "masa_bakti_tahun", "maks_periode", "larang_rangkap", "wajib_pernyataan_nonpartai", "urutan"]
    list_editable = ["urutan"]
    search_fields = ["nama", "singkatan"]
    prepopulated_fields = {"kode": ["nama"]}

    def simpan(self, request, obj, form, change):
        services.jenis_lembaga_simpan(acting_user=request.user, jenis=obj)


class PengurusInline(admin.TabularInline):
    model = Pengurus
    extra = 0
    fields = ["nama", "jabatan", "masa_mulai", "masa_selesai", "tanggal_sk_pemberhentian"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Lembaga)
class LembagaAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["nama", "jenis", "kelurahan", "rw", "nomor_sk", "masa_bakti_selesai", "status"]
    list_filter = ["jenis", "status", "kelurahan__kecamatan"]
    search_fields = ["nama", "nomor_sk", "kelurahan__nama"]
    list_select_related = ["jenis", "kelurahan", "rw__kelurahan"]
    inlines = [PengurusInline]

    def simpan(self, request, obj, form, change):
        services.lembaga_simpan(acting_user=request.user, lembaga=obj)


@admin.register(Pengurus)
class PengurusAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """Read-only: appointments and changes go through the portal forms, where the board rules are checked."""

    list_display = ["nama", "jabatan", "lembaga", "masa_mulai", "akhir_efektif"]
    list_filter = ["jabatan", "lembaga__jenis"]
    search_fields = ["nama", "lembaga__nama", "^nik"]  # NIK only for those who read it in full (NikSamaranAdminMixin)
    list_select_related = ["lembaga"]
    raw_id_fields = ["lembaga"]
    exclude = ["nik"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def simpan(self, request, obj, form, change):
        services.pengurus_simpan(acting_user=request.user, pengurus=obj)
