from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext as _
from simple_history.template_utils import HistoricalRecordContextHelper

from . import akun
from .masuk import kunci_aktif
from .models import RT, RW, AksesNIK, Kecamatan, Kelurahan, Lingkup
from .nik import KOLOM_NIK, boleh_cari_nik, boleh_lihat_nik_penuh, catat_akses_nik, catat_nik_penuh, jalur_menyentuh_nik, nik_untuk, samarkan_nik
from .riwayat import kelurahan_id_dari
from .scoping import boleh, boleh_atas, is_scoped_model
from .services import simpan_dalam_lingkup


def _urutan_menyentuh_nik(model, urutan) -> bool:
    """An ordering (``"-nik"``, ``"kader__nik"``, ``F("nik")``, ``Lower("nik").desc()``) that reads a NIK."""
    if isinstance(urutan, str):
        return jalur_menyentuh_nik(model, urutan.lstrip("-"))
    if hasattr(urutan, "flatten"):
        return any(isinstance(e, F) and jalur_menyentuh_nik(model, e.name) for e in urutan.flatten())
    return False


class NikRekamanAdminMixin:
    """The admin of a record holding its own NIK (``nik``, in the kelurahan ``kelurahan_id``): the list's
    NIK column and the change page show it in full only to who may read it (``boleh_lihat_nik_penuh``),
    else masked and read-only (``nik_samaran``). Use ``self.kolom_nik(request)`` in ``get_list_display``
    (built per request: no user is kept on the shared admin instance)."""

    def kolom_nik(self, request):
        @admin.display(description="NIK")
        def nik(obj):
            return nik_untuk(request.user, obj.nik, obj.kelurahan_id)

        return nik

    def get_exclude(self, request, obj=None):
        if obj is not None and not boleh_lihat_nik_penuh(request.user, obj.kelurahan_id):
            return [*(super().get_exclude(request, obj) or []), "nik"]
        return super().get_exclude(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not boleh_lihat_nik_penuh(request.user, obj.kelurahan_id):
            return [*super().get_readonly_fields(request, obj), "nik_samaran"]
        return super().get_readonly_fields(request, obj)

    @admin.display(description="NIK")
    def nik_samaran(self, obj):
        return samarkan_nik(obj.nik)


class NikSamaranAdminMixin:
    """The admin of any model that records a NIK, or reaches one through relations, for users who see
    NIKs masked (``wilayah.nik.boleh_cari_nik``: Camat, Kantor Wali Kota, an operator outside the
    record's kelurahan, when made staff).

    A page that shows ``3574••••••••0012`` must not answer questions about the hidden digits: a
    filter in the query string (``?nik__startswith=35740401``, ``?kader__nik__gt=...``) is refused (400,
    ``lookup_allowed``), the search leaves out NIK fields, sorting by a NIK column (``?o=``, the
    default ordering) is ignored, a list filter on a NIK is not offered, and the history page masks
    a changed NIK. For those who may read it in full, the change page, the list and the history
    record that they did (``wilayah.nik.catat_akses_nik``). ``ScopedAdminMixin`` includes it, so
    every admin of the portal's data has it.
    """

    def nik_tersamar(self, request) -> bool:
        return not boleh_cari_nik(request.user)

    def lookup_allowed(self, lookup, value, request):
        if self.nik_tersamar(request) and jalur_menyentuh_nik(self.model, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        if self.nik_tersamar(request):
            fields = [f for f in fields if not jalur_menyentuh_nik(self.model, f.lstrip("^=@"))]
        return fields

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if self.nik_tersamar(request):
            filters = [f for f in filters if not (isinstance(f, str) and jalur_menyentuh_nik(self.model, f))]
        return filters

    def get_ordering(self, request):
        ordering = super().get_ordering(request) or self.model._meta.ordering
        if self.nik_tersamar(request):
            # Never empty: the changelist would fall back to the model's ordering, NIK and all.
            ordering = [o for o in ordering if not _urutan_menyentuh_nik(self.model, o)] or ["-pk"]
        return ordering

    def _urutan_kolom(self, kolom):
        """The ordering field of a list_display column, as ``ChangeList.get_ordering_field`` finds it."""
        if isinstance(kolom, str):
            try:
                return self.model._meta.get_field(kolom).name
            except FieldDoesNotExist:
                pass
        attr = kolom if callable(kolom) else getattr(self, kolom, None) or getattr(self.model, kolom, None)
        if isinstance(attr, property):
            attr = attr.fget
        return getattr(attr, "admin_order_field", None) or (kolom if isinstance(kolom, str) and "__" in kolom else None)

    def get_sortable_by(self, request):
        kolom = super().get_sortable_by(request)
        if self.nik_tersamar(request):
            kolom = [k for k in kolom if not _urutan_menyentuh_nik(self.model, self._urutan_kolom(k))]
        return kolom

    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        if not self.nik_tersamar(request):
            return changelist
        model = self.model

        class ChangeListTanpaUrutanNik(changelist):
            # ``?o=<column>`` orders by any column whatever sortable_by says: refuse the NIK ones here.
            def get_ordering_field(self, field_name):
                urutan = super().get_ordering_field(field_name)
                return None if urutan is not None and _urutan_menyentuh_nik(model, urutan) else urutan

        return ChangeListTanpaUrutanNik

    # --- recording full NIKs shown (UU 27/2022) ---

    def _catat_halaman_ubah(self, request, context):
        adminform, obj = context.get("adminform"), context.get("original")
        if adminform is None or obj is None or not getattr(obj, KOLOM_NIK, ""):
            return
        if KOLOM_NIK in adminform.form.fields or KOLOM_NIK in adminform.readonly_fields:
            catat_akses_nik(request.user, AksesNIK.Jenis.ADMIN, obj, keterangan=_("Halaman admin %(model)s") % {"model": obj._meta.verbose_name})

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context=extra_context)
        cl = (getattr(response, "context_data", None) or {}).get("cl")
        if cl is not None and any(k == KOLOM_NIK or getattr(k, "__name__", None) == KOLOM_NIK for k in cl.list_display):
            # Evaluates the page's rows once; the template reuses them.
            baris = [(getattr(o, KOLOM_NIK), kelurahan_id_dari(o)) for o in cl.result_list]
            catat_nik_penuh(request.user, AksesNIK.Jenis.ADMIN, self.model, baris, keterangan=_("Daftar admin %(model)s") % {"model": self.model._meta.verbose_name_plural})
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        self._catat_halaman_ubah(request, context)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def render_history_view(self, request, template, context, **kwargs):
        self._catat_halaman_ubah(request, context)  # django-simple-history's page of one version
        return super().render_history_view(request, template, context, **kwargs)

    def get_historical_record_context_helper(self, request, historical_record):
        """django-simple-history's list of versions shows each change with its old and new values."""
        nik_penuh = boleh_lihat_nik_penuh(request.user, kelurahan_id_dari(historical_record.instance))
        return _KonteksRiwayatNik(self.model, historical_record, nik_penuh=nik_penuh)

    def set_history_delta_changes(self, request, historical_records, *args, **kwargs):
        super().set_history_delta_changes(request, historical_records, *args, **kwargs)
        penuh = sum(getattr(rec, "_nik_penuh_ditampilkan", 0) for rec in historical_records)
        if penuh:
            catat_akses_nik(request.user, AksesNIK.Jenis.ADMIN, self.model, jumlah=penuh, keterangan=_("Riwayat perubahan di admin"))


class _KonteksRiwayatNik(HistoricalRecordContextHelper):
    """A changed NIK in the admin's list of versions: masked for whoever may not read it in full."""

    def __init__(self, model, historical_record, *, nik_penuh: bool, **kwargs):
        super().__init__(model, historical_record, **kwargs)
        self.nik_penuh = nik_penuh

    def prepare_delta_change_value(self, change, value):
        if change.field == KOLOM_NIK and value:
            if not self.nik_penuh:
                return samarkan_nik(value)
            self.record._nik_penuh_ditampilkan = getattr(self.record, "_nik_penuh_ditampilkan", 0) + 1
        return super().prepare_delta_change_value(change, value)


# --- region pickers and filters that scale (wilayah.pilih): never a list of every region ---
from django.contrib.admin.options import IncorrectLookupParameters  # noqa: E402
from django.contrib.admin.utils import get_fields_from_path, get_last_value_from_parameters  # noqa: E402
from django.contrib.admin.views.main import ERROR_FLAG, PAGE_VAR  # noqa: E402

from .pilih import _cari, _dengan_relasi, tingkat_model  # noqa: E402


def _fk_wilayah(field) -> bool:
    """A foreign key to Kecamatan, Kelurahan, RW or RT."""
    return bool(getattr(field, "many_to_one", False) and tingkat_model(field.related_model))


def _autocomplete_wilayah(admin_obj, request, fields) -> list:
    """The admin's own ``autocomplete_fields`` plus every editable region foreign key not shown as a raw id:
    the form prints the chosen region only and Django's autocomplete view (scoped by the region's own
    ``ScopedAdminMixin.get_queryset``) finds the others."""
    raw = set(admin_obj.raw_id_fields)
    tambah = [f.name for f in admin_obj.model._meta.fields if _fk_wilayah(f) and f.editable and f.name not in raw and f.name not in fields]
    return [*fields, *tambah]


class WilayahListFilter(admin.FieldListFilter):
    """The changelist filter of a region (``kelurahan``, ``kelurahan__kecamatan``, ``rw``...): "Semua", the
    chosen region and a small search box (name or Kemendagri code; an RW or RT number) that lists at
    most ``BATAS_CARI`` regions of the user's scope as links. At province size the default
    ``RelatedFieldListFilter`` printed one link per region (8,500 kelurahan; unscoped).
    ``ScopedAdminMixin.get_list_filter`` puts it on every region in ``list_filter``."""

    template = "admin/wilayah/filter_wilayah.html"
    BATAS_CARI = 10

    def __init__(self, field, request, params, model, model_admin, field_path):
        from .daftar import teks_dari

        self.model_wilayah = field.related_model
        self.lookup_kwarg = f"{field_path}__{field.target_field.name}__exact"
        self.cari_kwarg = f"cari_{field_path}"
        self.lookup_val = get_last_value_from_parameters(params, self.lookup_kwarg)
        self.cari = teks_dari(get_last_value_from_parameters(params, self.cari_kwarg), 50)
        self.user = request.user
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = getattr(field, "verbose_name", None) or self.model_wilayah._meta.verbose_name
        self.parameter_lain = []

    def expected_parameters(self):
        return [self.lookup_kwarg, self.cari_kwarg]

    def has_output(self):
        return True

    def _pk(self):
        from .daftar import id_dari

        if self.lookup_val in (None, ""):
            return None
        pk = id_dari(self.lookup_val)
        if pk is None:
            raise IncorrectLookupParameters(self.lookup_kwarg)
        return pk

    def queryset(self, request, queryset):
        pk = self._pk()
        return queryset.filter(**{self.lookup_kwarg: pk}) if pk else queryset

    def get_facet_counts(self, pk_attname, filtered_qs):
        return {}

    def choices(self, changelist):
        lewati = {self.lookup_kwarg, self.cari_kwarg, PAGE_VAR, ERROR_FLAG}
        self.parameter_lain = [
            (k, v) for k, nilai in changelist.params.items() if k not in lewati for v in (nilai if isinstance(nilai, list) else [nilai])
        ]  # fmt: skip
        pk = self._pk()
        wilayah = _dengan_relasi(self.model_wilayah._default_manager.for_user(self.user))
        yield {"selected": pk is None, "query_string": changelist.get_query_string(remove=[self.lookup_kwarg, self.cari_kwarg]), "display": _("Semua")}
        terpilih = wilayah.filter(pk=pk).first() if pk else None
        if terpilih is not None:
            yield {"selected": True, "query_string": changelist.get_query_string({self.lookup_kwarg: pk}, [self.cari_kwarg]), "display": str(terpilih)}
        if self.cari:
            for obj in _cari(self.model_wilayah, wilayah, self.cari)[: self.BATAS_CARI]:
                if obj.pk != pk:
                    yield {"selected": False, "query_string": changelist.get_query_string({self.lookup_kwarg: obj.pk}, [self.cari_kwarg]), "display": str(obj)}


def _filter_wilayah(model, list_filter) -> list:
    """``list_filter`` with every region path (a string ending on a region foreign key) as ``WilayahListFilter``."""
    hasil = []
    for item in list_filter:
        if isinstance(item, str):
            try:
                field = get_fields_from_path(model, item)[-1]
            except Exception:  # not a field path: left to Django's checks
                field = None
            if field is not None and _fk_wilayah(field):
                item = (item, WilayahListFilter)
        hasil.append(item)
    return hasil


class ScopedAdminMixin(NikSamaranAdminMixin):
    """Admin over scoped data: rows, permissions and foreign-key choices go through ``for_user``.

    Every ModelAdmin of a scoped model must use it (a test checks). Whether a user may view, add,
    change or delete (a row) is the same answer as in the portal (``wilayah.scoping.boleh`` and
    ``for_user(user, action)``), so a model's narrowing of an action and the read-only roles hold
    here too. The history pages of django-simple-history read the historical table directly, not
    ``get_queryset``: they are answered only for objects in scope, so history cannot show what the
    change page hides.
    """

    #: the changelist counts the filtered rows once, not the whole table a second time ("x total")
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def get_list_filter(self, request):
        return _filter_wilayah(self.model, super().get_list_filter(request))

    def get_autocomplete_fields(self, request):
        return _autocomplete_wilayah(self, request, super().get_autocomplete_fields(request))

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


class HanyaBacaAdminMixin:
    """An admin that only reads: rows written elsewhere by their one door (a log, a frozen report)."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScopedInlineMixin:
    """Inline admin whose foreign-key choices go through ``for_user`` like its parent's; region foreign
    keys are autocomplete fields (never a select of every region)."""

    def get_autocomplete_fields(self, request):
        return _autocomplete_wilayah(self, request, super().get_autocomplete_fields(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.remote_field.model
        if is_scoped_model(related) and "queryset" not in kwargs:
            kwargs["queryset"] = related._default_manager.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AksesNIK)
class AksesNIKAdmin(HanyaBacaAdminMixin, ScopedModelAdmin):
    """The NIK access log: Bappeda (and superusers) read it; nobody writes, changes or deletes a row
    here (``wilayah.nik.catat_akses_nik`` is its only writer)."""

    list_display = ["waktu", "nama_pengguna", "jenis", "objek", "jumlah", "nik_samaran", "keterangan"]
    # Only the kinds of data that have a log row (not every model of the site).
    list_filter = ["jenis", ("content_type", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["nama_pengguna", "objek", "keterangan"]
    date_hierarchy = "waktu"
    list_select_related = ["content_type"]


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


class RTInline(ScopedInlineMixin, admin.TabularInline):
    model = RT
    extra = 0


@admin.register(RW)
class RWAdmin(ScopedModelAdmin):
    list_display = ["__str__", "kelurahan", "nomor", "nama_ketua"]
    list_filter = ["kelurahan__kecamatan", "kelurahan"]
    search_fields = ["kelurahan__nama", "kelurahan__kode", "nama_ketua"]
    list_select_related = ["kelurahan"]
    inlines = [RTInline]


@admin.register(RT)
class RTAdmin(ScopedModelAdmin):
    list_display = ["__str__", "rw", "nomor"]
    list_filter = ["rw__kelurahan__kecamatan", "rw__kelurahan"]
    search_fields = ["rw__kelurahan__nama", "rw__kelurahan__kode"]
    list_select_related = ["rw__kelurahan"]


def _superuser(request) -> bool:
    return request.user.is_active and request.user.is_superuser


class SuperuserMenulisMixin:
    """Add, change and delete for superusers only, whatever permissions anyone else is given."""

    def has_add_permission(self, request, *args):
        return _superuser(request)

    def has_change_permission(self, request, obj=None):
        return _superuser(request)

    def has_delete_permission(self, request, obj=None):
        return _superuser(request)


@admin.register(Lingkup)
class LingkupAdmin(SuperuserMenulisMixin, admin.ModelAdmin):
    """Who works where. Bappeda reads it (its model permission); only a superuser writes scope rows here,
    so only a superuser grants a city-wide scope. Bappeda manages kelurahan and kecamatan accounts on the
    accounts page (``/wilayah/akun/``). Writes go through ``wilayah.akun``, which records them on the account."""

    list_display = ["user", "tingkat", "kelurahan", "kecamatan", "jabatan"]
    list_filter = ["tingkat", ("kecamatan", WilayahListFilter)]
    show_full_result_count = False
    search_fields = ["user__username", "user__first_name", "user__last_name", "jabatan"]
    list_select_related = ["user", "kelurahan", "kecamatan"]
    autocomplete_fields = ["kelurahan", "kecamatan"]
    raw_id_fields = ["user"]

    def has_view_permission(self, request, obj=None):
        return _superuser(request) or boleh(request.user, Lingkup, "view")

    def save_model(self, request, obj, form, change):
        akun.lingkup_simpan(acting_user=request.user, lingkup=obj)

    def delete_model(self, request, obj):
        akun.lingkup_hapus(acting_user=request.user, lingkup=obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for lingkup in queryset.select_related("user"):
            akun.lingkup_hapus(acting_user=request.user, lingkup=lingkup)

    # ``wilayah.akun`` records every change on the account itself (shown on its page), once.
    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None

    def log_deletions(self, request, queryset):
        return None


class LingkupInline(admin.StackedInline):
    model = Lingkup
    can_delete = False
    extra = 0
    max_num = 1
    autocomplete_fields = ["kelurahan", "kecamatan"]


# Superusers create accounts and set staff and superuser status; each account gets its scope right on the
# user page. No one else reaches the user admin, whatever permissions they hold: a user who may change users
# could otherwise make themselves staff or superuser. (Bappeda manages operators on /wilayah/akun/.)
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.admin import UserAdmin  # noqa: E402

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PenggunaAdmin(SuperuserMenulisMixin, UserAdmin):
    inlines = [LingkupInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Lingkup:
            return super().save_formset(request, form, formset, change)
        for lingkup in formset.save(commit=False):  # the scope row through its door (LingkupInline cannot delete)
            akun.lingkup_simpan(acting_user=request.user, lingkup=lingkup)

    def has_module_permission(self, request):
        return _superuser(request)

    def has_view_permission(self, request, obj=None):
        return _superuser(request)


# Login lock-outs (django-axes, whose own admin is switched off): Bappeda and superusers see them; deleting
# a record unlocks that user name and address, through ``wilayah.akun.buka_kunci`` (recorded, logged).
from axes.models import AccessAttempt, AccessFailureLog  # noqa: E402


class _CatatanMasukAdmin(admin.ModelAdmin):
    show_full_result_count = False  # large logs: one count of the filtered rows
    list_display = ["attempt_time", "username", "ip_address", "path_info"]
    list_filter = ["path_info"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        return akun.boleh_kelola_akun(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessAttempt)
class PercobaanMasukAdmin(_CatatanMasukAdmin):
    """The running count of failed logins per user name, address and browser. Delete = unlock."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start", "terkunci", "path_info"]
    exclude = ["get_data", "post_data"]

    @admin.display(description="terkunci", boolean=True)
    def terkunci(self, obj):
        return obj.ip_address in kunci_aktif([obj.username]).get(obj.username, [])

    def get_readonly_fields(self, request, obj=None):
        return [f for f in super().get_readonly_fields(request, obj) if f not in self.exclude]

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return akun.boleh_kelola_akun(request.user)
        return akun.boleh_buka_kunci(request.user, obj.username)

    def delete_model(self, request, obj):
        akun.buka_kunci(acting_user=request.user, username=obj.username, ip_address=obj.ip_address)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        # All or nothing: one record Bappeda may not unlock refuses the whole selection.
        for username, ip_address in sorted(set(queryset.values_list("username", "ip_address")), key=str):
            akun.buka_kunci(acting_user=request.user, username=username, ip_address=ip_address)

    def log_deletions(self, request, queryset):
        return None  # recorded by buka_kunci


@admin.register(AccessFailureLog)
class KegagalanMasukAdmin(_CatatanMasukAdmin):
    """Every failed login, kept by axes (up to 1,000 per user name); read-only."""

    list_display = ["attempt_time", "username", "ip_address", "locked_out", "path_info"]
    list_filter = ["locked_out", "path_info"]
