"""One idiom for every list page and its export: a django-filter ``FilterSet`` over ``for_user(...)``.

- ``ScopedFilterSet``: the base of every ``<app>/filters.py``. Its choice fields over region-bound
  models offer only what the user may see (``for_user``), so an id outside the scope is an invalid
  choice: shown as the field's error and not applied. Widgets carry Bootstrap classes.
- ``FilteredListView`` (``FilteredListMixin`` + ``ListView``): the scoped queryset
  (``ScopedViewMixin.get_queryset``, extended in ``get_scoped_queryset``) narrowed by
  ``filterset_class`` and ordered with ``pk`` last, so pages never repeat or skip a row. The template
  gets ``filter_form``, ``querystring`` (the filters without the page), ``export_url`` and the form
  rendered (``filter_form_html``, kept a minute per user and filters: ``form_saring_html``). Pages are
  cut by ``PaginatorIdDulu`` (ids first): a deep page reads its keys from a narrow query, then only
  its own rows, so page 850 costs about what page 1 costs.
- ``FilteredExportMixin``: put it left of a list view; GET answers with ``export_response`` of the
  same filtered queryset, every page. The list's export link carries the list's filters.

Invalid input (a non-number, an unknown choice, an id outside the scope) is a form error on that
field: the other filters still apply, the page is a 200, nothing outside the scope is shown.
"""

from __future__ import annotations

import hashlib
from functools import partial

import django_filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured, ValidationError
from django.core.paginator import Paginator
from django.core.validators import EMPTY_VALUES
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from .access import ScopedViewMixin
from .forms import BootstrapWidgetsMixin, ganti_pilihan_kosong, sempitkan_pilihan
from .generasi import SUMBER_WILAYAH, generasi
from .models import Kecamatan, Kelurahan

#: The largest whole number a filter accepts (a 32-bit signed integer: every database holds it).
ANGKA_MAKS = 2_147_483_647


def id_dari(teks) -> int | None:
    """A row id from a query string (``?rw=12`` on a form that preselects it): a whole number from 1 to
    ``ANGKA_MAKS``, else None. ``"²".isdigit()`` is true but ``int("²")`` fails: ask int() itself."""
    try:
        nilai = int(str(teks).strip()) if teks is not None else None
    except ValueError:
        return None
    return nilai if nilai is not None and 1 <= nilai <= ANGKA_MAKS else None


def teks_dari(teks, maks: int = 100) -> str:
    """Free text from a query string (``?q=``) safe for every database: no NUL character
    (PostgreSQL refuses it in a query), spaces collapsed, at most ``maks`` characters."""
    return " ".join(str(teks or "").replace("\x00", "").split())[:maks]


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (an RW number, a year). Decimals, words and out-of-range numbers are a form
    error, never a query."""

    field_class = forms.IntegerField

    def __init__(self, *args, min_value=0, max_value=ANGKA_MAKS, **kwargs):
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)

    def get_max_validator(self):
        return None  # max_value above already bounds the field


class _PilihWilayah(django_filters.ModelChoiceFilter):
    """Pick a region, by pk or (``to_field_name="kode"``) by its Kemendagri code; a ``ScopedFilterSet``
    offers only the regions in the user's scope."""

    model = None
    label_bawaan = ""
    kosong = ""

    def __init__(self, field_name=None, *, to_field_name=None, **kwargs):
        kwargs.setdefault("label", self.label_bawaan)
        kwargs.setdefault("empty_label", self.kosong)
        field_name = field_name or self.model._meta.model_name
        super().__init__(field_name=field_name, queryset=self.model.objects.all(), to_field_name=to_field_name, **kwargs)


class KecamatanFilter(_PilihWilayah):
    model, label_bawaan, kosong = Kecamatan, _("Kecamatan"), _("Semua kecamatan")


class KelurahanFilter(_PilihWilayah):
    model, label_bawaan, kosong = Kelurahan, _("Kelurahan"), _("Semua kelurahan")


class FilterSetPortal(django_filters.FilterSet):
    """Base of every filter form of the portal (public catalogues too): an empty choice means no
    filter and reads "Semua" (``wilayah.forms.ganti_pilihan_kosong``), never "---------"."""

    @property
    def form(self):
        if not hasattr(self, "_form"):
            ganti_pilihan_kosong(super().form.fields, saring=True)
        return self._form


