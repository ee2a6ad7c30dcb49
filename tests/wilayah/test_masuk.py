"""Issue 9, finding 3: logins cannot be guessed. django-axes on /masuk/ and /admin/login/: a user name
from one address is locked out after 5 wrong passwords for 30 minutes (wilayah.masuk, the settings block),
with an Indonesian page; other users and addresses are not; Bappeda or a superuser unlocks; every
lock-out is logged and recorded."""

import datetime as dt
import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory, make_user
from wilayah import akun
from wilayah.masuk import alamat_klien, kunci_aktif
from wilayah.roles import BAPPEDA, OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db

HALAMAN_MASUK = ["login", "admin:login"]
PENYERANG, KANTOR = "203.0.113.7", "198.51.100.20"


def masuk(client, url_name, username, password, alamat=PENYERANG):
    return client.post(reverse(url_name), {"username": username, "password": password}, REMOTE_ADDR=alamat)


def sudah_masuk(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def admin_utama(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.mark.parametrize("url_name", HALAMAN_MASUK)
def test_30_kata_sandi_salah_lalu_yang_benar_ditolak(client, admin_utama, url_name):
    """The finding, reproduced: 30 wrong passwords for ``admin``, then the right one."""
    status = [masuk(client, url_name, "admin", f"tebakan-{i}").status_code for i in range(30)]
    assert status[:4] == [200] * 4  # the form again, with its error
    assert set(status[4:]) == {429}  # the 5th failure locks
    response = masuk(client, url_name, "admin", PASSWORD)
    assert response.status_code == 429 and not sudah_masuk(client)
    body = response.content.decode()
    assert "Masuk dikunci sementara" in body and "30 menit" in body and '<html lang="id">' in body and "navbar-portal" in body
    assert response["Retry-After"] == "1800"
    assert kunci_aktif(["admin"]) == {"admin": [PENYERANG]}


@pytest.mark.parametrize("url_name", HALAMAN_MASUK)
def test_pengguna_lain_dan_alamat_lain_tidak_terkunci(client, admin_utama, url_name):
    operator = UserFactory(username="petugas", is_staff=True)
    for i in range(6):
        masuk(client, url_name, "admin", f"salah-{i}")
    assert masuk(client, url_name, "admin", PASSWORD).status_code == 429
    # Another user from the same address (a kelurahan office behind one address) logs in ...
    assert masuk(client, url_name, operator.username, PASSWORD).status_code == 302 and sudah_masuk(client)
    client.logout()
    # ... and the locked user name from another address (its real owner) too.
    assert masuk(client, url_name, "admin", PASSWORD, alamat=KANTOR).status_code == 302 and sudah_masuk(client)


def test_kunci_berakhir_setelah_30_menit(client, admin_utama):
    for i in range(5):
        masuk(client, "login", "admin", f"salah-{i}")
    assert masuk(client, "login", "admin", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=29))
    assert masuk(client, "login", "admin", PASSWORD).status_code == 429  # still locked (and the 29 minutes restart)
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31))
    assert masuk(client, "login", "admin", PASSWORD).status_code == 302 and sudah_masuk(client)


def test_masuk_berhasil_menghapus_hitungan_gagal(client, admin_utama):
    for i in range(4):
        masuk(client, "login", "admin", f"salah-{i}")
    assert masuk(client, "login", "admin", PASSWORD).status_code == 302
    client.logout()
    for i in range(4):
        assert masuk(client, "login", "admin", f"salah-lagi-{i}").status_code == 200
    assert masuk(client, "login", "admin", PASSWORD).status_code == 302


