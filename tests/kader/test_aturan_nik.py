"""NIK and record rules: on the form through the save service (clear Indonesian messages), in the
model and in the database."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from kader import services
from kader.aturan import periksa_kader
from kader.forms import KaderForm
from kader.models import Kader, StatusKader
from tests.kader.factories import KaderFactory
from wilayah.forms import tambah_galat

KODE = {"357404", "357401"}


class _Halaman:
    """The form and the service as the page runs them: ``is_valid()`` and then ``save()`` through
    ``services.kader_simpan``, whose refusals land on the form's fields."""

    def __init__(self, user, data, instance=None):
        self.user = user
        self.form = KaderForm(data=data, user=user, instance=instance)
        self.kader = None

    def is_valid(self) -> bool:
        if not self.form.is_valid():
            return False
        try:
            with transaction.atomic():
                self.kader = services.kader_simpan(
                    acting_user=self.user, kader=self.form.instance, peran=self.form.cleaned_data["peran_kpm"],
                    bidang_kerja=self.form.cleaned_data["bidang_kerja"],
                )
        except ValidationError as exc:
            tambah_galat(self.form, exc)
            return False
        return True

    def save(self):
        return self.kader

    def __getattr__(self, name):
        return getattr(self.form, name)


def _form(user, data, instance=None):
    return _Halaman(user, data, instance)


def test_valid_form_saves_with_roles(operator_a, data_kader):
    form = _form(operator_a, data_kader)
    assert form.is_valid(), form.errors
    kader = form.save()
    assert kader.daftar_peran == ["penggerak", "perencana"]
    assert kader.kelurahan == operator_a.lingkup.kelurahan


@pytest.mark.parametrize("nik", ["357404650590001", "35740465059000012", "3574O46505900001", ""])
def test_nik_must_be_16_digits(operator_a, data_kader, nik):
    form = _form(operator_a, data_kader | {"nik": nik})
    assert not form.is_valid()
    assert "nik" in form.errors
    if nik:
        assert "16 angka" in " ".join(form.errors["nik"])


