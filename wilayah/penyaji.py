"""A form renderer that writes the common widgets in Python: the same HTML as Django's templates, cheaper.

Django renders every widget through a template (``django/forms/widgets/select.html`` includes
``select_option.html`` for each ``<option>``, and ``attrs.html`` for each tag's attributes): a list
page's filter form (8 fields, region pickers of up to 51 options) costs several milliseconds a request.
``PenyajiCepat`` writes ``<input>`` (text, number, date, checkbox... every widget template that only
includes ``input.html``) and ``<select>`` with its options (``select.html`` and ``select_option.html``)
directly, byte for byte what those templates print (escaping, ``stringformat:'s'`` on values, numbers
and dates localized like ``{{ }}``, optgroups, the whitespace between tags). Anything else (another
option template, a widget template an app overrides, labels, whole forms) goes to the default renderer
(``settings.FORM_RENDERER``), so the renderer can be given to any form.

Used by ``wilayah.forms.BootstrapWidgetsMixin`` (every list page's filter form, ``wilayah.daftar``).
``tests/wilayah/test_penyaji.py`` compares its output with the templates' for each widget it writes.
"""

from __future__ import annotations

from django.forms.renderers import get_default_renderer
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData
from django.utils.timezone import template_localtime

#: the widget templates that are only ``{% include "django/forms/widgets/input.html" %}``
TEMPLAT_INPUT = frozenset(
    f"django/forms/widgets/{nama}.html"
    for nama in ("input", "text", "number", "email", "url", "password", "hidden", "search", "tel", "date", "datetime", "time", "checkbox", "color")
)
TEMPLAT_SELECT = "django/forms/widgets/select.html"
TEMPLAT_OPTION = "django/forms/widgets/select_option.html"


def _nilai(value) -> str:
    """``{{ value }}`` in an autoescaped template (``render_value_in_context``)."""
    value = localize(template_localtime(value))
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


def _format_s(value) -> str:
    """``{{ value|stringformat:'s' }}``: the filter keeps safe input safe, the rest is escaped."""
    try:
        teks = "%s" % (str(value) if isinstance(value, tuple) else value)
    except (ValueError, TypeError):
        teks = ""
    return teks if isinstance(value, SafeData) else escape(teks)


def _attrs(attrs) -> str:
    """``django/forms/widgets/attrs.html``."""
    bagian = []
    for nama, value in attrs.items():
        if value is not False:
            bagian.append(f" {_nilai(nama)}" if value is True else f' {_nilai(nama)}="{_format_s(value)}"')
    return "".join(bagian)


def tulis_input(widget) -> str:
    nilai = f' value="{_format_s(widget["value"])}"' if widget["value"] != None else ""  # noqa: E711 (the template's !=)
    return f'<input type="{_nilai(widget["type"])}" name="{_nilai(widget["name"])}"{nilai}{_attrs(widget["attrs"])}>'


def tulis_select(widget) -> str | None:
    """``select.html`` with its options; None when an option uses another template."""
    bagian = [f'<select name="{_nilai(widget["name"])}"{_attrs(widget["attrs"])}>']
    for nama_grup, opsi_grup, _indeks in widget["optgroups"]:
        if nama_grup:
            bagian.append(f'\n  <optgroup label="{_nilai(nama_grup)}">')
        for opsi in opsi_grup:
            if opsi["template_name"] != TEMPLAT_OPTION:
                return None
            # the included select_option.html ends with a newline
            bagian.append(f'\n  <option value="{_format_s(opsi["value"])}"{_attrs(opsi["attrs"])}>{_nilai(opsi["label"])}</option>\n')
        if nama_grup:
            bagian.append("\n  </optgroup>")
    bagian.append("\n</select>")
    return "".join(bagian)


class PenyajiCepat:
    """A form renderer (see the module docstring); what it does not write, the default renderer renders."""

    def __getattr__(self, nama):
        # form_template_name, field_template_name, get_template...: the default renderer's
        return getattr(get_default_renderer(), nama)

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name in TEMPLAT_INPUT:
                return tulis_input(widget)
            if template_name == TEMPLAT_SELECT:
                html = tulis_select(widget)
                if html is not None:
                    return html
        return get_default_renderer().render(template_name, context, request)


#: one instance serves every form (it keeps no state)
PENYAJI_CEPAT = PenyajiCepat()
