"""Reports in the admin: read-only. A report is made only by a run (beat, the command, or Bappeda's
dashboard); its figures are frozen and never edited by hand."""

from django.contrib import admin

from wilayah.admin import HanyaBacaAdminMixin, ScopedModelAdmin

from .models import LaporanBulanan, ProsesLaporan


@admin.register(ProsesLaporan)
class ProsesLaporanAdmin(HanyaBacaAdminMixin, ScopedModelAdmin):
    list_display = ["__str__", "kelurahan", "ulang", "sumber", "dibuat_oleh", "jumlah_selesai", "jumlah_laporan", "dibuat", "selesai"]
    list_filter = ["status", "sumber", "tahun"]
    list_select_related = ["kelurahan", "dibuat_oleh"]


@admin.register(LaporanBulanan)
class LaporanBulananAdmin(HanyaBacaAdminMixin, ScopedModelAdmin):
    list_display = ["__str__", "tingkat", "status", "terbaru", "sumber", "selesai"]
    list_filter = ["tingkat", "status", "terbaru", "tahun", "bulan"]
    search_fields = ["kunci_wilayah", "kelurahan__nama", "kecamatan__nama"]
    list_select_related = ["kelurahan__kecamatan", "kecamatan"]
    exclude = ["pdf", "xlsx"]  # downloaded through the portal's scoped views
