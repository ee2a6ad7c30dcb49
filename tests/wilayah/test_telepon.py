"""One stored format for every phone in the portal (081234567890): the form field every phone field
uses (wilayah.forms.TeleponField) and the data migrations that rewrote the phones stored before."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.text import capfirst

from kader.forms import KaderForm
from kader.models import Kader
from lkk.forms import LembagaForm, PengurusForm
from lkk.models import Lembaga, Pengurus, normalkan_nama
from tests.kader.factories import KaderFactory
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis
from tests.wisata.factories import DestinasiFactory
from wilayah.forms import TeleponField
from wisata.forms import DestinasiForm
from wisata.models import Destinasi


@pytest.mark.parametrize(
    "isi, hasil",
    [("+62 812-3456-7890", "081234567890"), ("0812 3456 7890", "081234567890"), ("(0335) 420000", "0335420000"),
     (" +62 (0)812 3456 7890 ", "081234567890"), ("", "")],
)  # fmt: skip
def test_telepon_field_cleans_to_the_one_format(isi, hasil):
    assert TeleponField(required=False).clean(isi) == hasil


@pytest.mark.parametrize("isi, pesan", [("0812abc", "tidak sah"), ("081234", "terlalu pendek"), ("081234567890 081298765432", "terlalu panjang")])
def test_telepon_field_refuses_with_the_reader_message(isi, pesan):
    with pytest.raises(ValidationError) as info:
        TeleponField(required=False).clean(isi)
    assert pesan in info.value.messages[0] and "081234567890" in info.value.messages[0]
    assert info.value.error_list[0].code == "telepon"


def test_telepon_field_lets_people_type_spaces_and_asks_for_a_phone_keyboard():
    field = TeleponField(max_length=20)
    assert field.clean("+62 (0) 812 - 3456 - 7890") == "081234567890", "the model's max_length is for the stored value"
    attrs = field.widget_attrs(field.widget)
    assert (attrs["inputmode"], attrs["autocomplete"], attrs["maxlength"]) == ("tel", "tel", "30")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "buat_form, kolom",
    [
        (lambda user: KaderForm(data={"telepon": "+62 812-3456-7890"}, user=user), "telepon"),
        (lambda user: LembagaForm(data={"kontak_telepon": "+62 812-3456-7890"}, user=user), "kontak_telepon"),
        (lambda user: PengurusForm(data={"telepon": "+62 812-3456-7890"}, user=user, lembaga=LembagaFactory()), "telepon"),
        (lambda user: DestinasiForm(data={"pengelola_telepon": "+62 812-3456-7890"}, user=user), "pengelola_telepon"),
    ],
)
def test_every_phone_field_of_the_forms_is_a_telepon_field(buat_form, kolom, operator_a):
    form = buat_form(operator_a)
    assert isinstance(form.fields[kolom], TeleponField)
    assert form.fields[kolom].label == capfirst(form._meta.model._meta.get_field(kolom).verbose_name), "the model's label stays"
    form.is_valid()
    assert kolom not in form.errors and form.cleaned_data[kolom] == "081234567890"


@pytest.mark.django_db
def test_a_phone_typed_with_62_in_the_board_form_is_stored_in_the_one_format(client, operator_a, dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")
    client.force_login(operator_a)
    data = {
        "nama": "Sutrisno", "jabatan": "ketua", "masa_mulai": "2024-01-02", "pernyataan_nonpartai": "on",
        "tanggal_pernyataan": "2024-01-02", "telepon": "+62 812-3456-7890",
    }  # fmt: skip
    response = client.post(reverse("lkk:pengurus-create", args=[lpm.pk]), data)
    assert response.status_code == 302
    assert Pengurus.objects.get(nama="Sutrisno").telepon == "081234567890"
    response = client.post(reverse("lkk:pengurus-create", args=[lpm.pk]), data | {"nama": "Bambang", "jabatan": "sekretaris", "telepon": "0812"})
    assert response.status_code == 200 and "terlalu pendek" in response.content.decode()
    assert not Pengurus.objects.filter(nama="Bambang").exists()


def _migrasi(app, nama):
    return importlib.import_module(f"{app}.migrations.{nama}")


@pytest.mark.django_db
def test_data_migrations_rewrite_stored_phones_to_the_one_format(dua_wilayah):
    kel = dua_wilayah["kel_a"]
    kader = [KaderFactory(kelurahan=kel) for _ in range(3)]
    lembaga = LembagaFactory(kelurahan=kel)
    pengurus = [PengurusFactory(lembaga=lembaga) for _ in range(2)]
    destinasi = DestinasiFactory(kelurahan=kel)
    # As the forms stored them before the one format (the model takes any text).
    Kader.objects.filter(pk=kader[0].pk).update(telepon="+62 812-3456-7890")
    Kader.objects.filter(pk=kader[1].pk).update(telepon="WA saja")  # not a phone: left as it is
    Kader.objects.filter(pk=kader[2].pk).update(telepon="")
    Lembaga.objects.filter(pk=lembaga.pk).update(kontak_telepon="(0335) 420000")
    Pengurus.objects.filter(pk=pengurus[0].pk).update(telepon="+62 (0)812 3456 7890", kunci_nama_telepon="lama")
    Pengurus.objects.filter(pk=pengurus[1].pk).update(telepon="081298765432", kunci_nama_telepon="tetap")
    Destinasi.objects.filter(pk=destinasi.pk).update(pengelola_telepon="62 812 3456 7890")

    _migrasi("kader", "0006_telepon_satu_format").seragamkan(apps, None)
    _migrasi("lkk", "0005_telepon_satu_format").seragamkan(apps, None)
    _migrasi("wisata", "0005_telepon_satu_format").seragamkan(apps, None)

    assert [Kader.objects.get(pk=k.pk).telepon for k in kader] == ["081234567890", "WA saja", ""]
    assert Lembaga.objects.get(pk=lembaga.pk).kontak_telepon == "0335420000"
    p0, p1 = (Pengurus.objects.get(pk=p.pk) for p in pengurus)
    assert p0.telepon == "081234567890" and p0.kunci_nama_telepon == f"{normalkan_nama(p0.nama)}|081234567890"
    assert (p1.telepon, p1.kunci_nama_telepon) == ("081298765432", "tetap"), "an unchanged row is not written"
    assert Destinasi.objects.get(pk=destinasi.pk).pengelola_telepon == "081234567890"
