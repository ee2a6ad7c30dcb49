"""Dates Django prints itself read like the portal's pages (wilayah/formats, FORMAT_MODULE_PATH):
"2 Januari 2023", never the abbreviated "2 Jan. 2023" or "17 Des. 1988, 0.00" of Django's id formats."""

import datetime as dt

from django.contrib.admin.utils import display_for_value
from django.template import Context, Template
from django.utils import formats

from wilayah.impor import nilai_pratinjau
from wilayah.periode import tanggal_id


def test_django_default_formats_name_the_month_in_full():
    assert formats.date_format(dt.date(2023, 1, 2)) == "2 Januari 2023"
    assert formats.date_format(dt.datetime(1988, 12, 17, 8, 5), "DATETIME_FORMAT") == "17 Desember 1988 08.05"
    assert formats.date_format(dt.date(2023, 1, 2), "SHORT_DATE_FORMAT") == "02/01/2023"


def test_a_bare_date_in_a_template_and_an_admin_cell_agree_with_the_portal():
    d = dt.date(2023, 1, 2)
    assert Template("{{ d }}").render(Context({"d": d})) == tanggal_id(d) == "2 Januari 2023"
    assert display_for_value(d, "-") == "2 Januari 2023"


def test_input_formats_are_still_djangos_day_first():
    from django import forms

    f = forms.DateField()
    assert f.clean("26/05/2025") == dt.date(2025, 5, 26)
    assert f.clean("26-05-2025") == dt.date(2025, 5, 26)


def test_import_preview_cells():
    assert nilai_pratinjau(dt.datetime(1988, 12, 17)) == "17 Desember 1988"
    assert nilai_pratinjau(dt.datetime(2025, 8, 17, 8, 30)) == "17 Agustus 2025 08.30"
