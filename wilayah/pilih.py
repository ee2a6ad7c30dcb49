"""Region pickers that scale: one widget for every choice field over Kecamatan, Kelurahan, RW or RT,
and one JSON endpoint that fills it.

At province size a city-wide user may see 660 kecamatan, 8,500 kelurahan, 42,500 RW: a select listing
them all is megabytes of HTML. ``PilihWilayahSelect`` (installed by ``wilayah.forms.sempitkan_pilihan``
on every such field of a ``ScopedModelForm``, a ``ScopedFilterSet`` and every form that calls it)
renders only:

- the empty option (the field's ``empty_label``: "Semua kelurahan", "Pilih kelurahan"...);
- the chosen value(s), looked up in the field's (scoped) queryset;
- the whole (narrowed) list when its parent picker is chosen (``cascade``: ``{"rw": "kelurahan"}``:
  a kelurahan's RWs) or when the user's rows are few (at most ``BATAS``, found by fetching
  ``BATAS + 1`` rows, never by counting the table).

Validation is the field's own (``ModelChoiceField`` looks the value up in the whole scoped
queryset): the widget only decides what is printed. When the list is not printed, the select carries
``data-pilih-url`` (this module's endpoint) and ``data-pilih-lengkap="0"``; ``static/js/pilih_wilayah.js``
adds a search box that fills the options from the endpoint, and reloads a dependent select
(``data-pilih-induk``: the parent's field name) when its parent changes. Without JavaScript a GET
filter still works by its cascade: choose the kecamatan, press "Saring", the kelurahan list is that
kecamatan's.

A kelurahan operator's kecamatan and kelurahan pickers (one row each, their own) are printed from the
scope row read once a request (``baris_tanpa_kueri``), not queried again on every list page and form.

The endpoint (``/wilayah/pilih/<tingkat>/``): ``?q=`` (name or code, number for RW/RT), ``?induk=``
(the parent's pk, or its Kemendagri code), ``?nilai=kode`` (values are codes, for kecamatan and
kelurahan fields with ``to_field_name="kode"``); at most ``BATAS`` rows ``{"id", "teks"}`` of the
user's scope (``for_user``), in the model's order.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.views import View

from .access import ScopedViewMixin
from .models import RT, RW, Kecamatan, Kelurahan

#: the most rows a picker prints without its parent chosen, and the most the endpoint answers
BATAS = 50

#: level name (in the endpoint's URL) -> model
TINGKAT = {"kecamatan": Kecamatan, "kelurahan": Kelurahan, "rw": RW, "rt": RT}
#: a level's parent field (what ``?induk=`` selects by)
INDUK = {Kelurahan: "kecamatan", RW: "kelurahan", RT: "rw"}
#: what ``__str__`` walks: fetched with the rows
RELASI = {RW: ("kelurahan",), RT: ("rw__kelurahan",)}
#: what "Cari ..." says in the search box
NAMA = {Kecamatan: "kecamatan", Kelurahan: "kelurahan", RW: "RW", RT: "RT"}


def tingkat_model(model) -> str | None:
    for nama, kelas in TINGKAT.items():
        if model is kelas:
            return nama
    return None


def _dengan_relasi(queryset):
    relasi = RELASI.get(queryset.model)
    return queryset.select_related(*relasi) if relasi else queryset


def baris_tanpa_kueri(queryset, user) -> list | None:
    """The rows of ``queryset.for_user(user)`` when they are known without a query, else None: a
    kelurahan operator sees one kecamatan and one kelurahan, their own, already read with their scope
    row (``lingkup_of`` fetches ``kelurahan__kecamatan``). Only for a plain queryset of the model (no
    filter, annotation or deferred field) that ``for_user`` narrows by the usual region rule."""
    from .scoping import ScopedQuerySet, Tingkat, boleh, lingkup_of

    model = queryset.model
    query = queryset.query
    if model not in (Kecamatan, Kelurahan) or user is None or not user.is_authenticated or user.is_superuser:
        return None
    if query.where or query.annotations or query.extra or query.is_sliced or query.combinator or query.deferred_loading != (frozenset(), True):
        return None
    if type(queryset).scope_q is not ScopedQuerySet.scope_q or type(queryset).wilayah_q is not ScopedQuerySet.wilayah_q:
        return None
    lingkup = lingkup_of(user)
    if lingkup is None or lingkup.tingkat != Tingkat.KELURAHAN or lingkup.kelurahan_id is None:
        return None
    if not boleh(user, model, "view"):
        return []
    kelurahan = lingkup.kelurahan
    return [kelurahan.kecamatan if model is Kecamatan else kelurahan]


class PilihWilayahMixin:
    """See the module docstring. ``induk``: ``(form, parent field name)``, set by the cascade."""

    induk = None
    #: the parent object when the caller already cleaned it (``ScopedFilterSet``'s cascade); else cleaned here
    induk_obj = None
    #: ``(queryset, rows)``: the field's scoped queryset and its rows, known without a query
    #: (``baris_tanpa_kueri``); used while the field still has that very queryset
    tanpa_kueri = None

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.induk = obj.induk_obj = obj.tanpa_kueri = None  # a form's copy of a field is linked to that form by sempitkan_pilihan
        return obj

    def _field(self):
        return getattr(self.choices, "field", None)

    def _induk_terpilih(self):
        """The chosen parent object (cleaned by the parent's field), else None."""
        if self.induk is None:
            return None
        if self.induk_obj is not None:
            return self.induk_obj
        form, nama = self.induk
        try:
            return form.fields[nama].clean(form[nama].value())
        except (ValidationError, KeyError):
            return None

    def _terpilih(self, field, value) -> list:
        """The rows of the chosen value(s) in the field's queryset; unknown or bad values are left out."""
        model = field.queryset.model
        kunci = field.to_field_name or "pk"
        if kunci in (model._meta.pk.name, model._meta.pk.attname):
            kunci = "pk"  # a ForeignKey's form field names its target, the pk: "id"
        nilai = [v for v in value if v not in ("", None) and "\x00" not in str(v) and len(str(v)) <= 40]
        if kunci == "pk":
            nilai = [v for v in nilai if str(v).isascii() and str(v).isdigit() and 0 < int(v) < 2**31]
        if not nilai:
            return []
        return list(_dengan_relasi(field.queryset).filter(**{f"{kunci}__in": nilai}))

    def _pilihan(self, value):
        """(choices, whole list printed?) for this render."""
        field = self._field()
        if field is None:
            return self.choices, True
        awal = [("", field.empty_label)] if getattr(field, "empty_label", None) is not None else []
        queryset = _dengan_relasi(field.queryset)
        induk = self._induk_terpilih()
        if induk is not None:
            baris, lengkap = list(queryset.filter(**{self.induk[1]: induk})), True
        elif self.tanpa_kueri is not None and self.tanpa_kueri[0] is field.queryset:
            baris, lengkap = list(self.tanpa_kueri[1]), True
        else:
            baris = list(queryset[: BATAS + 1])
            lengkap = len(baris) <= BATAS
        if lengkap:
            # a chosen value outside the narrowed list (another kelurahan's RW on a re-rendered form) stays shown
            ada = {str(field.prepare_value(o)) for o in baris}
            hilang = [v for v in value if v not in ("", None) and str(v) not in ada]
            baris += [o for o in self._terpilih(field, hilang) if str(field.prepare_value(o)) not in ada] if hilang else []
        else:
            baris = self._terpilih(field, value)
        return awal + [field.iterator(field).choice(o) for o in baris], lengkap

    def get_context(self, name, value, attrs):
        asli = self.choices
        pilihan, lengkap = self._pilihan(self.format_value(value))
        self.choices = pilihan
        try:
            context = super().get_context(name, value, attrs)
        finally:
            self.choices = asli
        field = self._field()
        if field is not None:
            model = field.queryset.model
            url = reverse("wilayah:pilih-" + tingkat_model(model))
            if field.to_field_name == "kode":
                url += "?nilai=kode"
            tambahan = {"data-pilih-url": url, "data-pilih-lengkap": "1" if lengkap else "0", "data-pilih-nama": NAMA[model]}
            if self.induk is not None:
                tambahan["data-pilih-induk"] = self.induk[0].add_prefix(self.induk[1])
            context["widget"]["attrs"].update(tambahan)
        return context


class PilihWilayahSelect(PilihWilayahMixin, forms.Select):
    pass


class PilihWilayahSelectMultiple(PilihWilayahMixin, forms.SelectMultiple):
    pass


def pasang(field, *, user=None, asal=None) -> None:
    """Give a choice field over a region model the scaling widget (a plain Select or SelectMultiple
    only: a radio list, a hidden input or a custom widget is left as it is). ``asal``: the field's
    queryset before ``for_user(user)`` narrowed it, for ``baris_tanpa_kueri``."""
    queryset = getattr(field, "queryset", None)
    if queryset is None or tingkat_model(queryset.model) is None:
        return
    lama = field.widget
    if type(lama) is forms.Select:
        baru = PilihWilayahSelect(attrs=dict(lama.attrs))
    elif type(lama) is forms.SelectMultiple:
        baru = PilihWilayahSelectMultiple(attrs=dict(lama.attrs))
    else:
        return
    baru.is_required = lama.is_required
    baru.choices = field.choices
    field.widget = baru
    if asal is not None:
        baris = baris_tanpa_kueri(asal, user)
        if baris is not None:
            baru.tanpa_kueri = (field.queryset, baris)


def hubungkan(form, cascade: dict) -> None:
    """``cascade`` (``{"rw": "kelurahan"}``): the dependent picker prints its parent's rows once the parent
    is chosen (bound data, else initial) and JavaScript reloads it when the parent changes."""
    for anak, induk in cascade.items():
        if anak in form.fields and induk in form.fields and isinstance(form.fields[anak].widget, PilihWilayahMixin):
            form.fields[anak].widget.induk = (form, induk)


# --------------------------------------------------------------------------- the JSON endpoint


def _cari(model, queryset, q: str):
    if not q:
        return queryset
    if model in (Kecamatan, Kelurahan):
        return queryset.filter(Q(nama__icontains=q) | Q(kode__startswith=q))
    angka = q.removeprefix("RW").removeprefix("RT").strip()
    if model is RW:
        return queryset.filter(nomor=int(angka)) if angka.isascii() and angka.isdigit() and len(angka) <= 4 else queryset.filter(kelurahan__nama__icontains=q)
    return queryset.filter(nomor=int(angka)) if angka.isascii() and angka.isdigit() and len(angka) <= 4 else queryset.filter(rw__kelurahan__nama__icontains=q)


class PilihWilayahView(ScopedViewMixin, View):
    """``/wilayah/pilih/<tingkat>/``: at most ``BATAS`` regions of the user's scope as ``{"hasil": [{"id", "teks"}]}``."""

    model = None

    def get(self, request):
        from .daftar import id_dari, teks_dari

        model = self.model
        queryset = _dengan_relasi(self.get_queryset())
        queryset = _cari(model, queryset, teks_dari(request.GET.get("q"), 50))
        induk = request.GET.get("induk")
        if induk not in (None, "") and model in INDUK:
            nama = INDUK[model]
            pk = id_dari(induk)
            if pk is not None:
                queryset = queryset.filter(**{f"{nama}_id": pk})
            elif model is not RT:
                queryset = queryset.filter(**{f"{nama}__kode": teks_dari(induk, 20)})
            else:
                queryset = queryset.none()
        pakai_kode = request.GET.get("nilai") == "kode" and model in (Kecamatan, Kelurahan)
        hasil = [{"id": o.kode if pakai_kode else o.pk, "teks": str(o)} for o in queryset[:BATAS]]
        return JsonResponse({"hasil": hasil})
