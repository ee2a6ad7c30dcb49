"""Scoping by action: one answer to "may this user do this to these rows" (wilayah.scoping), one door
per write (wilayah.services.simpan_dalam_lingkup, wilayah.forms), for views, services and the admin."""


import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse

from kader import services as kader_services
from kader.models import KepengurusanForkom, KriteriaLomba, NilaiLomba
from lkk.models import Lembaga
from tests.factories import make_user
from tests.kader.factories import KaderFactory, kepengurusan_kelurahan, lomba, nominasi
from tests.lkk.factories import LembagaFactory
from wilayah.models import RW
from wilayah.roles import BAPPEDA, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN, role_actions_for
from wilayah.scoping import Tingkat, boleh, boleh_atas

pytestmark = pytest.mark.django_db


def test_the_action_needs_its_model_permission(operator_a, camat_a, walikota, bappeda, dua_wilayah):
    rw = RW.objects.create(kelurahan=dua_wilayah["kel_a"], nomor=7)
    assert set(RW.objects.for_user(operator_a, "change")) == {rw}
    assert not RW.objects.for_user(operator_a, "delete").exists()  # operators never delete
    assert set(RW.objects.for_user(camat_a)) == {rw} and not RW.objects.for_user(camat_a, "change").exists()
    assert not RW.objects.for_user(walikota, "add").exists()
    assert set(RW.objects.for_user(bappeda, "delete")) == {rw}
    with pytest.raises(ValueError):
        RW.objects.for_user(bappeda, "terbang")


def test_a_read_only_role_never_writes_whatever_else_it_is_named_as(walikota, dua_wilayah, monkeypatch):
    """Kantor Wali Kota added to the Bappeda group too still writes nothing, anywhere."""
    walikota.groups.add(Group.objects.get(name=BAPPEDA))
    walikota = type(walikota).objects.get(pk=walikota.pk)  # fresh permission cache
    assert walikota.has_perm("wilayah.change_rw")  # Django alone would let it write...
    assert not boleh(walikota, RW, "change")  # ...the portal does not
    RW.objects.create(kelurahan=dua_wilayah["kel_a"], nomor=1)
    assert RW.objects.for_user(walikota).exists()
    for action in ("add", "change", "delete"):
        assert not RW.objects.for_user(walikota, action).exists()
    # Its group never receives another permission, even when a model names it.
    monkeypatch.setattr(RW, "role_actions", {KANTOR_WALI_KOTA: {"view", "change"}}, raising=False)
    assert role_actions_for(RW)[KANTOR_WALI_KOTA] == {"view"}


def test_a_model_narrows_an_action_forkom_boards(operator_a, camat_a, bappeda, dua_wilayah):
    kota = KepengurusanForkom.objects.create(tingkat=Tingkat.KOTA, periode_mulai="2025-01-01", periode_selesai="2029-12-31")
    sendiri = kepengurusan_kelurahan(dua_wilayah["kel_a"])
    assert set(KepengurusanForkom.objects.for_user(operator_a)) == {kota, sendiri}
    assert set(KepengurusanForkom.objects.for_user(operator_a, "change")) == {sendiri}
    assert not KepengurusanForkom.objects.for_user(camat_a, "change").exists()
    assert set(KepengurusanForkom.objects.for_user(bappeda, "change")) == {kota, sendiri}


@pytest.fixture
def ronde(dua_wilayah):
    r = lomba()
    KriteriaLomba.objects.create(lomba=r, nama="Inovasi", bobot=1)
    return r, nominasi(dua_wilayah["kel_a"], lomba_obj=r)


def test_scoring_only_by_the_jury_holding_the_scoring_permission(ronde, operator_a, camat_a, walikota, bappeda):
    r, n = ronde
    kriteria = r.kriteria_set.get()
    # No jury listed: every holder of the permission to score (Bappeda).
    assert boleh_atas(bappeda, n, "nilai")
    for user in (operator_a, camat_a, walikota):
        assert not boleh_atas(user, n, "nilai")
    # Named as jury: the read-only Kantor Wali Kota and the Camat still cannot score.
    r.juri.add(walikota, camat_a)
    for user in (walikota, camat_a):
        assert not boleh_atas(user, n, "nilai")
        with pytest.raises(PermissionDenied):
            kader_services.lomba_beri_nilai(nominasi=n, nilai={kriteria.pk: 80}, acting_user=user)
    # A listed jury replaces "every Bappeda user".
    assert not boleh_atas(bappeda, n, "nilai")
    juri = make_user(BAPPEDA, username="juri_bappeda")
    r.juri.add(juri)
    kader_services.lomba_beri_nilai(nominasi=n, nilai={kriteria.pk: 80}, acting_user=juri)
    assert NilaiLomba.objects.get().juri == juri