class ScopedFilterSet(FilterSetPortal):
    """Base of every list page's filters: pass ``request=``; its user scopes the choices.

    ``cascade`` makes a region picker follow another: ``{"rw": "kelurahan"}`` offers only the RWs
    whose ``kelurahan`` is the chosen (valid, in-scope) kelurahan; pickers are narrowed in the
    order given, so ``{"kelurahan": "kecamatan", "rw": "kelurahan"}`` chains.
    """

    cascade: dict[str, str] = {}

    @property
    def user(self):
        return getattr(self.request, "user", None)

    def get_form_class(self):
        form_class = super().get_form_class()
        return type(form_class.__name__, (BootstrapWidgetsMixin, form_class), {})

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            sempitkan_pilihan(form.fields, self.user, form=form, cascade=self.cascade)
            for dependent, parent in self.cascade.items():
                try:
                    chosen = form.fields[parent].clean(form[parent].data)
                except ValidationError:
                    chosen = None  # the parent's own error is reported when the form is validated
                if chosen not in EMPTY_VALUES:
                    form.fields[dependent].queryset = form.fields[dependent].queryset.filter(**{parent: chosen})
                    form.fields[dependent].widget.induk_obj = chosen  # wilayah.pilih prints the narrowed list
        return self._form


def ordered_with_pk(queryset):
    """The queryset in its own order (explicit or the model's), with ``pk`` as the last tie-breaker."""
    query = queryset.query
    if query.order_by:
        ordering = list(query.order_by)
    elif query.default_ordering:
        ordering = list(queryset.model._meta.ordering)
    else:
        ordering = []
    pk_name = queryset.model._meta.pk.name
    if not ordering or ordering[-1] not in ("pk", "-pk", pk_name, f"-{pk_name}"):
        ordering.append("pk")
    return queryset.order_by(*ordering)


def _kolom_kolom(expressions):
    """Every column (``Col``) the expressions read, at any depth."""
    for expr in expressions:
        if expr is None:
            continue
        if hasattr(expr, "alias") and hasattr(expr, "target"):
            yield expr
        elif hasattr(expr, "get_source_expressions"):
            yield from _kolom_kolom(expr.get_source_expressions())


def _bernilai_banyak(join) -> bool:
    field = getattr(join, "join_field", None)
    return bool(getattr(field, "one_to_many", False) or getattr(field, "many_to_many", False))


def tanpa_agregat_lepas(queryset):
    """The queryset without the aggregate annotations that no filter and no order reads (a list's
    ``Count("rt_set")`` shown in a column), nor the joins only they need: the key and count queries of
    ``PaginatorIdDulu`` then read the filtered, ordered rows alone instead of grouping every row of
    the scope with its children. Anything this cannot prove safe (HAVING, an expression order, a
    set operation, DISTINCT ON) leaves the queryset as it is."""
    query = queryset.query
    if not query.annotations or query.combinator or query.distinct_fields or query.is_sliced:
        return queryset
    _, having, qualify = query.where.split_having_qualify()
    if having or qualify or any(not isinstance(o, str) for o in query.order_by):
        return queryset
    dibaca = {o.lstrip("-").split("__")[0] for o in query.order_by}
    for alias, annotation in query.annotations.items():
        if alias in dibaca:
            dibaca |= annotation.get_refs()
    lepas = [a for a, ann in query.annotations.items() if getattr(ann, "contains_aggregate", False) and a not in dibaca]
    dipakai_lain = set().union(*(ann.get_refs() for a, ann in query.annotations.items() if a not in lepas))
    if not lepas or dipakai_lain & set(lepas):  # another annotation reads it: keep everything
        return queryset
    queryset = queryset.all()
    query = queryset.query
    for alias in lepas:
        del query.annotations[alias]
    if query.annotation_select_mask is not None:
        query.set_annotation_mask(set(query.annotation_select_mask) - set(lepas))
    # The joins still needed: those the filters and the remaining annotations read, with their parents.
    perlu = {col.alias for col in _kolom_kolom([query.where, *query.annotations.values()])}
    for alias in list(perlu):
        while alias in query.alias_map and (induk := getattr(query.alias_map[alias], "parent_alias", None)):
            perlu.add(induk)
            alias = induk
    for alias, join in query.alias_map.items():
        if alias not in perlu and getattr(join, "parent_alias", None):
            query.alias_refcount[alias] = 0  # the compiler leaves out unreferenced joins
    masih_agregat = any(getattr(a, "contains_aggregate", False) for a in query.annotations.values())
    if query.group_by is True and not masih_agregat:
        banyak = any(_bernilai_banyak(j) for a, j in query.alias_map.items() if query.alias_refcount[a])
        if not banyak:  # grouping only collapsed the rows the dropped joins multiplied
            query.group_by = None
    return queryset


#: A count at least this large is kept in the cache for ``HITUNGAN_SIMPAN_DETIK`` seconds: the whole
#: province's 300,000 board members cost a 20 ms scan on every page of the list. Smaller counts (a
#: kelurahan's or a kecamatan's list, any narrow filter) are counted afresh on every request.
HITUNGAN_SIMPAN_MIN = 10_000
HITUNGAN_SIMPAN_DETIK = 60


