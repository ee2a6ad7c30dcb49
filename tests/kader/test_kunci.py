"""The month lock on cadres (``wilayah.kunci``): the start and deactivation dates put a cadre in a month; a
write that changes a locked month is refused with the Indonesian message, on the form's field, by the
import's row, and by the bulk doors; history before ``kunci_mulai`` and edits that change no month stay open."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kader import services
from kader.models import Kader, StatusKader
from kader.resources import KaderResource
from tests.kader.factories import KaderFactory
from tests.kader.test_impor import baris, xlsx
from tests.wilayah.factories import kunci_berlaku, pengecualian, tanggal_terbuka, tanggal_terkunci
from wilayah.impor import baca_xlsx, jalankan_impor

pytestmark = pytest.mark.django_db

PESAN = "sudah dikunci sejak"


def keadaan():
    return list(Kader.objects.order_by("pk").values()), Kader.history.count()


def test_a_form_edit_moving_the_start_out_of_a_locked_month_is_refused_on_the_field(client, operator_a, data_kader, dua_wilayah):
    kunci_berlaku()
    lama = tanggal_terkunci()
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"], nik=data_kader["nik"], tanggal_lahir=dt.date(1990, 5, 25), jenis_kelamin="P", tanggal_mulai=lama)
    sebelum = keadaan()
    client.force_login(operator_a)
    response = client.post(reverse("kader:kader-update", args=[kader.pk]), data_kader | {"tanggal_mulai": tanggal_terbuka().isoformat()})
    assert response.status_code == 200
    galat = response.context["form"].errors["tanggal_mulai"][0]
    assert PESAN in galat and "minta Bappeda memberi pengecualian kunci untuk Kelurahan Kebonsari Wetan" in galat
    assert keadaan() == sebelum

    # A change that moves no month (the phone) is ordinary work on a cadre registered long ago.
    response = client.post(reverse("kader:kader-update", args=[kader.pk]), data_kader | {"tanggal_mulai": lama.isoformat(), "telepon": "085700001111"})
    assert response.status_code == 302
    assert Kader.objects.get(pk=kader.pk).telepon == "085700001111"


def test_a_new_cadre_started_in_a_locked_month_is_refused_but_history_before_the_lock_is_not(client, operator_a, data_kader):
    lama = tanggal_terkunci()
    kunci_berlaku(mulai=dt.date(2020, 1, 1))
    client.force_login(operator_a)
    response = client.post(reverse("kader:kader-create"), data_kader | {"tanggal_mulai": lama.isoformat()})
    assert response.status_code == 200 and PESAN in response.context["form"].errors["tanggal_mulai"][0]
    assert not Kader.objects.exists()
    response = client.post(reverse("kader:kader-create"), data_kader | {"tanggal_mulai": "2019-03-04"})  # back-filling the registry
    assert response.status_code == 302 and Kader.objects.count() == 1


def test_an_exception_lets_the_kelurahan_record_it(client, operator_a, data_kader, dua_wilayah):
    kunci_berlaku()
    lama = tanggal_terkunci()
    pengecualian(dua_wilayah["kel_a"], tahun=lama.year, bulan=lama.month)
    client.force_login(operator_a)
    response = client.post(reverse("kader:kader-create"), data_kader | {"tanggal_mulai": lama.isoformat()})
    assert response.status_code == 302 and Kader.objects.get().tanggal_mulai == lama


def test_deactivation_dated_in_a_locked_month_is_refused_on_its_field(client, operator_a, dua_wilayah):
    kunci_berlaku()
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"], tanggal_mulai=dt.date(2020, 1, 2))
    client.force_login(operator_a)
    response = client.post(reverse("kader:kader-nonaktif", args=[kader.pk]), {"alasan": "Pindah", "tanggal": tanggal_terkunci().isoformat()})
    assert response.status_code == 200 and PESAN in response.context["form"].errors["tanggal"][0]
    assert Kader.objects.get(pk=kader.pk).status == StatusKader.AKTIF
    response = client.post(reverse("kader:kader-nonaktif", args=[kader.pk]), {"alasan": "Pindah", "tanggal": tanggal_terbuka().isoformat()})
    assert response.status_code == 302 and Kader.objects.get(pk=kader.pk).status == StatusKader.NONAKTIF


def test_reactivation_undoing_a_locked_months_deactivation_is_refused(operator_a, dua_wilayah):
    kunci_berlaku()
    kader = KaderFactory(
        kelurahan=dua_wilayah["kel_a"], status=StatusKader.NONAKTIF, alasan_nonaktif="Pindah", tanggal_nonaktif=tanggal_terkunci(),
    )  # fmt: skip
    with pytest.raises(ValidationError, match=PESAN):
        services.kader_aktifkan_kembali(kader=kader, acting_user=operator_a)
    assert Kader.objects.get(pk=kader.pk).status == StatusKader.NONAKTIF


def test_an_import_row_in_a_locked_month_is_refused_and_nothing_is_written(operator_a, rw_a):
    kunci_berlaku()
    lama = tanggal_terkunci()
    buka = tanggal_terbuka().strftime("%d/%m/%Y")
    rows = [baris(1, tanggal_mulai=buka, tanggal_sk=buka), baris(2, tanggal_mulai=lama.strftime("%d/%m/%Y")), baris(3, tanggal_mulai=buka)]
    hasil = jalankan_impor(KaderResource(user=operator_a), baca_xlsx(xlsx(rows).read()), dry_run=False)
    galat = [g for g in hasil.galat if g.kunci == "tanggal_mulai"]
    assert len(galat) == 1 and galat[0].baris == 3 and PESAN in galat[0].pesan
    assert not Kader.objects.exists()


def test_an_import_update_moving_the_start_out_of_a_locked_month_is_refused(operator_a, rw_a):
    lama = tanggal_terkunci()
    rows = [baris(1, tanggal_mulai=lama.strftime("%d/%m/%Y")), baris(2)]
    assert not jalankan_impor(KaderResource(user=operator_a), baca_xlsx(xlsx(rows).read()), dry_run=False).ada_galat  # before the lock
    kunci_berlaku()
    sebelum = keadaan()
    rows[0]["tanggal_mulai"] = tanggal_terbuka().strftime("%d/%m/%Y")
    rows[1]["telepon"] = "085711112222"
    hasil = jalankan_impor(KaderResource(user=operator_a), baca_xlsx(xlsx(rows).read()), dry_run=False)
    assert [(g.baris, g.kunci) for g in hasil.galat] == [(2, "tanggal_mulai")]
    assert keadaan() == sebelum


def test_the_bulk_doors_check_the_lock_themselves(operator_a, dua_wilayah):
    kunci_berlaku()
    lama = tanggal_terkunci()
    baru = Kader(**{f: getattr(KaderFactory.build(kelurahan=dua_wilayah["kel_a"]), f) for f in ("nik", "nama", "jenis_kelamin", "tempat_lahir", "tanggal_lahir", "alamat")},
                 kelurahan=dua_wilayah["kel_a"], tanggal_mulai=lama)
    with pytest.raises(ValidationError, match=PESAN):
        services.kader_tambah_massal(acting_user=operator_a, kader_list=[baru])
    assert not Kader.objects.exists()
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"], tanggal_mulai=tanggal_terbuka())
    kader.tanggal_mulai = lama
    with pytest.raises(ValidationError, match=PESAN):
        services.kader_ubah_massal(acting_user=operator_a, kader_list=[kader], kolom={"tanggal_mulai"})
    assert Kader.objects.get(pk=kader.pk).tanggal_mulai == tanggal_terbuka()