def test_scoring_page_refuses_a_read_only_jury_member(client, ronde, walikota):
    r, n = ronde
    r.juri.add(walikota)
    client.force_login(walikota)
    response = client.post(reverse("kader:nominasi-nilai", args=[n.pk]), {f"kriteria_{r.kriteria_set.get().pk}": 90})
    assert response.status_code == 403
    assert not NilaiLomba.objects.exists()
    assert "Nilai Anda" not in client.get(n.get_absolute_url()).content.decode()


def test_city_pages_are_declared_for_the_city_scope(client, operator_a, camat_a, walikota):
    from wisata.views import KotaView

    for user, kode in ((operator_a, 404), (camat_a, 404), (walikota, 200)):
        client.force_login(user)
        assert client.get(reverse("wisata:kota")).status_code == kode
        assert client.get(reverse("wilayah:kota")).status_code == kode
        assert KotaView.dapat_dibuka(user) is (kode == 200)


def test_the_save_door_refuses_moving_a_record_out_of_the_region(operator_a, dua_wilayah):
    kader = KaderFactory(kelurahan=dua_wilayah["kel_a"])
    kader.kelurahan = dua_wilayah["kel_b"]
    with pytest.raises(ValidationError) as exc:
        kader_services.kader_simpan(acting_user=operator_a, kader=kader)
    assert "di luar wilayah kerja" in " ".join(exc.value.message_dict["kelurahan"])
    kader.refresh_from_db()
    assert kader.kelurahan == dua_wilayah["kel_a"]


def test_the_save_door_refuses_a_stored_row_outside_the_region(operator_a, dua_wilayah):
    lembaga_b = LembagaFactory(kelurahan=dua_wilayah["kel_b"])
    lembaga_b.nama = "Diubah dari luar"
    with pytest.raises(PermissionDenied):
        from lkk.services import lembaga_simpan

        lembaga_simpan(acting_user=operator_a, lembaga=lembaga_b)
    assert Lembaga.objects.get(pk=lembaga_b.pk).nama != "Diubah dari luar"


def test_the_admin_asks_the_same_question(camat_a, walikota, bappeda, dua_wilayah):
    kota = KepengurusanForkom.objects.create(tingkat=Tingkat.KOTA, periode_mulai="2025-01-01", periode_selesai="2029-12-31")
    model_admin = admin.site._registry[KepengurusanForkom]
    request = RequestFactory().get("/")
    walikota.groups.add(Group.objects.get(name=BAPPEDA))
    request.user = type(walikota).objects.get(pk=walikota.pk)
    assert model_admin.has_view_permission(request, kota)
    assert not model_admin.has_change_permission(request, kota)
    assert not model_admin.has_add_permission(request)
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="op_admin", is_staff=True)
    request.user = operator
    assert not model_admin.has_change_permission(request, kota)  # not their level
    assert model_admin.has_change_permission(request, kepengurusan_kelurahan(dua_wilayah["kel_a"]))
    request.user = bappeda
    assert model_admin.has_change_permission(request, kota)
    request.user = camat_a
    assert not model_admin.has_change_permission(request, kota)


def test_templates_ask_the_same_question(rf, operator_a, walikota, dua_wilayah):
    from django.template import Context, Template

    rw = RW.objects.create(kelurahan=dua_wilayah["kel_a"], nomor=9)
    template = Template('{% load akses %}{% boleh_atas rw "change" as ubah %}{{ user|boleh:"wilayah.add_rw" }} {{ ubah }}')
    walikota.groups.add(Group.objects.get(name=BAPPEDA))
    for user, harapan in ((operator_a, "True True"), (type(walikota).objects.get(pk=walikota.pk), "False False")):
        request = rf.get("/")
        request.user = user
        assert template.render(Context({"user": user, "request": request, "rw": rw})) == harapan


def test_an_admin_revert_is_a_change_asked_like_every_change(client, bappeda, dua_wilayah):
    """django-simple-history saves a reverted version for anyone who may view it; the board members'
    admin is read-only (they change through the portal's rules), so Bappeda may not revert one either."""
    from lkk.models import Pengurus
    from tests.lkk.factories import PengurusFactory

    p = PengurusFactory(lembaga=LembagaFactory(kelurahan=dua_wilayah["kel_a"]), nama="Asli")
    versi = p.history.first()
    Pengurus.objects.filter(pk=p.pk).update(nama="Diubah")
    client.force_login(bappeda)
    url = reverse("admin:lkk_pengurus_simple_history", args=[p.pk, versi.history_id])
    assert client.get(url).status_code == 200
    assert client.post(url, {"nama": "Asli"}).status_code == 403
    assert Pengurus.objects.get(pk=p.pk).nama == "Diubah"