def test_setiap_penguncian_dicatat(client, admin_utama, caplog):
    with caplog.at_level(logging.WARNING, logger="wilayah.masuk"):
        for i in range(5):
            masuk(client, "admin:login", "admin", f"salah-{i}")
    catatan = [r.getMessage() for r in caplog.records if r.name == "wilayah.masuk"]
    assert len(catatan) == 1 and "'admin'" in catatan[0] and PENYERANG in catatan[0] and "/admin/login/" in catatan[0]
    # axes' own records: the running count and every failure, the last one marked as the lock-out.
    assert AccessAttempt.objects.get(username="admin", ip_address=PENYERANG).failures_since_start == 5
    gagal = AccessFailureLog.objects.filter(username="admin", ip_address=PENYERANG).order_by("attempt_time", "pk")
    assert [g.locked_out for g in gagal] == [False] * 4 + [True]
    # The password is never stored with the attempt.
    assert "salah-" not in AccessAttempt.objects.get(username="admin").post_data


def _kunci(client, username, alamat=PENYERANG):
    for i in range(5):
        masuk(client, "login", username, f"salah-{i}", alamat=alamat)
    assert masuk(client, "login", username, PASSWORD, alamat=alamat).status_code == 429


def test_bappeda_membuka_kunci_akun_operator_di_halaman_akun(client, bappeda, dua_wilayah):
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="lurah.a")
    _kunci(client, operator.username)
    _kunci(client, operator.username, alamat=KANTOR)
    pengelola = type(client)()
    pengelola.force_login(bappeda)
    halaman = pengelola.get(reverse("wilayah:akun-detail", args=[operator.pk])).content.decode()
    assert "Buka kunci masuk" in halaman and PENYERANG in halaman and KANTOR in halaman
    response = pengelola.post(reverse("wilayah:akun-buka-kunci", args=[operator.pk]), follow=True)
    assert "Kunci masuk akun lurah.a dibuka." in response.content.decode()
    assert kunci_aktif() == {}
    assert "Kunci masuk dibuka" in str(akun.riwayat_akun(operator)[0].change_message)
    assert masuk(client, "login", operator.username, PASSWORD).status_code == 302


@pytest.mark.parametrize("peran", ["walikota", "camat_a", "operator_a"])
def test_selain_bappeda_dan_superuser_tidak_membuka_kunci(client, request, peran, dua_wilayah):
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="lurah.a")
    _kunci(client, operator.username)
    pengguna = request.getfixturevalue(peran)
    client.force_login(pengguna)
    assert client.post(reverse("wilayah:akun-buka-kunci", args=[operator.pk]), REMOTE_ADDR=KANTOR).status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        akun.buka_kunci(acting_user=pengguna, username=operator.username)
    # Nor in the admin (Kantor Wali Kota and the camat as staff): the lock-out records stay shut.
    pengguna.is_staff = True
    pengguna.save()
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
    attempt = AccessAttempt.objects.get(username=operator.username)
    assert client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}).status_code == 403
    assert kunci_aktif() == {operator.username: [PENYERANG]}


def test_kantor_wali_kota_di_grup_bappeda_pun_tidak_membuka_kunci(walikota, dua_wilayah, client):
    walikota.groups.add(Group.objects.get(name=BAPPEDA))
    walikota = type(walikota).objects.get(pk=walikota.pk)
    assert not akun.boleh_buka_kunci(walikota, "siapa.saja")


def test_bappeda_tidak_membuka_kunci_superuser_superuser_membukanya(client, bappeda, admin_utama):
    _kunci(client, "admin")
    with pytest.raises(PermissionDenied):
        akun.buka_kunci(acting_user=bappeda, username="admin")
    # A user name that is no account (someone guessing) Bappeda may clear.
    _kunci(client, "tidak.ada")
    assert akun.buka_kunci(acting_user=bappeda, username="tidak.ada") == 1
    assert akun.buka_kunci(acting_user=admin_utama, username="admin") == 1
    assert kunci_aktif() == {}