def test_nik_with_spaces_and_dots_is_cleaned(operator_a, data_kader):
    form = _form(operator_a, data_kader | {"nik": "3574 0465.0590 0001"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["nik"] == "3574046505900001"


def test_birth_date_in_nik_must_match(operator_a, data_kader):
    form = _form(operator_a, data_kader | {"tanggal_lahir": "1990-05-26"})
    assert not form.is_valid()
    assert "Tanggal lahir di NIK (25-05-90) tidak sama" in " ".join(form.errors["nik"])


def test_sex_in_nik_must_match(operator_a, data_kader):
    form = _form(operator_a, data_kader | {"jenis_kelamin": "L"})
    assert not form.is_valid()
    assert "Jenis kelamin di NIK" in " ".join(form.errors["nik"])


def test_birth_date_in_future_is_refused(operator_a, data_kader):
    besok = dt.date.today() + dt.timedelta(days=400)
    nik = f"357404{besok.day + 40:02d}{besok.month:02d}{besok.year % 100:02d}0001"
    form = _form(operator_a, data_kader | {"tanggal_lahir": besok.isoformat(), "nik": nik})
    assert not form.is_valid()
    assert "masa depan" in " ".join(form.errors["tanggal_lahir"])


def test_nik_outside_region_needs_the_checkbox(operator_a, data_kader):
    luar = data_kader | {"nik": "3513016505900001"}  # Kabupaten Probolinggo
    form = _form(operator_a, luar)
    assert not form.is_valid()
    assert "bukan kode kecamatan di wilayah ini" in " ".join(form.errors["nik_luar_wilayah"])
    assert form.nik_luar_wilayah_dicek
    form = _form(operator_a, luar | {"nik_luar_wilayah": "on"})
    assert form.is_valid(), form.errors
    assert form.save().nik_luar_wilayah is True


def test_rw_of_another_kelurahan_is_refused(bappeda, data_kader, rw_b):
    form = _form(bappeda, data_kader | {"rw": rw_b.pk})
    assert not form.is_valid()
    assert "bukan RW dari kelurahan" in " ".join(form.errors["rw"])


def test_operator_cannot_choose_rw_outside_scope(operator_a, data_kader, rw_b):
    form = _form(operator_a, data_kader | {"rw": rw_b.pk})
    assert not form.is_valid()
    assert "rw" in form.errors


def test_duplicate_active_nik_refused_on_form(operator_a, data_kader, dua_wilayah):
    KaderFactory(kelurahan=dua_wilayah["kel_b"], nik=data_kader["nik"], tanggal_lahir=dt.date(1990, 5, 25), jenis_kelamin="P")
    form = _form(operator_a, data_kader)
    assert not form.is_valid()
    assert "sudah terdaftar pada KPM aktif lain" in str(form.errors)


def test_duplicate_nik_allowed_when_the_other_is_inactive(operator_a, data_kader, dua_wilayah):
    KaderFactory(
        kelurahan=dua_wilayah["kel_b"], nik=data_kader["nik"], tanggal_lahir=dt.date(1990, 5, 25), jenis_kelamin="P",
        status=StatusKader.NONAKTIF, alasan_nonaktif="Pindah", tanggal_nonaktif=dt.date(2024, 1, 1),
    )  # fmt: skip
    form = _form(operator_a, data_kader)
    assert form.is_valid(), form.errors


def test_database_refuses_duplicate_active_nik(dua_wilayah):
    k = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    with pytest.raises(IntegrityError), transaction.atomic():
        KaderFactory(kelurahan=dua_wilayah["kel_b"], nik=k.nik, tanggal_lahir=k.tanggal_lahir, jenis_kelamin=k.jenis_kelamin)


def test_database_refuses_malformed_nik_and_reasonless_deactivation(dua_wilayah):
    with pytest.raises(IntegrityError), transaction.atomic():
        KaderFactory(kelurahan=dua_wilayah["kel_a"], nik="12345")
    k = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Kader.objects.filter(pk=k.pk).update(status=StatusKader.NONAKTIF)


def test_model_clean_runs_the_same_rules(dua_wilayah, rw_b):
    k = KaderFactory.build(kelurahan=dua_wilayah["kel_a"], rw=rw_b, tanggal_lahir=dt.date(1990, 1, 1), jenis_kelamin="L", nik="3574040201900001")
    with pytest.raises(Exception) as exc:
        k.full_clean()
    assert set(exc.value.message_dict) >= {"nik", "rw"}


def test_periksa_kader_reports_every_field_at_once():
    with pytest.raises(Exception) as exc:
        periksa_kader(
            nik="9999994101900001", tanggal_lahir=dt.date(1990, 1, 1), jenis_kelamin="P", kelurahan_id=1, rw_kelurahan_id=2,
            nik_luar_wilayah=False, kode_kecamatan=KODE, hari_ini=dt.date(2025, 1, 1),
        )  # fmt: skip
    assert set(exc.value.message_dict) == {"nik_luar_wilayah", "rw"}


def test_create_page_shows_errors_and_writes_nothing(client, operator_a, data_kader):
    client.force_login(operator_a)
    response = client.post(reverse("kader:kader-create"), data_kader | {"tanggal_lahir": "1990-05-26"})
    assert response.status_code == 200
    assert "tidak sama dengan tanggal lahir yang diisi" in response.content.decode()
    assert not Kader.objects.exists()


def test_create_page_shows_outside_region_checkbox(client, operator_a, data_kader):
    client.force_login(operator_a)
    response = client.post(reverse("kader:kader-create"), data_kader | {"nik": "3513016505900001"})
    body = response.content.decode()
    assert "Saya sudah memeriksa: NIK dari luar wilayah" in body
    assert not Kader.objects.exists()
    response = client.post(reverse("kader:kader-create"), data_kader | {"nik": "3513016505900001", "nik_luar_wilayah": "on"})
    assert response.status_code == 302
    assert Kader.objects.get().nik_luar_wilayah
