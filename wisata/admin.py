from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wilayah.admin import ScopedAdminMixin, ScopedModelAdmin

from . import services
from .models import Destinasi, Event, FotoDestinasi, KategoriWisata, TargetProgram


@admin.register(KategoriWisata)
class KategoriWisataAdmin(ScopedModelAdmin):
    """The managed list of categories (city-wide; ``for_user`` gives it to every user with a scope)."""

    list_display = ["nama", "slug", "urutan", "aktif"]
    list_editable = ["urutan", "aktif"]
    prepopulated_fields = {"slug": ["nama"]}


class FotoInline(admin.TabularInline):
    model = FotoDestinasi
    extra = 0
    fields = ["keterangan", "diunggah"]
    readonly_fields = ["diunggah"]


@admin.register(Destinasi)
class DestinasiAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["nama", "kelurahan", "rw", "kategori", "status", "tanggal_aktif", "baru"]
    list_filter = ["status", "kategori", "baru", "kelurahan__kecamatan"]
    search_fields = ["nama", "kelurahan__nama"]
    list_select_related = ["kelurahan", "rw__kelurahan", "kategori"]
    inlines = [FotoInline]

    def simpan(self, request, obj, form, change):
        services.destinasi_simpan(acting_user=request.user, destinasi=obj)


@admin.register(FotoDestinasi)
class FotoDestinasiAdmin(ScopedModelAdmin):
    list_display = ["__str__", "destinasi", "diunggah"]
    list_select_related = ["destinasi"]
    readonly_fields = ["gambar", "thumbnail"]


@admin.register(Event)
class EventAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["nama", "kelurahan", "tanggal_mulai", "tanggal_selesai", "tahunan", "status"]
    list_filter = ["status", "tahunan", "kategori", "kelurahan__kecamatan"]
    search_fields = ["nama", "penyelenggara", "kelurahan__nama"]
    list_select_related = ["kelurahan"]
    date_hierarchy = "tanggal_mulai"

    def simpan(self, request, obj, form, change):
        services.event_simpan(acting_user=request.user, event=obj)


@admin.register(TargetProgram)
class TargetProgramAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["tahun", "target_destinasi_baru", "target_event_tahunan", "target_rw_persen"]