def test_membuka_kunci_di_admin(client, bappeda, admin_utama, dua_wilayah):
    """In the admin, deleting a lock-out record unlocks that user name and address (Bappeda: only the
    accounts it manages; a superuser: any)."""
    # "a.lurah" sorts before "admin": the bulk action below would clear it first.
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="a.lurah")
    _kunci(client, operator.username)
    _kunci(client, "admin")
    pengelola = type(client)()
    pengelola.force_login(bappeda)
    daftar = pengelola.get(reverse("admin:axes_accessattempt_changelist"))
    assert daftar.status_code == 200 and "a.lurah" in daftar.content.decode()
    milik_admin = AccessAttempt.objects.get(username="admin")
    assert pengelola.get(reverse("admin:axes_accessattempt_delete", args=[milik_admin.pk])).status_code == 403
    assert pengelola.post(reverse("admin:axes_accessattempt_delete", args=[milik_admin.pk]), {"post": "yes"}).status_code == 403
    # The bulk action is all or nothing: one record Bappeda may not clear refuses the selection.
    semua = list(AccessAttempt.objects.values_list("pk", flat=True))
    aksi = {"action": "delete_selected", "_selected_action": semua, "post": "yes"}
    assert pengelola.post(reverse("admin:axes_accessattempt_changelist"), aksi).status_code == 403
    assert AccessAttempt.objects.count() == 2
    # (The admin refuses the selection before deleting; the admin's delete door holds it on its own too.)
    permintaan = RequestFactory().post("/")
    permintaan.user = bappeda
    with pytest.raises(PermissionDenied):
        admin.site._registry[AccessAttempt].delete_queryset(permintaan, AccessAttempt.objects.all())
    assert AccessAttempt.objects.count() == 2
    milik_operator = AccessAttempt.objects.get(username="a.lurah")
    assert pengelola.post(reverse("admin:axes_accessattempt_delete", args=[milik_operator.pk]), {"post": "yes"}).status_code == 302
    assert list(kunci_aktif()) == ["admin"]
    assert "Kunci masuk dibuka" in akun.riwayat_akun(operator)[0].change_message
    superuser = type(client)()
    superuser.force_login(admin_utama)
    assert superuser.post(reverse("admin:axes_accessattempt_delete", args=[milik_admin.pk]), {"post": "yes"}).status_code == 302
    assert kunci_aktif() == {}


def test_alamat_klien_di_balik_proxy(settings):
    rf = RequestFactory()
    permintaan = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    settings.JUMLAH_PROXY = 0
    assert alamat_klien(permintaan) == "10.0.0.2"  # no proxy configured: the header is the client's own words
    settings.JUMLAH_PROXY = 1
    assert alamat_klien(permintaan) == "203.0.113.7"  # what our one proxy saw; "1.2.3.4" the client wrote itself
    settings.JUMLAH_PROXY = 3
    assert alamat_klien(permintaan) == "10.0.0.2"  # header shorter than the proxies: the socket's address
    settings.JUMLAH_PROXY = 1
    assert alamat_klien(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="bukan-alamat")) == "10.0.0.2"


def test_axes_terpasang_di_kedua_halaman_masuk():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_FAILURE_LIMIT == 5 and settings.AXES_COOLOFF_TIME == dt.timedelta(minutes=30)


def test_pesan_gagal_masuk_terbaca_wajar_dan_di_ringkasan(client, admin_utama):
    """Issue 15: Django's Indonesian message read "Masukkan nama pengguna nama pengguna dan sandi yang benar";
    wilayah.forms.MasukForm says plainly what went wrong, in the error summary at the top. Axes still counts it."""
    response = masuk(client, "login", "admin", "salah-sekali")
    body = response.content.decode()
    assert response.status_code == 200 and not sudah_masuk(client)
    assert "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil." in body
    assert "nama pengguna nama pengguna" not in body.lower()
    assert 'id="ringkasan-galat"' in body and "Belum bisa masuk" in body
    assert body.count("Nama pengguna atau kata sandi salah.") == 1  # once, in the summary (not again above the fields)
    assert AccessAttempt.objects.get(username="admin").failures_since_start == 1
    # An empty form links each missing field.
    body = masuk(client, "login", "", "").content.decode()
    assert 'href="#id_username"' in body and 'href="#id_password"' in body