def hitung(queryset) -> int:
    """``queryset.count()``; a large result is kept briefly (see ``HITUNGAN_SIMPAN_MIN``). The key is
    the count query itself (its SQL and parameters: the user's scope and filters are in them) and the
    model's generation (``wilayah.generasi``), which every save or delete of that model renews in this
    process; without a shared cache another process may show its count up to ``HITUNGAN_SIMPAN_DETIK``
    seconds longer."""
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # ``.none()``, ``pk__in=[]``: Django answers 0 without a query
        return queryset.count()
    versi = generasi(queryset.model._meta.label_lower)
    kunci = "wilayah.hitungan:" + hashlib.sha256(f"{queryset.db}|{versi}|{sql}|{params!r}".encode()).hexdigest()
    jumlah = cache.get(kunci)
    if jumlah is None:
        jumlah = queryset.count()
        if jumlah >= HITUNGAN_SIMPAN_MIN:
            cache.set(kunci, jumlah, HITUNGAN_SIMPAN_DETIK)
    return jumlah


#: Page 1 reads one key more than it shows and, when the whole list fits on it, takes its count from
#: that read instead of a COUNT query (``PaginatorIdDulu.page``). A test that compares query counts at
#: two sizes turns it off: a list that fits on page 1 in a small build only would differ by that query.
HALAMAN_PERTAMA_MENGHITUNG = True


class PaginatorIdDulu(Paginator):
    """Ids first (a deferred join): a page's primary keys come from the same filtered, ordered queryset
    reduced to ``pk`` (no wide rows, no select_related, no unused aggregate: ``tanpa_agregat_lepas``),
    sliced; then the page's rows are read by ``pk__in`` (with their select_related, annotations and
    prefetches) and put back in the keys' order. Page numbers, ``count`` and ``num_pages`` mean what
    Django's Paginator says; the number of queries is the same on every page. ``count`` runs over the
    same reduced queryset, through ``hitung`` (a count of a whole province's list is kept for a minute),
    except when page 1 holds the whole list: its keys are the count (``HALAMAN_PERTAMA_MENGHITUNG``).
    A page past the end of a kept count that shrank meanwhile is simply shorter or empty. Lists that are
    not querysets are paged as Django does."""

    @cached_property
    def _kunci(self):
        return tanpa_agregat_lepas(self.object_list) if isinstance(self.object_list, QuerySet) else None

    @cached_property
    def count(self):
        if self._kunci is None:
            return super().count
        return hitung(self._kunci)

    def validate_number(self, number):
        """Page 1 is always there (an empty list shows an empty first page): no count needed to say so."""
        if self._kunci is not None and self.allow_empty_first_page and number in (1, "1"):
            return 1
        return super().validate_number(number)

    def page(self, number):
        if self._kunci is None:
            return super().page(number)
        number = self.validate_number(number)
        if number == 1 and HALAMAN_PERTAMA_MENGHITUNG and "count" not in self.__dict__:
            # The first page reads one key more than it shows: when the whole list fits on it (a
            # kelurahan's list, a narrow filter), that read is the count, and no COUNT query runs.
            muat = self.per_page + self.orphans
            ids = list(self._kunci.values_list("pk", flat=True)[: muat + 1])
            if len(ids) <= muat:
                self.__dict__["count"] = len(ids)
            else:
                ids = ids[: self.per_page]
        else:
            bottom = (number - 1) * self.per_page
            top = bottom + self.per_page
            if top + self.orphans >= self.count:
                top = self.count
            ids = list(self._kunci.values_list("pk", flat=True)[bottom:top])
        baris = {obj.pk: obj for obj in self.object_list.filter(pk__in=ids).order_by()} if ids else {}
        return self._get_page([baris[pk] for pk in dict.fromkeys(ids) if pk in baris], number, self)


#: Form fields of a list that order its rows rather than narrow them: not counted as active filters.
BUKAN_SARINGAN = frozenset({"urut"})


def jumlah_saringan_aktif(form) -> int:
    """How many of a list's filters the request sets (a value given, right or wrong; ordering not counted):
    the phone's "Saring (2)" button, which also opens the form when it is above 0. Read from the form's
    data only, so the kept form (``form_saring_html``: kept per query string) holds the right number."""
    data = getattr(form, "data", None) or {}
    aktif = 0
    for name in form.fields:
        if name in BUKAN_SARINGAN:
            continue
        nilai = data.getlist(form.add_prefix(name)) if hasattr(data, "getlist") else [data.get(form.add_prefix(name))]
        if any(v not in EMPTY_VALUES and str(v).strip() for v in nilai):
            aktif += 1
    return aktif


