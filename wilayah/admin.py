from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404

from .models import RT, RW, Kecamatan, Kelurahan, Lingkup
from .scoping import is_scoped_model


class ScopedAdminMixin:
    """Admin over region-bound data: rows and foreign-key choices go through ``for_user``.

    Every ModelAdmin of a scoped model must use it (a test checks). The history pages of
    django-simple-history read the historical table directly, not ``get_queryset``: they are
    answered only for objects in scope, so history cannot show what the change page hides.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def _dalam_lingkup_atau_404(self, request, object_id):
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._dalam_lingkup_atau_404(request, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._dalam_lingkup_atau_404(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context=extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.remote_field.model
        if is_scoped_model(related) and "queryset" not in kwargs:
            kwargs["queryset"] = related._default_manager.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        related = db_field.remote_field.model
        if is_scoped_model(related) and "queryset" not in kwargs:
            kwargs["queryset"] = related._default_manager.for_user(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedModelAdmin(ScopedAdminMixin, admin.ModelAdmin):
    pass


class ScopedInlineMixin:
    """Inline admin whose foreign-key choices go through ``for_user`` like its parent's."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.remote_field.model
        if is_scoped_model(related) and "queryset" not in kwargs:
            kwargs["queryset"] = related._default_manager.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Kecamatan)
class KecamatanAdmin(ScopedModelAdmin):
    list_display = ["kode", "nama"]
    search_fields = ["kode", "nama"]


@admin.register(Kelurahan)
class KelurahanAdmin(ScopedModelAdmin):
    list_display = ["kode", "nama", "kecamatan", "jenis"]
    list_filter = ["kecamatan", "jenis"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kecamatan"]


class RTInline(admin.TabularInline):
    model = RT
    extra = 0


@admin.register(RW)
class RWAdmin(ScopedModelAdmin):
    list_display = ["__str__", "kelurahan", "nomor", "nama_ketua"]
    list_filter = ["kelurahan__kecamatan", "kelurahan"]
    search_fields = ["kelurahan__nama", "nama_ketua"]
    list_select_related = ["kelurahan"]
    inlines = [RTInline]


@admin.register(RT)
class RTAdmin(ScopedModelAdmin):
    list_display = ["__str__", "rw", "nomor"]
    list_filter = ["rw__kelurahan__kecamatan"]
    list_select_related = ["rw__kelurahan"]


@admin.register(Lingkup)
class LingkupAdmin(admin.ModelAdmin):
    """Who works where. Only Bappeda (model permissions) and superusers reach it."""

    list_display = ["user", "tingkat", "kelurahan", "kecamatan", "jabatan"]
    list_filter = ["tingkat", "kecamatan"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "jabatan"]
    list_select_related = ["user", "kelurahan", "kecamatan"]
    autocomplete_fields = ["kelurahan", "kecamatan"]
    raw_id_fields = ["user"]


class LingkupInline(admin.StackedInline):
    model = Lingkup
    can_delete = False
    extra = 0
    max_num = 1
    autocomplete_fields = ["kelurahan", "kecamatan"]


# Superusers create accounts; each account gets its scope right on the user page.
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.admin import UserAdmin  # noqa: E402

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PenggunaAdmin(UserAdmin):
    inlines = [LingkupInline]
