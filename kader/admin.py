from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wilayah.admin import NikRekamanAdminMixin, ScopedAdminMixin, ScopedInlineMixin, ScopedModelAdmin

from . import services
from .models import AnggotaForkom, BidangKerja, Kader, KepengurusanForkom, KriteriaLomba, LombaKPM, NominasiLomba, PengaturanKader


@admin.register(PengaturanKader)
class PengaturanKaderAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The 5-to-10 target, read-only here: Bappeda sets it on the targets page (/wilayah/target/),
    the one door, with every programme's targets and their history."""

    list_display = ["__str__", "target_minimal", "target_maksimal"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BidangKerja)
class BidangKerjaAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["nama", "urutan", "aktif"]
    list_editable = ["urutan", "aktif"]


@admin.register(Kader)
class KaderAdmin(NikRekamanAdminMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    list_filter = ["status", "kelurahan__kecamatan"]
    search_fields = ["nama", "^nik"]  # NIK only for those who read it in full (NikSamaranAdminMixin)
    list_select_related = ["kelurahan"]
    filter_horizontal = ["bidang_kerja"]

    def get_list_display(self, request):
        return ["nama", self.kolom_nik(request), "kelurahan", "status", "tanggal_mulai"]

    def has_delete_permission(self, request, obj=None):
        # Cadres are deactivated, not deleted; only superusers may delete a wrong record.
        return request.user.is_superuser

    def simpan(self, request, obj, form, change):
        services.kader_simpan(acting_user=request.user, kader=obj, bidang_kerja=form.cleaned_data.get("bidang_kerja"))

    def save_related(self, request, form, formsets, change):
        # The fields of work were written by the service (one door); no form.save_m2m().
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class AnggotaInline(ScopedInlineMixin, admin.TabularInline):
    model = AnggotaForkom
    extra = 0
    autocomplete_fields = ["kader"]


@admin.register(KepengurusanForkom)
class KepengurusanForkomAdmin(ScopedModelAdmin):
    list_display = ["__str__", "tingkat", "periode_mulai", "periode_selesai"]
    list_filter = ["tingkat"]
    list_select_related = ["kelurahan", "kecamatan"]
    inlines = [AnggotaInline]

    def simpan(self, request, obj, form, change):
        services.forkom_simpan(acting_user=request.user, kepengurusan=obj)


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
    """Read-only: nominations and scores go through the portal's services (deadline, own cadres, jury)."""

    list_display = ["kader", "lomba", "peringkat", "dikirim_ke_provinsi"]
    list_filter = ["lomba", "dikirim_ke_provinsi"]
    list_select_related = ["kader", "lomba"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
