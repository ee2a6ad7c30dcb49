"""The error summary shown at the top of a form that failed to save (one helper for every form).

A failed save on a phone used to look like nothing happened: the messages sat far below the fold.
``ringkasan_galat(form, formset, ...)`` lists every error of the forms and formsets given, in field
order, each with the id of the field it belongs to, so the summary can link to it. The template
``wilayah/_galat_form.html`` prints it (``{% ringkasan_galat form %}`` from ``{% load formulir %}``)
and ``static/js/galat_form.js`` moves focus to it.
"""

from dataclasses import dataclass

from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Galat:
    label: str  # the field's label ("" for an error of the whole form)
    pesan: str
    anchor: str  # the element id to link to ("" when there is none)


def _galat_form(form: BaseForm, awalan_label: str = "") -> list[Galat]:
    if not form.is_bound or not form.errors:
        return []
    hasil = [Galat(awalan_label.strip(" :"), str(p), "") for p in form.non_field_errors()]
    for name, field in form.fields.items():
        if name not in form.errors:
            continue
        bound = form[name]
        anchor = bound.id_for_label or bound.auto_id or ""
        if not bound.id_for_label and bound.auto_id and getattr(field.widget, "input_type", "") in ("radio", "checkbox"):
            anchor = field.widget.id_for_label(bound.auto_id, "0")  # a list of radios or boxes: its first one
        label = f"{awalan_label}{field.label or name}" if awalan_label else str(field.label or name)
        # A hidden field has nothing to focus: the message then stands alone.
        if field.widget.is_hidden:
            anchor = ""
        hasil.extend(Galat(str(label), str(p), anchor) for p in form.errors[name])
    return hasil


def _galat_formset(formset: BaseFormSet) -> list[Galat]:
    if not formset.is_bound:
        return []
    hasil = [Galat("", str(p), "") for p in formset.non_form_errors()]
    for nomor, form in enumerate(formset.forms, start=1):
        hasil.extend(_galat_form(form, _("Baris %(n)s: ") % {"n": nomor}))
    return hasil


def ringkasan_galat(*bagian) -> list[Galat]:
    """Every error of ``bagian`` (forms and formsets; ``None`` is skipped), in order."""
    hasil: list[Galat] = []
    for b in bagian:
        if isinstance(b, BaseFormSet):
            hasil.extend(_galat_formset(b))
        elif isinstance(b, BaseForm):
            hasil.extend(_galat_form(b))
    return hasil
