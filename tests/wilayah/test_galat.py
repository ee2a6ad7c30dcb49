"""The error summary at the top of a failed form (wilayah.galat, {% ringkasan_galat %})."""

from django import forms
from django.template import Context, Template

from wilayah.galat import Galat, ringkasan_galat


class ContohForm(forms.Form):
    nama = forms.CharField(label="Nama lengkap")
    umur = forms.IntegerField(label="Umur", min_value=17)
    rahasia = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("nama") == "x":
            raise forms.ValidationError("Nama dan umur tidak cocok.")
        return data


def test_unbound_or_valid_form_has_no_summary():
    assert ringkasan_galat(ContohForm()) == []
    assert ringkasan_galat(ContohForm({"nama": "Siti", "umur": 30, "rahasia": "a"})) == []
    assert ringkasan_galat(None) == []


def test_every_error_in_field_order_with_its_anchor():
    form = ContohForm({"nama": "", "umur": "3"})
    assert ringkasan_galat(form) == [
        Galat("Nama lengkap", "Bidang ini tidak boleh kosong.", "id_nama"),
        Galat("Umur", "Pastikan nilai ini lebih besar dari atau sama dengan 17.", "id_umur"),
        # A hidden field has nothing to focus.
        Galat("rahasia", "Bidang ini tidak boleh kosong.", ""),
    ]


def test_form_wide_errors_come_first_without_a_link():
    form = ContohForm({"nama": "x", "umur": "3", "rahasia": "a"})
    galat = ringkasan_galat(form)
    assert galat[0] == Galat("", "Nama dan umur tidak cocok.", "")
    assert galat[1].anchor == "id_umur"


def test_formset_rows_are_numbered():
    FormSet = forms.formset_factory(ContohForm, extra=0)
    data = {
        "form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0",
        "form-0-nama": "Ani", "form-0-umur": "20", "form-0-rahasia": "a",
        "form-1-nama": "", "form-1-umur": "20", "form-1-rahasia": "a",
    }
    formset = FormSet(data)
    assert ringkasan_galat(formset) == [Galat("Baris 2: Nama lengkap", "Bidang ini tidak boleh kosong.", "id_form-1-nama")]


def test_template_tag_links_each_field_and_is_focusable():
    html = Template("{% load formulir %}{% ringkasan_galat form %}").render(Context({"form": ContohForm({"nama": "", "umur": "20", "rahasia": "a"})}))
    assert 'id="ringkasan-galat"' in html and 'tabindex="-1"' in html and 'role="alert"' in html
    assert 'href="#id_nama"' in html and "Nama lengkap" in html and "Bidang ini tidak boleh kosong." in html
    assert "ada 1 isian" in html
    assert Template("{% load formulir %}{% ringkasan_galat form %}").render(Context({"form": ContohForm()})).strip() == ""
