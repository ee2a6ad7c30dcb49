"""The fast form renderer (``wilayah.penyaji``): every widget it writes in Python prints exactly what
Django's widget templates print, and every list page's filter form uses it."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wilayah.forms import BootstrapWidgetsMixin
from wilayah.penyaji import PENYAJI_CEPAT, TEMPLAT_INPUT, TEMPLAT_OPTION, TEMPLAT_SELECT

ATTRS = {"class": "form-control a&b", "data-x": '"kutip" <tag>', "required": True, "disabled": False, "aria-describedby": "id_q_error", "data-n": 7}


def _dua(widget, name, value, attrs=None):
    """(Django's templates, the fast renderer) for one render of ``widget``."""
    return widget.render(name, value, attrs, renderer=get_default_renderer()), widget.render(name, value, attrs, renderer=PENYAJI_CEPAT)


@pytest.mark.parametrize(
    "widget",
    [
        forms.TextInput(), forms.TextInput(attrs=ATTRS), forms.NumberInput(attrs={"min": 1, "step": Decimal("0.5")}),
        forms.EmailInput(), forms.URLInput(), forms.PasswordInput(render_value=True), forms.HiddenInput(attrs={"id": "id_h"}),
        forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), forms.DateInput(), forms.TimeInput(), forms.DateTimeInput(),
        forms.CheckboxInput(attrs={"class": "form-check-input"}), forms.SearchInput(), forms.TelInput(), forms.ColorInput(),
    ],
    ids=lambda w: type(w).__name__,
)
@pytest.mark.parametrize("value", [None, "", "Budi & <Ani>", mark_safe("<b>aman</b>"), 0, 12345, Decimal("1234.5"), datetime.date(2025, 6, 1), True, ("a", 1)])
def test_input_sama_dengan_templat(widget, value, settings):
    settings.USE_THOUSAND_SEPARATOR = True  # numbers in {{ }} are localized: the attribute values too
    django, cepat = _dua(widget, "q", value, {"id": "id_q"})
    assert cepat == django


PILIHAN = [
    ("", "Semua status"), ("aktif", _("Aktif")), ("x&y", "Tanda <b>&</b> \"kutip\""), (1, 1000), (2, Decimal("2.5")),
    (mark_safe("<i>"), mark_safe("<i>aman</i>")), (3, datetime.date(2025, 1, 2)), (4, None),
]


@pytest.mark.parametrize("value", [None, "", "aktif", "x&y", "1", ["1", "aktif"], 2])
@pytest.mark.parametrize("multiple", [False, True])
def test_select_sama_dengan_templat(value, multiple, settings):
    settings.USE_THOUSAND_SEPARATOR = True
    widget = (forms.SelectMultiple if multiple else forms.Select)(attrs={"class": "form-select form-select-sm"}, choices=PILIHAN)
    django, cepat = _dua(widget, "status", value, {"id": "id_status", "aria-invalid": "true"})
    assert cepat == django


def test_select_dengan_optgroup_dan_kosong():
    grup = [("", "---"), ("Buah", [("apel", "Apel"), ("jeruk", "Jeruk <manis>")]), (_("Sayur & umbi"), [("bayam", "Bayam")])]
    for value in ("", "jeruk", "bayam"):
        django, cepat = _dua(forms.Select(choices=grup), "makanan", value)
        assert cepat == django
    django, cepat = _dua(forms.Select(choices=[]), "kosong", None)
    assert cepat == django


def test_templat_lain_ke_penyaji_bawaan():
    """Another option template, a radio list, a textarea, a label: the default renderer's templates."""

    class SelectOpsiLain(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    for widget in (forms.RadioSelect(choices=PILIHAN[:3]), forms.Textarea(), SelectOpsiLain(choices=PILIHAN[:3]), forms.ClearableFileInput()):
        django, cepat = _dua(widget, "w", "aktif" if isinstance(widget, forms.widgets.ChoiceWidget) else None)
        assert cepat == django

    class Form(forms.Form):
        nama = forms.CharField(label="Nama & alamat")

    assert str(Form(renderer=PENYAJI_CEPAT)) == str(Form(renderer=get_default_renderer()))
    assert str(Form(renderer=PENYAJI_CEPAT)["nama"].label_tag()) == str(Form(renderer=get_default_renderer())["nama"].label_tag())


def test_templat_widget_milik_django():
    """The fast path copies Django's own widget templates: no installed app may override them."""
    renderer = get_default_renderer()
    for nama in sorted(TEMPLAT_INPUT | {TEMPLAT_SELECT, TEMPLAT_OPTION, "django/forms/widgets/attrs.html"}):
        asal = renderer.get_template(nama).origin.name
        assert asal.replace("\\", "/").endswith("django/forms/templates/" + nama), asal


def test_form_saringan_memakai_penyaji_cepat():
    class Saring(BootstrapWidgetsMixin, forms.Form):
        q = forms.CharField(required=False)

    assert Saring().renderer is PENYAJI_CEPAT
