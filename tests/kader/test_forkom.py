"""Forkom KPM boards: multi-level visibility, who may change them, members, one coordinator."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from kader import services
from kader.models import AnggotaForkom, JabatanForkom, KepengurusanForkom, StatusKader
from tests.kader.factories import KaderFactory, kepengurusan_kelurahan
from wilayah.scoping import Tingkat

PERIODE = {"periode_mulai": dt.date(2025, 1, 1), "periode_selesai": dt.date(2029, 12, 31)}


@pytest.fixture
def papan(dua_wilayah):
    return {
        "kota": KepengurusanForkom.objects.create(tingkat=Tingkat.KOTA, **PERIODE),
        "kec_a": KepengurusanForkom.objects.create(tingkat=Tingkat.KECAMATAN, kecamatan=dua_wilayah["kec_a"], **PERIODE),
        "kec_b": KepengurusanForkom.objects.create(tingkat=Tingkat.KECAMATAN, kecamatan=dua_wilayah["kec_b"], **PERIODE),
        "kel_a": kepengurusan_kelurahan(dua_wilayah["kel_a"]),
        "kel_b": kepengurusan_kelurahan(dua_wilayah["kel_b"]),
    }


def _lihat(user):
    return {b.pk for b in KepengurusanForkom.objects.for_user(user)}


def test_visibility_per_level(papan, operator_a, camat_a, bappeda):
    p = {k: v.pk for k, v in papan.items()}
    assert _lihat(operator_a) == {p["kota"], p["kec_a"], p["kel_a"]}
    assert _lihat(camat_a) == {p["kota"], p["kec_a"], p["kel_a"]}
    assert _lihat(bappeda) == set(p.values())


def test_operator_changes_only_own_kelurahan_board(client, papan, operator_a, bappeda):
    assert set(KepengurusanForkom.objects.for_user(operator_a, "change")) == {papan["kel_a"]}
    assert set(KepengurusanForkom.objects.for_user(bappeda, "change")) == set(papan.values())
    client.force_login(operator_a)
    assert client.get(reverse("kader:forkom-update", args=[papan["kec_a"].pk])).status_code == 404
    assert client.get(reverse("kader:forkom-detail", args=[papan["kec_a"].pk])).status_code == 200
    assert client.get(reverse("kader:forkom-detail", args=[papan["kec_b"].pk])).status_code == 404


def test_operator_creates_board_for_own_kelurahan_only(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    response = client.post(
        reverse("kader:forkom-create"),
        {"tingkat": "kota", "kelurahan": dua_wilayah["kel_b"].pk, "periode_mulai": "2025-01-01", "periode_selesai": "2029-12-31"},
    )
    assert response.status_code == 302
    board = KepengurusanForkom.objects.get()
    assert board.tingkat == Tingkat.KELURAHAN and board.kelurahan == dua_wilayah["kel_a"]


def test_period_must_end_after_start(dua_wilayah):
    with pytest.raises(IntegrityError), transaction.atomic():
        KepengurusanForkom.objects.create(tingkat=Tingkat.KELURAHAN, kelurahan=dua_wilayah["kel_a"], periode_mulai=dt.date(2025, 1, 1), periode_selesai=dt.date(2024, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        KepengurusanForkom.objects.create(tingkat=Tingkat.KOTA, kelurahan=dua_wilayah["kel_a"], **PERIODE)


def test_one_coordinator_per_board(papan, operator_a, dua_wilayah):
    k1, k2 = KaderFactory(kelurahan=dua_wilayah["kel_a"]), KaderFactory(kelurahan=dua_wilayah["kel_a"])
    services.forkom_tambah_anggota(kepengurusan=papan["kel_a"], kader=k1, jabatan=JabatanForkom.KOORDINATOR, acting_user=operator_a)
    with pytest.raises(ValidationError, match="satu koordinator"):
        services.forkom_tambah_anggota(kepengurusan=papan["kel_a"], kader=k2, jabatan=JabatanForkom.KOORDINATOR, acting_user=operator_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnggotaForkom.objects.create(kepengurusan=papan["kel_a"], kader=k2, jabatan=JabatanForkom.KOORDINATOR)


def test_members_are_active_visible_cadres_of_the_region(papan, operator_a, bappeda, dua_wilayah):
    luar = KaderFactory(kelurahan=dua_wilayah["kel_b"])
    nonaktif = KaderFactory(kelurahan=dua_wilayah["kel_a"], status=StatusKader.NONAKTIF, alasan_nonaktif="Pindah", tanggal_nonaktif=dt.date(2024, 1, 1))
    for kader in (luar, nonaktif):
        with pytest.raises(ValidationError):
            services.forkom_tambah_anggota(kepengurusan=papan["kel_a"], kader=kader, jabatan="anggota", acting_user=operator_a)
    # The city board takes cadres from anywhere; a kecamatan board only from its kecamatan.
    services.forkom_tambah_anggota(kepengurusan=papan["kota"], kader=luar, jabatan="koordinator", acting_user=bappeda)
    with pytest.raises(ValidationError):
        services.forkom_tambah_anggota(kepengurusan=papan["kec_a"], kader=luar, jabatan="anggota", acting_user=bappeda)
    # An operator cannot add to boards above them, even with their own cadre.
    sendiri = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    with pytest.raises(PermissionDenied):
        services.forkom_tambah_anggota(kepengurusan=papan["kec_a"], kader=sendiri, jabatan="anggota", acting_user=operator_a)


def test_member_form_on_detail_page(client, papan, operator_a, dua_wilayah):
    k = KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Koordinator Kita")
    KaderFactory(kelurahan=dua_wilayah["kel_b"], nama="Orang Ketapang")
    client.force_login(operator_a)
    url = reverse("kader:forkom-detail", args=[papan["kel_a"].pk])
    body = client.get(url).content.decode()
    assert "Koordinator Kita" in body and "Orang Ketapang" not in body
    response = client.post(reverse("kader:forkom-anggota", args=[papan["kel_a"].pk]), {"kader": k.pk, "jabatan": "koordinator"})
    assert response.status_code == 302
    assert papan["kel_a"].anggota_set.get().kader == k
    # A second coordinator: refused with a message, nothing written.
    k2 = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    response = client.post(reverse("kader:forkom-anggota", args=[papan["kel_a"].pk]), {"kader": k2.pk, "jabatan": "koordinator"})
    assert response.status_code == 400 and "satu koordinator" in response.content.decode()
    assert papan["kel_a"].anggota_set.count() == 1


def test_bappeda_board_form_checks_level_and_region(client, bappeda, dua_wilayah):
    client.force_login(bappeda)
    url = reverse("kader:forkom-create")
    response = client.post(url, {"tingkat": "kecamatan", "periode_mulai": "2025-01-01", "periode_selesai": "2029-12-31"})
    assert response.status_code == 200 and "Kepengurusan kota tanpa wilayah" in response.content.decode()
    response = client.post(url, {"tingkat": "kota", "periode_mulai": "2025-01-01", "periode_selesai": "2024-12-31"})
    assert response.status_code == 200 and "Periode selesai harus sesudah periode mulai" in response.content.decode()
    assert not KepengurusanForkom.objects.exists()
    response = client.post(url, {"tingkat": "kecamatan", "kecamatan": dua_wilayah["kec_b"].pk, "periode_mulai": "2025-01-01", "periode_selesai": "2029-12-31"})
    assert response.status_code == 302
    assert KepengurusanForkom.objects.get().kecamatan == dua_wilayah["kec_b"]
