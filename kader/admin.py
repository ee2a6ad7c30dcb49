from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wilayah.admin import ScopedAdminMixin, ScopedModelAdmin

from .aturan import tampilkan_nik
from .models import AnggotaForkom, BidangKerja, Kader, KepengurusanForkom, KriteriaLomba, LombaKPM, NominasiLomba, PengaturanKader


@admin.register(PengaturanKader)
class PengaturanKaderAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The 5-to-10 target: Bappeda changes it here (one row)."""

    list_display = ["__str__", "target_minimal", "target_maksimal"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not PengaturanKader.objects.exists()


@admin.register(BidangKerja)
class BidangKerjaAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["nama", "urutan", "aktif"]
    list_editable = ["urutan", "aktif"]


@admin.register(Kader)
class KaderAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["nama", "nik_tampil", "kelurahan", "status", "tanggal_mulai"]
    list_filter = ["status", "kelurahan__kecamatan"]
    search_fields = ["nama"]
    list_select_related = ["kelurahan"]
    filter_horizontal = ["bidang_kerja"]

    @admin.display(description="NIK")
    def nik_tampil(self, obj):
        return tampilkan_nik(self._request_user, obj)

    def get_queryset(self, request):
        self._request_user = request.user
        return super().get_queryset(request)

    def has_delete_permission(self, request, obj=None):
        # Cadres are deactivated, not deleted; only superusers may delete a wrong record.
        return request.user.is_superuser


class AnggotaInline(admin.TabularInline):
    model = AnggotaForkom
    extra = 0
    raw_id_fields = ["kader"]


@admin.register(KepengurusanForkom)
class KepengurusanForkomAdmin(ScopedModelAdmin):
    list_display = ["__str__", "tingkat", "periode_mulai", "periode_selesai"]
    list_filter = ["tingkat"]
    list_select_related = ["kelurahan", "kecamatan"]
    inlines = [AnggotaInline]


class KriteriaInline(admin.TabularInline):
    model = KriteriaLomba
    extra = 1


@admin.register(LombaKPM)
class LombaKPMAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "tahun", "tingkat", "skala"]
    filter_horizontal = ["juri"]
    inlines = [KriteriaInline]


@admin.register(NominasiLomba)
class NominasiLombaAdmin(ScopedModelAdmin):
    list_display = ["kader", "lomba", "peringkat", "dikirim_ke_provinsi"]
    list_filter = ["lomba", "dikirim_ke_provinsi"]
    list_select_related = ["kader", "lomba"]
    readonly_fields = ["peringkat", "dikirim_ke_provinsi", "diusulkan_oleh"]
