"""The month lock on LKK (``wilayah.kunci``): a lembaga's SK date and term start, a board member's term start and
removal date put them in a month; a write changing a locked month is refused with the Indonesian message (the
form's field, the import's row, the service), and changes that move no month stay open."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lkk import services
from lkk.models import Lembaga, Pengurus
from tests.lkk.factories import LembagaFactory, PengurusFactory
from tests.lkk.test_impor import KOLOM_LEMBAGA, xlsx
from tests.wilayah.factories import kunci_berlaku, pengecualian, tanggal_terbuka, tanggal_terkunci

pytestmark = pytest.mark.django_db

PESAN = "sudah dikunci sejak"


def test_an_import_row_with_an_sk_in_a_locked_month_is_refused_and_nothing_is_written(client, operator_a, dua_wilayah):
    kunci_berlaku()
    kel = dua_wilayah["kel_a"]
    buka, lama = tanggal_terbuka().strftime("%d/%m/%Y"), tanggal_terkunci().strftime("%d/%m/%Y")
    rows = [
        (kel.kode, "pokmas", "Pokmas Baru", "", "188/1/2025", buka, buka),
        (kel.kode, "pokmas", "Pokmas Lama", "", "188/2/2025", lama, buka),
    ]
    client.force_login(operator_a)
    response = client.post(reverse("lkk:lembaga-impor"), {"berkas": xlsx(KOLOM_LEMBAGA, rows)})
    hasil = response.context["hasil"]
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(3, "tanggal_sk")]
    assert PESAN in hasil.galat[0].pesan and "Kelurahan Kebonsari Wetan" in hasil.galat[0].pesan
    assert not response.context["token"] and not Lembaga.objects.exists()


def test_a_lembaga_edit_of_a_locked_month_is_refused_but_other_changes_are_not(operator_a, dua_wilayah):
    lama = tanggal_terkunci()
    lembaga = LembagaFactory(kelurahan=dua_wilayah["kel_a"], tanggal_sk=lama, masa_bakti_mulai=lama, masa_bakti_selesai=None)
    kunci_berlaku()
    lembaga.masa_bakti_mulai = tanggal_terbuka()
    with pytest.raises(ValidationError) as exc:
        services.lembaga_simpan(acting_user=operator_a, lembaga=lembaga)
    assert PESAN in exc.value.message_dict["masa_bakti_mulai"][0]
    assert Lembaga.objects.get().masa_bakti_mulai == lama
    lembaga = Lembaga.objects.get()
    lembaga.alamat = "Jl. Brantas 12"
    services.lembaga_simpan(acting_user=operator_a, lembaga=lembaga)
    assert Lembaga.objects.get().alamat == "Jl. Brantas 12"


def test_a_board_member_form_edit_of_a_locked_month_shows_the_message_on_the_field(client, operator_a, dua_wilayah):
    lama = tanggal_terkunci()
    pengurus = PengurusFactory(lembaga=LembagaFactory(kelurahan=dua_wilayah["kel_a"]), nama="Sutrisno", masa_mulai=lama, tanggal_pernyataan=lama)
    kunci_berlaku()
    data = {
        "nama": "Sutrisno", "nik": "", "jenis_kelamin": "L", "tanggal_lahir": "", "telepon": "", "jabatan": "anggota", "nama_seksi": "",
        "nomor_sk_pengangkatan": "", "tanggal_sk_pengangkatan": "", "masa_mulai": tanggal_terbuka().isoformat(),
        "masa_selesai": pengurus.masa_selesai.isoformat(), "pernyataan_nonpartai": "on", "tanggal_pernyataan": lama.isoformat(),
        "nomor_sk_pemberhentian": "", "tanggal_sk_pemberhentian": "",
    }  # fmt: skip
    client.force_login(operator_a)
    response = client.post(reverse("lkk:pengurus-update", args=[pengurus.pk]), data)
    assert response.status_code == 200
    assert PESAN in response.context["form"].errors["masa_mulai"][0]
    assert Pengurus.objects.get().masa_mulai == lama


def test_a_removal_dated_in_a_locked_month_is_refused_unless_excepted(operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    pengurus = PengurusFactory(lembaga=LembagaFactory(kelurahan=kel), masa_mulai=dt.date(2020, 1, 2), tanggal_pernyataan=dt.date(2020, 1, 2))
    kunci_berlaku()
    lama = tanggal_terkunci()
    with pytest.raises(ValidationError) as exc:
        services.pengurus_berhentikan(acting_user=operator_a, pengurus=pengurus, nomor_sk="188/9/2025", tanggal=lama)
    assert PESAN in exc.value.message_dict["tanggal_sk_pemberhentian"][0]
    assert Pengurus.objects.get().tanggal_sk_pemberhentian is None
    pengecualian(kel, tahun=lama.year, bulan=lama.month)
    services.pengurus_berhentikan(acting_user=operator_a, pengurus=Pengurus.objects.get(), nomor_sk="188/9/2025", tanggal=lama)
    assert Pengurus.objects.get().tanggal_sk_pemberhentian == lama
