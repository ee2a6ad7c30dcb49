"""The cadre form writes only through ``services.kader_simpan`` (one door), whose refusals land on the form."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kader import services as kader_services
from kader.forms import KaderForm
from wilayah.forms import tambah_galat

pytestmark = pytest.mark.django_db


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_refused_save_leaves_no_uploaded_file_behind(operator_a, data_kader, settings):
    data = data_kader | {"tanggal_lahir": "1990-05-26"}  # disagrees with the NIK: refused
    form = KaderForm(data=data, files={"scan_sk": SimpleUploadedFile("sk.png", _png())}, user=operator_a)
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError):
        kader_services.kader_simpan(acting_user=operator_a, kader=form.instance)
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def test_a_scoped_form_cannot_be_a_second_door(operator_a, data_kader):
    form = KaderForm(data=data_kader, user=operator_a)
    assert form.is_valid(), form.errors
    with pytest.raises(RuntimeError, match="service"):
        form.save()


def test_service_errors_land_on_the_form_fields_it_has_and_the_rest_on_top(operator_a, data_kader):
    form = KaderForm(data=data_kader, user=operator_a)
    assert form.is_valid()
    tambah_galat(form, ValidationError({"nik": "NIK salah.", "kolom_tak_ada": "Lain-lain.", "kelurahan": "Kelurahan terkunci."}))
    assert form.errors["nik"] == ["NIK salah."]
    # Fields the form lacks, and fields it shows disabled, go on top instead of raising ValueError.
    assert set(form.non_field_errors()) == {"Lain-lain.", "Kelurahan terkunci."}


