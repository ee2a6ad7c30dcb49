from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from .models import RT, RW, Kecamatan, Kelurahan, Lingkup
from .scoping import boleh, boleh_atas, is_scoped_model
from .services import simpan_dalam_lingkup


class ScopedAdminMixin:
    """Admin over scoped data: rows, permissions and foreign-key choices go through ``for_user``.

    Every ModelAdmin of a scoped model must use it (a test checks). Whether a user may view, add,
    change or delete (a row) is the same answer as in the portal (``wilayah.scoping.boleh`` and
    ``for_user(user, action)``), so a model's narrowing of an action and the read-only roles hold
    here too. The history pages of django-simple-history read the historical table directly, not
    ``get_queryset``: they are answered only for objects in scope, so history cannot show what the
    change page hides.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def _boleh(self, request, action, obj=None) -> bool:
        if obj is not None:
            return boleh_atas(request.user, obj, action)
        return boleh(request.user, self.model, action)

    def has_view_permission(self, request, obj=None):
        return self._boleh(request, "view", obj)

    def has_add_permission(self, request, *args):
        return self._boleh(request, "add")

    def has_change_permission(self, request, obj=None):
        return self._boleh(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._boleh(request, "delete", obj)

    def simpan(self, request, obj, form, change):
        """The write door for this model (override with the app's service)."""
        simpan_dalam_lingkup(obj, acting_user=request.user)

    def save_model(self, request, obj, form, change):
        # The admin form validated the row; the service checks it again with the region rule.
        try:
            self.simpan(request, obj, form, change)
        except ValidationError as exc:
            raise PermissionDenied(" ".join(exc.messages)) from exc

    def _dalam_lingkup_atau_404(self, request, object_id):
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._dalam_lingkup_atau_404(request, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._dalam_lingkup_atau_404(request, object_id)
        # django-simple-history saves a reverted version for anyone who may view it: a revert is a
        # change, asked like every change (and written through ``simpan``, the model's service).
        if request.method == "POST" and not self.has_change_permission(request, self.get_queryset(request).get(pk=unquote(object_id))):
            raise PermissionDenied
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