#: How long a list's rendered filter form is kept (0: never). Its choices (regions, types, fields of work)
#: change rarely and every write of them renders it afresh; a page reload does not render 8 fields and run
#: the queries of their choices again.
FORM_SARING_SIMPAN_DETIK = 60


def form_saring_html(request, form, *, querystring: str, app_label: str) -> str:
    """A list page's filter form rendered (``wilayah/_filter_form_isi.html``) and kept per user, path, the
    filters (``querystring``: the query string without the page), language and day, and per generation
    (``wilayah.generasi``) of what its choices read: the models of its choice fields, the list's own app
    (``app_label``) and the region tables, scope and permissions (``SUMBER_WILAYAH``). A write of any of
    them renders it afresh; without a shared cache another process may show the old choices up to
    ``FORM_SARING_SIMPAN_DETIK`` seconds. The form is a GET form: no CSRF token is kept."""

    def render() -> str:
        return render_to_string("wilayah/_filter_form_isi.html", {"filter_form": form, "request": request})

    if FORM_SARING_SIMPAN_DETIK <= 0 or not request.user.is_authenticated:
        return mark_safe(render())
    model = sorted({f.queryset.model._meta.label_lower for f in form.fields.values() if getattr(f, "queryset", None) is not None})
    bagian = (
        type(form).__name__, request.path, request.user.pk, querystring, translation.get_language(), timezone.localdate(),
        generasi(app_label, *SUMBER_WILAYAH, *model),
    )  # fmt: skip
    kunci = "wilayah.form_saring:" + hashlib.sha256("|".join(map(str, bagian)).encode()).hexdigest()
    html = cache.get(kunci)
    if html is None:
        html = render()
        cache.set(kunci, html, FORM_SARING_SIMPAN_DETIK)
    return mark_safe(html)


class _HtmlTertunda:
    """HTML built when the template prints it (``{{ x }}``), not when the view builds its context: a view may
    still add to what it reads (a region picker's rows the page already read, ``wilayah.pilih``)."""

    def __init__(self, buat):
        self._buat = buat

    @cached_property
    def _html(self) -> str:
        return self._buat()

    def __html__(self) -> str:
        return self._html

    __str__ = __html__


class FilteredListMixin(ScopedViewMixin):
    """A list over the user's scope, narrowed by ``filterset_class`` (see the module docstring)."""

    filterset_class: type[ScopedFilterSet] | None = None
    paginator_class = PaginatorIdDulu
    #: URL name of the export of this list (``FilteredExportMixin``); its link keeps the filters.
    export_url_name: str | None = None

    def get_scoped_queryset(self):
        """What the filters narrow: ``for_user`` through ``ScopedViewMixin``. Extend it (select_related,
        annotate, default order); never bypass it."""
        return super().get_queryset()

    def get_filterset(self) -> ScopedFilterSet:
        if not hasattr(self, "_filterset"):
            if self.filterset_class is None:
                raise ImproperlyConfigured(f"{type(self).__name__} tidak menyatakan filterset_class.")
            self._filterset = self.filterset_class(self.request.GET, queryset=self.get_scoped_queryset(), request=self.request)
        return self._filterset

    def get_queryset(self):
        return ordered_with_pk(self.get_filterset().qs)

    def get_querystring(self) -> str:
        """The list's filters (and order) without the page number."""
        data = self.request.GET.copy()
        data.pop(self.page_kwarg, None)
        return data.urlencode()

    def paginate_queryset(self, queryset, page_size):
        """A page number that is not a number or past the end shows the first or last page, not a 404."""
        paginator = self.get_paginator(queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty())
        page = paginator.get_page(self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        querystring = self.get_querystring()
        context["filterset"] = self.get_filterset()
        context["filter_form"] = self.get_filterset().form
        context["filter_form_html"] = _HtmlTertunda(
            partial(form_saring_html, self.request, context["filter_form"], querystring=querystring, app_label=self.get_filterset().queryset.model._meta.app_label)
        )  # fmt: skip
        context["querystring"] = querystring
        if self.export_url_name:
            context["export_url"] = reverse(self.export_url_name) + (f"?{querystring}" if querystring else "")
        return context


class FilteredListView(FilteredListMixin, ListView):
    pass


class FilteredExportMixin:
    """Left of a ``FilteredListMixin`` view: the same scoped, filtered, ordered rows (every page) as a file."""

    def get(self, request, *args, **kwargs):
        return self.export_response(self.get_queryset())

    def export_response(self, queryset):
        raise NotImplementedError
