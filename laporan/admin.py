"""Reports in the admin: read-only. A report is made only by a run (beat, the command, or Bappeda's
dashboard); its figures are frozen and never edited by hand."""

from django.contrib import admin

from wilayah.admin import ScopedModelAdmin

from .models import LaporanBulanan, ProsesLaporan


class HanyaBacaAdmin(ScopedModelAdmin):
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProsesLaporan)
class ProsesLaporanAdmin(HanyaBacaAdmin):
    list_display = ["__str__", "kelurahan", "ulang", "sumber", "dibuat_oleh", "jumlah_selesai", "jumlah_laporan", "dibuat", "selesai"]
    list_filter = ["status", "sumber", "tahun"]
    list_select_related = ["kelurahan", "dibuat_oleh"]


@admin.register(LaporanBulanan)
class LaporanBulananAdmin(HanyaBacaAdmin):
    list_display = ["__str__", "tingkat", "status", "terbaru", "sumber", "selesai"]
    list_filter = ["tingkat", "status", "terbaru", "tahun", "bulan"]
    search_fields = ["kunci_wilayah", "kelurahan__nama", "kecamatan__nama"]
    list_select_related = ["kelurahan__kecamatan", "kecamatan"]
    exclude = ["pdf", "xlsx"]  # downloaded through the portal's scoped views
