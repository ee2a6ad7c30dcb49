"""The cadre form writes only through ``services.kader_simpan`` (one door), whose refusals land on the form."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kader import services as kader_services
from kader.forms import KaderForm
from tests.berkas import png_bytes
from wilayah.forms import tambah_galat

pytestmark = pytest.mark.django_db


def test_a_refused_save_leaves_no_uploaded_file_behind(operator_a, data_kader, settings):
    data = data_kader | {"tanggal_lahir": "1990-05-26"}  # disagrees with the NIK: refused
    form = KaderForm(data=data, files={"scan_sk": SimpleUploadedFile("sk.png", png_bytes())}, user=operator_a)
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




def test_the_bulk_door_of_the_import_checks_permission_and_region(operator_a, camat_a, dua_wilayah):
    import datetime as dt

    from django.core.exceptions import PermissionDenied

    from kader.models import Kader
    from tests.kader.factories import buat_nik

    def baru(kelurahan, urut):
        lahir = dt.date(1990, 5, 25)
        return Kader(nik=buat_nik(kelurahan, lahir, "P", urut), nama=f"Impor {urut}", jenis_kelamin="P", tempat_lahir="Probolinggo",
                     tanggal_lahir=lahir, alamat="Jl. Uji", kelurahan=kelurahan, tanggal_mulai=dt.date(2024, 1, 2))

    with pytest.raises(PermissionDenied):
        kader_services.kader_tambah_massal(acting_user=camat_a, kader_list=[baru(dua_wilayah["kel_a"], 1)])
    with pytest.raises(ValidationError, match="di luar wilayah kerja"):
        kader_services.kader_tambah_massal(acting_user=operator_a, kader_list=[baru(dua_wilayah["kel_a"], 2), baru(dua_wilayah["kel_b"], 3)])
    assert not Kader.objects.exists()
    simpan = kader_services.kader_tambah_massal(acting_user=operator_a, kader_list=[baru(dua_wilayah["kel_a"], 4)], bidang_kerja=[[]])
    assert [k.history.get().history_user for k in simpan] == [operator_a]
