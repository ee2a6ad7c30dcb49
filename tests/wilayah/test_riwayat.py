"""One change-history helper for every programme: old and new values as users read them, NIK masked by role."""

import datetime as dt

import pytest

from lkk.models import Jabatan
from lkk.services import pengurus_simpan
from tests.factories import RWFactory
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis
from wilayah.nik import boleh_lihat_nik_penuh
from wilayah.riwayat import kelurahan_id_dari, riwayat_perubahan

pytestmark = pytest.mark.django_db

NIK_LAMA = "3574041203800012"
NIK_BARU = "3574041203800099"


def test_changes_show_values_and_mask_the_nik_for_who_may_not_read_it(operator_a, camat_a, dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    p = PengurusFactory(lembaga=lpm, nama="Sutrisno", nik=NIK_LAMA, jabatan=Jabatan.SEKRETARIS, masa_mulai=dt.date(2025, 1, 2))
    p.nik, p.jabatan = NIK_BARU, Jabatan.BENDAHARA
    pengurus_simpan(acting_user=operator_a, pengurus=p)

    entri = riwayat_perubahan(p, operator_a)[0]
    assert entri.history_user == operator_a and entri.history_type == "~"
    ubah = {c.field: c for c in entri.perubahan}
    assert (ubah["nik"].lama, ubah["nik"].baru) == (NIK_LAMA, NIK_BARU)
    assert (ubah["jabatan"].label, ubah["jabatan"].lama, ubah["jabatan"].baru) == ("jabatan", "Sekretaris", "Bendahara")

    untuk_camat = {c.field: c for c in riwayat_perubahan(p, camat_a)[0].perubahan}
    assert untuk_camat["nik"].lama == "3574" + "\u2022" * 8 + "0012"
    assert NIK_BARU not in untuk_camat["nik"].baru


def test_a_foreign_key_change_shows_the_names_in_a_fixed_number_of_queries(operator_a, dua_wilayah, django_assert_num_queries):
    lembaga = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("posyandu"), rw=RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=1))
    for nomor in (2, 3, 4):
        lembaga.rw = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=nomor)
        lembaga.save()
    boleh_lihat_nik_penuh(operator_a, dua_wilayah["kel_a"].pk)  # the user's scope and roles are read once per request (cached)
    with django_assert_num_queries(2):  # the records, then the RWs they name
        entri = riwayat_perubahan(lembaga, operator_a)
    assert [(c.lama, c.baru) for c in entri[0].perubahan if c.field == "rw"] == [("RW 03 Kebonsari Wetan", "RW 04 Kebonsari Wetan")]
    assert kelurahan_id_dari(lembaga) == dua_wilayah["kel_a"].pk
