"""Issue 9, finding 10 and the accounts page: only a superuser grants a city-wide scope or staff status;
Bappeda manages kelurahan and kecamatan operators on /wilayah/akun/ (wilayah.akun), every change recorded."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, KecamatanFactory, KelurahanFactory, UserFactory, make_user
from wilayah import akun
from wilayah.models import Lingkup
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
from wilayah.scoping import Tingkat
from wilayah.views import AkunListView

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def akun_lain(dua_wilayah, bappeda, walikota, superuser):
    """Accounts Bappeda may NOT manage: staff, superuser, city-wide, another Bappeda, extra permissions."""
    return {
        "superuser": superuser,
        "bappeda_lain": make_user(BAPPEDA, username="bappeda2"),
        "walikota": walikota,
        "camat_staf": make_user(CAMAT, kecamatan=dua_wilayah["kec_a"], username="camat.staf", is_staff=True),
        "operator_berizin": _dengan_izin(make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="operator.plus")),
        "operator_bappeda": _dengan_grup(make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="operator.bappeda"), BAPPEDA),
    }


def _dengan_izin(user):
    user.user_permissions.add(Permission.objects.get(codename="change_lingkup"))
    return user


def _dengan_grup(user, grup):
    user.groups.add(Group.objects.get(name=grup))
    return user


def data_akun(dua_wilayah, **lain):
    return {
        "username": "kasi.pemmas.a", "nama_lengkap": "Siti Rahayu", "email": "", "peran": OPERATOR_KELURAHAN,
        "kelurahan": dua_wilayah["kel_a"].pk, "kecamatan": "", "jabatan": "Kasi Pemmas",
    } | lain  # fmt: skip


def login_berhasil(username, password) -> bool:
    c = Client()
    c.post(reverse("login"), {"username": username, "password": password})
    return "_auth_user_id" in c.session


# --------------------------------------------------------------------------- who may open the pages


@pytest.mark.parametrize(
    "peran, status",
    [("bappeda", 200), ("superuser", 200), ("walikota", 403), ("camat_a", 404), ("operator_a", 404)],
)
def test_halaman_akun_hanya_untuk_bappeda_dan_superuser(client, request, peran, status, operator_a):
    pengguna = request.getfixturevalue(peran)
    client.force_login(pengguna)
    assert client.get(reverse("wilayah:akun-list")).status_code == status
    assert client.get(reverse("wilayah:akun-create")).status_code == status
    detail = client.get(reverse("wilayah:akun-detail", args=[operator_a.pk])).status_code
    assert detail == status
    # A page is linked only to who may open it, and the rule of the service agrees with the view's.
    assert AkunListView.dapat_dibuka(pengguna) is (status == 200) is akun.boleh_kelola_akun(pengguna)
    halaman = client.get(reverse("wilayah:kelurahan-list")).content.decode()
    assert (reverse("wilayah:akun-list") in halaman) is (status == 200)


def test_izin_lingkup_tanpa_lingkup_kota_tidak_cukup(client, akun_lain, operator_a):
    """An operator who was given the scope-row permission still manages no account: the city scope is needed."""
    pengguna = User.objects.get(pk=akun_lain["operator_berizin"].pk)
    assert pengguna.has_perm("wilayah.change_lingkup") and not akun.boleh_kelola_akun(pengguna)
    client.force_login(pengguna)
    assert client.get(reverse("wilayah:akun-list")).status_code == 404
    with pytest.raises(PermissionDenied):
        akun.akun_atur_aktif(acting_user=pengguna, akun=operator_a, aktif=False)


def test_anonim_diarahkan_ke_halaman_masuk(client, db):
    response = client.get(reverse("wilayah:akun-list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_kantor_wali_kota_di_grup_bappeda_tetap_tidak_mengelola_akun(client, walikota, operator_a):
    walikota.groups.add(Group.objects.get(name=BAPPEDA))
    client.force_login(walikota)
    assert client.get(reverse("wilayah:akun-list")).status_code == 403
    assert client.post(reverse("wilayah:akun-status", args=[operator_a.pk]), {"aktif": "0"}).status_code == 403
    with pytest.raises(PermissionDenied):
        akun.akun_atur_aktif(acting_user=User.objects.get(pk=walikota.pk), akun=operator_a, aktif=False)
    assert User.objects.get(pk=operator_a.pk).is_active


# --------------------------------------------------------------------------- which accounts


def test_bappeda_hanya_mengelola_operator_kelurahan_dan_camat(client, bappeda, operator_a, camat_a, akun_lain):
    assert set(akun.akun_dikelola(bappeda)) == {operator_a, camat_a}
    client.force_login(bappeda)
    daftar = client.get(reverse("wilayah:akun-list")).content.decode()
    assert "operator_a" in daftar and "camat_a" in daftar
    for nama, lain in akun_lain.items():
        assert f">{lain.username}<" not in daftar, nama
        for url in ("akun-detail", "akun-update"):
            assert client.get(reverse(f"wilayah:{url}", args=[lain.pk])).status_code == 404, (nama, url)
        for url, data in (("akun-status", {"aktif": "0"}), ("akun-sandi", {}), ("akun-buka-kunci", {})):
            assert client.post(reverse(f"wilayah:{url}", args=[lain.pk]), data).status_code == 404, (nama, url)
        with pytest.raises(PermissionDenied):
            akun.akun_atur_ulang_sandi(acting_user=bappeda, akun=lain)
        with pytest.raises(PermissionDenied):
            akun.akun_ubah(acting_user=bappeda, akun=lain, nama_lengkap="X", peran=CAMAT, kecamatan=camat_a.lingkup.kecamatan)
        lain.refresh_from_db()
        assert lain.is_active and lain.check_password(PASSWORD), nama
    # A superuser manages every non-superuser kelurahan or kecamatan account (the staff camat too).
    assert set(akun.akun_dikelola(akun_lain["superuser"])) == {
        operator_a, camat_a, akun_lain["camat_staf"], akun_lain["operator_berizin"], akun_lain["operator_bappeda"]
    }


def test_daftar_disaring_per_kecamatan_kelurahan_dan_status(client, bappeda, dua_wilayah, operator_a, camat_a):
    kel_b, kec_b = dua_wilayah["kel_b"], dua_wilayah["kec_b"]
    operator_b = make_user(OPERATOR_KELURAHAN, kelurahan=kel_b, username="operator_b", is_active=False)
    camat_b = make_user(CAMAT, kecamatan=kec_b, username="camat_b")
    client.force_login(bappeda)

    def daftar(**q):
        return {a.username for a in client.get(reverse("wilayah:akun-list"), q).context["object_list"]}

    assert daftar() == {"operator_a", "camat_a", "operator_b", "camat_b"}
    assert daftar(kecamatan=kec_b.kode) == {"operator_b", "camat_b"}
    assert daftar(kelurahan=dua_wilayah["kel_a"].kode) == {"operator_a"}
    assert daftar(status="nonaktif") == {"operator_b"}
    assert daftar(status="aktif", peran=CAMAT) == {"camat_a", "camat_b"}
    assert daftar(q="CAMAT_") == {"camat_a", "camat_b"}
    response = client.get(reverse("wilayah:akun-list"), {"kecamatan": "99.99.99", "status": "entah"})
    assert response.status_code == 200 and response.context["filter_form"].errors
    assert operator_b.pk and camat_b.pk


def test_jumlah_kueri_daftar_tetap(client, bappeda, dua_wilayah, django_assert_max_num_queries):
    for i in range(3):
        make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username=f"op{i}")
    client.force_login(bappeda)
    with django_assert_max_num_queries(13) as sedikit:
        client.get(reverse("wilayah:akun-list"))
    for i in range(3, 30):
        make_user(OPERATOR_KELURAHAN if i % 2 else CAMAT, kelurahan=dua_wilayah["kel_b"], kecamatan=dua_wilayah["kec_b"], username=f"op{i}")
    with django_assert_max_num_queries(len(sedikit)):
        client.get(reverse("wilayah:akun-list"))


# --------------------------------------------------------------------------- create


def test_bappeda_membuat_akun_operator_dengan_kata_sandi_sementara(client, bappeda, dua_wilayah):
    client.force_login(bappeda)
    response = client.post(reverse("wilayah:akun-create"), data_akun(dua_wilayah))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    sandi = response.context["sandi"]
    assert sandi in response.content.decode() and len(sandi) == 14
    baru = User.objects.get(username="kasi.pemmas.a")
    assert baru.get_full_name() == "Siti Rahayu" and not baru.is_staff and not baru.is_superuser and baru.is_active
    assert set(baru.groups.values_list("name", flat=True)) == {OPERATOR_KELURAHAN}
    assert (baru.lingkup.tingkat, baru.lingkup.kelurahan, baru.lingkup.jabatan) == (Tingkat.KELURAHAN, dua_wilayah["kel_a"], "Kasi Pemmas")
    assert login_berhasil("kasi.pemmas.a", sandi)
    # Shown once: neither the account's page nor any message carries it again.
    assert sandi not in client.get(reverse("wilayah:akun-detail", args=[baru.pk])).content.decode()
    catatan = akun.riwayat_akun(baru)
    assert len(catatan) == 1 and catatan[0].user == bappeda and "Akun dibuat: Operator Kelurahan" in catatan[0].change_message
    assert sandi not in catatan[0].change_message


def test_bappeda_membuat_akun_camat(client, bappeda, dua_wilayah):
    client.force_login(bappeda)
    data = data_akun(dua_wilayah, username="camat.baru", peran=CAMAT, kelurahan="", kecamatan=dua_wilayah["kec_b"].pk, jabatan="Camat")
    assert client.post(reverse("wilayah:akun-create"), data).status_code == 200
    lingkup = User.objects.get(username="camat.baru").lingkup
    assert (lingkup.tingkat, lingkup.kecamatan, lingkup.kelurahan) == (Tingkat.KECAMATAN, dua_wilayah["kec_b"], None)


@pytest.mark.parametrize(
    "ubah, kolom",
    [
        ({"kelurahan": ""}, "kelurahan"),  # an operator needs a kelurahan
        ({"peran": CAMAT, "kelurahan": ""}, "kecamatan"),  # a camat needs a kecamatan
        ({"peran": BAPPEDA}, "peran"),  # no city-wide role from this page
        ({"peran": KANTOR_WALI_KOTA}, "peran"),
        ({"username": "OPERATOR_A"}, "username"),  # taken (case does not matter)
        ({"username": "ada spasi!"}, "username"),
        ({"username": ""}, "username"),
        ({"nama_lengkap": "  "}, "nama_lengkap"),
        ({"email": "bukan-email"}, "email"),
        ({"kelurahan": "999999"}, "kelurahan"),
    ],
)
def test_masukan_salah_pesan_jelas_tidak_ada_yang_ditulis(client, bappeda, dua_wilayah, operator_a, ubah, kolom):
    client.force_login(bappeda)
    jumlah = (User.objects.count(), Lingkup.objects.count(), LogEntry.objects.count())
    response = client.post(reverse("wilayah:akun-create"), data_akun(dua_wilayah, **ubah))
    assert response.status_code == 200 and kolom in response.context["form"].errors, response.context["form"].errors
    assert (User.objects.count(), Lingkup.objects.count(), LogEntry.objects.count()) == jumlah


def test_layanan_tidak_memberi_lingkup_kota_atau_peran_kota(bappeda, superuser, dua_wilayah):
    for peran in (BAPPEDA, KANTOR_WALI_KOTA):
        with pytest.raises(ValidationError):
            akun.akun_buat(acting_user=bappeda, username="x", nama_lengkap="X", peran=peran)
        with pytest.raises(ValidationError):  # not even a superuser, on this page: the admin is its place
            akun.akun_buat(acting_user=superuser, username="x", nama_lengkap="X", peran=peran)
    assert not User.objects.filter(username="x").exists()


# --------------------------------------------------------------------------- change, deactivate, password


def test_bappeda_mengubah_lingkup_tercatat(client, bappeda, dua_wilayah, operator_a):
    client.force_login(bappeda)
    url = reverse("wilayah:akun-update", args=[operator_a.pk])
    assert client.get(url).context["form"].initial["kelurahan"] == dua_wilayah["kel_a"].pk
    data = data_akun(dua_wilayah, kelurahan=dua_wilayah["kel_b"].pk, jabatan="Lurah")
    del data["username"]
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == reverse("wilayah:akun-detail", args=[operator_a.pk])
    lingkup = Lingkup.objects.get(user=operator_a)
    assert (lingkup.kelurahan, lingkup.jabatan) == (dua_wilayah["kel_b"], "Lurah")
    pesan = akun.riwayat_akun(operator_a)[0].change_message
    assert "Kelurahan Kebonsari Wetan → Kelurahan Ketapang" in pesan and "jabatan: - → Lurah" in pesan
    halaman = client.get(reverse("wilayah:akun-detail", args=[operator_a.pk])).content.decode()
    assert "Kelurahan Kebonsari Wetan → Kelurahan Ketapang" in halaman and "Catatan perubahan akun" in halaman


def test_operator_menjadi_camat(bappeda, dua_wilayah, operator_a):
    akun.akun_ubah(acting_user=bappeda, akun=operator_a, nama_lengkap="Budi", peran=CAMAT, kecamatan=dua_wilayah["kec_b"])
    operator_a = User.objects.get(pk=operator_a.pk)
    assert set(operator_a.groups.values_list("name", flat=True)) == {CAMAT}
    assert (operator_a.lingkup.tingkat, operator_a.lingkup.kecamatan, operator_a.lingkup.kelurahan) == (Tingkat.KECAMATAN, dua_wilayah["kec_b"], None)


def test_nonaktifkan_dan_aktifkan_kembali(client, bappeda, operator_a):
    client.force_login(bappeda)
    url = reverse("wilayah:akun-status", args=[operator_a.pk])
    assert client.get(url).status_code == 405
    assert client.post(url, {"aktif": "0"}).status_code == 302
    assert not User.objects.get(pk=operator_a.pk).is_active and not login_berhasil("operator_a", PASSWORD)
    response = client.post(url, {"aktif": "0"}, follow=True)  # again: a clear message, nothing written
    assert "Akun ini sudah nonaktif." in response.content.decode()
    response = client.post(url, {"aktif": "ya"}, follow=True)
    assert "Pilihan status tidak dikenal." in response.content.decode()
    assert client.post(url, {"aktif": "1"}).status_code == 302
    assert login_berhasil("operator_a", PASSWORD)
    assert [c.change_message for c in akun.riwayat_akun(operator_a)] == ["Akun diaktifkan kembali.", "Akun dinonaktifkan."]


def test_atur_ulang_kata_sandi(client, bappeda, operator_a):
    sesi_lama = Client()
    sesi_lama.force_login(operator_a)
    client.force_login(bappeda)
    response = client.post(reverse("wilayah:akun-sandi", args=[operator_a.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    sandi = response.context["sandi"]
    assert sandi in response.content.decode() and "Ubah kata sandi" in response.content.decode()
    assert login_berhasil("operator_a", sandi) and not login_berhasil("operator_a", PASSWORD)
    # The operator's open sessions end with the old password.
    assert sesi_lama.get(reverse("wilayah:kelurahan-list"))["Location"].startswith(reverse("login"))
    assert akun.riwayat_akun(operator_a)[0].change_message == "Kata sandi diatur ulang: kata sandi sementara diberikan."


def test_kata_sandi_sementara_acak():
    semua = {akun.sandi_sementara() for _ in range(50)}
    assert len(semua) == 50 and all(len(s) == 14 and s.count("-") == 2 for s in semua)


# --------------------------------------------------------------------------- the admin


def test_bappeda_tidak_memberi_lingkup_kota_di_admin(client, bappeda, dua_wilayah):
    """The finding: Bappeda gave a user a city-wide scope in the admin."""
    calon = UserFactory(username="calon")
    client.force_login(bappeda)
    assert client.get(reverse("admin:wilayah_lingkup_changelist")).status_code == 200  # reads who works where
    data = {"user": calon.pk, "tingkat": Tingkat.KOTA, "kelurahan": "", "kecamatan": "", "jabatan": ""}
    assert client.get(reverse("admin:wilayah_lingkup_add")).status_code == 403
    assert client.post(reverse("admin:wilayah_lingkup_add"), data).status_code == 403
    operator = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_a"], username="op")
    assert client.post(reverse("admin:wilayah_lingkup_change", args=[operator.lingkup.pk]), data | {"user": operator.pk}).status_code == 403
    assert not Lingkup.objects.filter(tingkat=Tingkat.KOTA).exclude(user=bappeda).exists()
    with pytest.raises(PermissionDenied):
        akun.lingkup_simpan(acting_user=bappeda, lingkup=Lingkup(user=calon, tingkat=Tingkat.KOTA))


def test_superuser_memberi_lingkup_kota_di_admin_tercatat(client, superuser):
    calon = UserFactory(username="calon")
    client.force_login(superuser)
    data = {"user": calon.pk, "tingkat": Tingkat.KOTA, "kelurahan": "", "kecamatan": "", "jabatan": "Staf Bappeda"}
    assert client.post(reverse("admin:wilayah_lingkup_add"), data).status_code == 302
    assert Lingkup.objects.get(user=calon).tingkat == Tingkat.KOTA
    catatan = akun.riwayat_akun(calon)
    assert [c.change_message for c in catatan] == ["Lingkup diberikan di admin: Kota Probolinggo."]


def test_admin_pengguna_hanya_untuk_superuser_apa_pun_izinnya(client, bappeda):
    """A staff user who was given every user permission still cannot make anyone staff or superuser."""
    for kode in ("view_user", "change_user", "add_user"):
        bappeda.user_permissions.add(Permission.objects.get(codename=kode))
    sasaran = UserFactory(username="sasaran")
    client.force_login(bappeda)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    data = {"username": "sasaran", "is_active": "on", "is_staff": "on", "is_superuser": "on", "date_joined_0": "2025-01-01", "date_joined_1": "00:00"}
    assert client.post(reverse("admin:auth_user_change", args=[sasaran.pk]), data).status_code == 403
    assert client.post(reverse("admin:auth_user_change", args=[bappeda.pk]), data | {"username": "bappeda"}).status_code == 403
    sasaran.refresh_from_db()
    bappeda.refresh_from_db()
    assert not sasaran.is_staff and not sasaran.is_superuser and not bappeda.is_superuser


def test_superuser_memberi_lingkup_lewat_halaman_pengguna(client, superuser, dua_wilayah):
    calon = UserFactory(username="calon")
    client.force_login(superuser)
    halaman = client.get(reverse("admin:auth_user_change", args=[calon.pk]))
    assert halaman.status_code == 200
    data = {
        "username": "calon", "first_name": "", "last_name": "", "email": "", "is_active": "on",
        "date_joined_0": "2025-01-01", "date_joined_1": "00:00:00", "initial-date_joined_0": "2025-01-01",
        "initial-date_joined_1": "00:00:00", "last_login_0": "", "last_login_1": "",
        "lingkup-TOTAL_FORMS": "1", "lingkup-INITIAL_FORMS": "0", "lingkup-MIN_NUM_FORMS": "0", "lingkup-MAX_NUM_FORMS": "1",
        "lingkup-0-tingkat": Tingkat.KECAMATAN, "lingkup-0-kecamatan": dua_wilayah["kec_a"].pk, "lingkup-0-kelurahan": "",
        "lingkup-0-jabatan": "Camat", "lingkup-0-user": calon.pk,
    }  # fmt: skip
    response = client.post(reverse("admin:auth_user_change", args=[calon.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    assert Lingkup.objects.get(user=calon).kecamatan == dua_wilayah["kec_a"]
    assert "Lingkup diberikan di admin: Kecamatan Kanigaran." in [c.change_message for c in akun.riwayat_akun(calon)]


def test_kecamatan_dan_kelurahan_baru_tersedia(client, bappeda):
    kec = KecamatanFactory(kode="35.74.05", nama="Mayangan")
    kel = KelurahanFactory(kode="35.74.05.1001", nama="Mangunharjo", kecamatan=kec)
    client.force_login(bappeda)
    form = client.get(reverse("wilayah:akun-create")).context["form"]
    assert kel in form.fields["kelurahan"].queryset and kec in form.fields["kecamatan"].queryset
    assert "Mangunharjo (Kec. Mayangan)" in form.fields["kelurahan"].label_from_instance(kel)
