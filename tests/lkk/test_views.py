import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lkk.models import Jabatan, Lembaga, Pengurus
from tests.berkas import pdf_bytes
from tests.factories import RWFactory, make_user
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis
from wilayah.roles import OPERATOR_KELURAHAN
from wilayah.scoping import boleh

pytestmark = pytest.mark.django_db

NIK = "3574041203800012"



def berkas_media() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def data_lembaga(kel, **extra):
    data = {
        "jenis": jenis("pokmas").pk, "nama": "Pokmas Sinar Mulia", "kelurahan": kel.pk, "nomor_sk": "188/12/425.103/2024",
        "tanggal_sk": "2024-01-02", "masa_bakti_mulai": "2024-01-02", "masa_bakti_selesai": "", "status": "aktif",
    }
    data.update(extra)
    return data


# --- SK scan upload --------------------------------------------------------------------------------


def test_real_pdf_is_stored_and_served_only_in_scope(client, operator_a, dua_wilayah):
    client.force_login(operator_a)
    response = client.post(reverse("lkk:lembaga-create"), data_lembaga(dua_wilayah["kel_a"], berkas_sk=SimpleUploadedFile("sk.pdf", pdf_bytes())))
    lembaga = Lembaga.objects.get()
    assert response.status_code == 302 and response["Location"] == lembaga.get_absolute_url()
    assert lembaga.masa_bakti_selesai == dt.date(2029, 1, 1)
    assert len(berkas_media()) == 1
    url = reverse("lkk:lembaga-sk", args=[lembaga.pk])
    assert settings.MEDIA_URL not in client.get(lembaga.get_absolute_url()).content.decode()
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    operator_b = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b")
    client.force_login(operator_b)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "nama, isi",
    [
        ("sk.pdf", b"%PDF-1.4 ini bukan pdf sungguhan"),
        ("sk.jpg", b"GIF89a bukan jpeg"),
        ("sk.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 1)),
    ],
    ids=["pdf-palsu", "gambar-palsu", "terlalu-besar"],
)
def test_fake_or_oversized_scan_is_refused_and_leaves_no_file(client, operator_a, dua_wilayah, nama, isi):
    client.force_login(operator_a)
    response = client.post(reverse("lkk:lembaga-create"), data_lembaga(dua_wilayah["kel_a"], berkas_sk=SimpleUploadedFile(nama, isi)))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["berkas_sk"])
    assert ("PDF atau gambar" in errors) or ("terlalu besar" in errors)
    assert not Lembaga.objects.exists()
    assert berkas_media() == []


def test_refused_form_with_a_good_scan_leaves_no_file(client, operator_a, dua_wilayah):
    LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    client.force_login(operator_a)
    response = client.post(
        reverse("lkk:lembaga-create"),
        data_lembaga(dua_wilayah["kel_a"], jenis=jenis("lpm").pk, nama="LPM kedua", berkas_sk=SimpleUploadedFile("sk.pdf", pdf_bytes())),
    )
    assert response.status_code == 200
    assert "Kelurahan ini sudah mempunyai lembaga jenis ini." in response.content.decode()
    assert Lembaga.objects.count() == 1
    assert berkas_media() == []


def test_form_refuses_rw_of_another_kelurahan_for_bappeda(client, bappeda, dua_wilayah):
    rw_b = RWFactory(kelurahan=dua_wilayah["kel_b"])
    client.force_login(bappeda)
    response = client.post(reverse("lkk:lembaga-create"), data_lembaga(dua_wilayah["kel_a"], jenis=jenis("rw").pk, nama="RW", rw=rw_b.pk))
    assert response.status_code == 200
    assert "bukan bagian dari kelurahan yang dipilih" in response.content.decode()
    assert not Lembaga.objects.exists()


def test_operator_form_offers_only_own_rw(client, operator_a, dua_wilayah):
    rw_a = RWFactory(kelurahan=dua_wilayah["kel_a"], nomor=7)
    rw_b = RWFactory(kelurahan=dua_wilayah["kel_b"], nomor=8)
    client.force_login(operator_a)
    rw_field = client.get(reverse("lkk:lembaga-create")).context["form"].fields["rw"]
    assert list(rw_field.queryset) == [rw_a]
    response = client.post(reverse("lkk:lembaga-create"), data_lembaga(dua_wilayah["kel_a"], jenis=jenis("rw").pk, nama="RW", rw=rw_b.pk))
    assert "rw" in response.context["form"].errors and not Lembaga.objects.exists()


# --- pengurus through the form ---------------------------------------------------------------------


def data_pengurus(**extra):
    data = {"nama": "Sutrisno", "jabatan": "ketua", "masa_mulai": "2024-01-02", "pernyataan_nonpartai": "on", "tanggal_pernyataan": "2024-01-02"}
    data.update(extra)
    return data


def test_two_ketua_refused_through_the_form(client, operator_a, dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")
    client.force_login(operator_a)
    url = reverse("lkk:pengurus-create", args=[lpm.pk])
    assert client.post(url, data_pengurus()).status_code == 302
    response = client.post(url, data_pengurus(nama="Bambang"))
    assert response.status_code == 200
    assert "sudah mempunyai Ketua Sutrisno" in response.content.decode()
    assert Pengurus.objects.count() == 1
    assert Pengurus.objects.get().masa_selesai == dt.date(2029, 1, 1)


def test_double_post_refusal_is_shown_on_the_form(client, operator_a, dua_wilayah):
    kt = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("karang-taruna"), nama="Karang Taruna Tunas Muda")
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    PengurusFactory(lembaga=kt, nik=NIK, jabatan=Jabatan.BENDAHARA, masa_mulai=dt.date(2023, 1, 1))
    client.force_login(operator_a)
    response = client.post(reverse("lkk:pengurus-create", args=[lpm.pk]), data_pengurus(nik="3574 0412 0380 0012"))
    assert "sudah menjabat Bendahara di Karang Taruna Tunas Muda" in response.content.decode()
    assert "sejak 1 Januari 2023" in response.content.decode()
    assert not Pengurus.objects.filter(lembaga=lpm).exists()


def test_pengurus_form_for_lembaga_out_of_scope_is_404(client, operator_a, dua_wilayah):
    lembaga_b = LembagaFactory(kelurahan=dua_wilayah["kel_b"])
    client.force_login(operator_a)
    assert client.post(reverse("lkk:pengurus-create", args=[lembaga_b.pk]), data_pengurus()).status_code == 404
    assert not Pengurus.objects.exists()


def test_camat_cannot_add(client, camat_a, dua_wilayah):
    lembaga = LembagaFactory(kelurahan=dua_wilayah["kel_a"])
    client.force_login(camat_a)
    assert client.get(reverse("lkk:lembaga-create")).status_code == 403
    assert client.post(reverse("lkk:pengurus-create", args=[lembaga.pk]), data_pengurus()).status_code == 403


def test_removal_recorded_through_its_form(client, operator_a, dua_wilayah):
    p = PengurusFactory(lembaga=LembagaFactory(kelurahan=dua_wilayah["kel_a"]))
    client.force_login(operator_a)
    response = client.post(reverse("lkk:pengurus-berhenti", args=[p.pk]), {"nomor_sk": "188/3/2025", "tanggal": "2023-01-01"})
    assert "tidak boleh sebelum awal masa jabatan" in response.content.decode()
    response = client.post(reverse("lkk:pengurus-berhenti", args=[p.pk]), {"nomor_sk": "188/3/2025", "tanggal": "2025-03-01"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.akhir_efektif == dt.date(2025, 3, 1)


# --- detail: boards past and present, history, NIK masking -----------------------------------------


def test_detail_shows_current_and_past_boards_and_history(client, operator_a, dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    hari_ini = timezone.localdate()
    PengurusFactory(lembaga=lpm, nama="Ketua Lama", jabatan=Jabatan.KETUA, masa_mulai=hari_ini - dt.timedelta(days=3000), riwayat=True)
    PengurusFactory(lembaga=lpm, nama="Ketua Kini", jabatan=Jabatan.KETUA, masa_mulai=hari_ini - dt.timedelta(days=10))
    client.force_login(operator_a)
    client.post(reverse("lkk:lembaga-update", args=[lpm.pk]), data_lembaga(dua_wilayah["kel_a"], jenis=lpm.jenis_id, nama="LPM Baru", alamat="Jl. Suroyo 1"))
    response = client.get(lpm.get_absolute_url())
    assert response.status_code == 200
    assert [p.nama for p in response.context["pengurus_sekarang"]] == ["Ketua Kini"]
    assert [p.nama for p in response.context["pengurus_lalu"]] == ["Ketua Lama"]
    riwayat = response.context["riwayat"]
    assert riwayat[0].history_user == operator_a
    assert "nama lembaga" in riwayat[0].label_perubahan and "alamat sekretariat" in riwayat[0].label_perubahan
    assert "operator_a" in response.content.decode()


@pytest.mark.parametrize(
    "peran, lengkap",
    [("operator_a", True), ("operator_b", False), ("camat_a", False), ("bappeda", True), ("walikota", False)],
)
def test_nik_is_masked_except_for_owning_operator_and_bappeda(client, dua_wilayah, request, peran, lengkap):
    lembaga = LembagaFactory(kelurahan=dua_wilayah["kel_a"])
    p = PengurusFactory(lembaga=lembaga, nik=NIK, masa_mulai=timezone.localdate())
    if peran == "operator_b":
        user = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b")
        # operator_b cannot even open it; check the masking helper for a user of another kelurahan
        from wilayah.nik import nik_untuk

        assert nik_untuk(user, NIK, lembaga.kelurahan_id) == "3574••••••••0012"
        return
    user = request.getfixturevalue(peran)
    client.force_login(user)
    for url in (lembaga.get_absolute_url(), p.get_absolute_url(), reverse("lkk:pengurus-list")):
        body = client.get(url).content.decode()
        assert (NIK in body) is lengkap, url
        assert ("3574••••••••0012" in body) is (not lengkap), url


# --- lists and filters ------------------------------------------------------------------------------


def test_list_filters_by_type_rw_and_sk_status(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    rw1, rw2 = RWFactory(kelurahan=kel, nomor=1), RWFactory(kelurahan=kel, nomor=2)
    hari_ini = timezone.localdate()
    berlaku = LembagaFactory(kelurahan=kel, jenis=jenis("posyandu"), rw=rw1, nama="Posyandu Mawar")
    habis = LembagaFactory(kelurahan=kel, jenis=jenis("posyandu"), rw=rw2, nama="Posyandu Melati", masa_bakti_mulai=dt.date(2015, 1, 1), masa_bakti_selesai=dt.date(2020, 1, 1))
    tanpa_sk = LembagaFactory(kelurahan=kel, nama="Pokmas Sinar Mulia", nomor_sk="", tanggal_sk=None)
    segera = LembagaFactory(kelurahan=kel, nama="Karang Taruna", jenis=jenis("karang-taruna"), masa_bakti_mulai=dt.date(2021, 1, 1), masa_bakti_selesai=hari_ini + dt.timedelta(days=30))
    client.force_login(operator_a)
    url = reverse("lkk:lembaga-list")

    def nama(**params):
        return sorted(o.nama for o in client.get(url, params).context["object_list"])

    assert nama(jenis=jenis("posyandu").pk) == ["Posyandu Mawar", "Posyandu Melati"]
    assert nama(rw=rw1.pk) == ["Posyandu Mawar"]
    assert nama(status_sk="berlaku") == sorted([berlaku.nama, segera.nama])
    assert nama(status_sk="tidak") == sorted([habis.nama, tanpa_sk.nama])
    assert nama(status_sk="perhatian") == sorted([habis.nama, segera.nama])


def test_list_query_count_does_not_grow(client, bappeda, dua_wilayah, django_assert_max_num_queries):
    client.force_login(bappeda)
    url = reverse("lkk:lembaga-list")
    for i in range(3):
        LembagaFactory(kelurahan=dua_wilayah["kel_a"], rw=RWFactory(kelurahan=dua_wilayah["kel_a"]))
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    for i in range(30):
        LembagaFactory(kelurahan=dua_wilayah["kel_b"], rw=RWFactory(kelurahan=dua_wilayah["kel_b"]))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


# --- flags: kelurahan panel and city list -------------------------------------------------------------


def test_flagged_terms_on_kelurahan_home_and_city_list(client, operator_a, bappeda, dua_wilayah):
    hari_ini = timezone.localdate()
    LembagaFactory(kelurahan=dua_wilayah["kel_a"], nama="LPM Habis", masa_bakti_mulai=dt.date(2015, 1, 1), masa_bakti_selesai=hari_ini - dt.timedelta(days=1))
    LembagaFactory(kelurahan=dua_wilayah["kel_a"], nama="Pokmas Segera", masa_bakti_mulai=dt.date(2021, 1, 1), masa_bakti_selesai=hari_ini + dt.timedelta(days=90))
    LembagaFactory(kelurahan=dua_wilayah["kel_a"], nama="Pokmas Aman", masa_bakti_mulai=dt.date(2024, 1, 1), masa_bakti_selesai=hari_ini + dt.timedelta(days=91))
    LembagaFactory(kelurahan=dua_wilayah["kel_b"], nama="Ketapang Habis", masa_bakti_mulai=dt.date(2015, 1, 1), masa_bakti_selesai=hari_ini - dt.timedelta(days=5))
    client.force_login(operator_a)
    body = client.get(dua_wilayah["kel_a"].get_absolute_url()).content.decode()
    panel = body[body.index('id="panel-lkk"'):]
    assert "LPM Habis" in panel and "Pokmas Segera" in panel
    assert "Pokmas Aman" not in panel and "Ketapang Habis" not in panel
    client.force_login(bappeda)
    daftar = [o.nama for o in client.get(reverse("lkk:masa-bakti")).context["object_list"]]
    assert daftar == ["Ketapang Habis", "LPM Habis", "Pokmas Segera"]
    client.force_login(operator_a)
    assert [o.nama for o in client.get(reverse("lkk:masa-bakti")).context["object_list"]] == ["LPM Habis", "Pokmas Segera"]


def test_panel_queries_are_fixed(client, bappeda, dua_wilayah, django_assert_max_num_queries):
    from lkk.panel import panel_context
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = bappeda
    boleh(bappeda, Lembaga)  # the user's scope and permissions are read once per request (cached on the user)
    for i in range(5):
        LembagaFactory(kelurahan=dua_wilayah["kel_a"], masa_bakti_selesai=dt.date(2024, 6, 1))
    with django_assert_max_num_queries(7):  # coverage (types, kelurahan, RW, RT, lembaga), the flagged list and its count
        ctx = panel_context(request, dua_wilayah["kel_a"])
    assert ctx["jumlah_perhatian"] == 5
    panel_context(request, None)  # the city's stored figures are computed on the first read
    with django_assert_max_num_queries(1):
        panel_context(request, None)


# --- PDF ---------------------------------------------------------------------------------------------


def test_print_form_asks_signers_and_pdf_has_letterhead_and_names(client, operator_a, dua_wilayah):
    kel = dua_wilayah["kel_a"]
    lpm = LembagaFactory(kelurahan=kel, jenis=jenis("lpm"), nama="LPM Kebonsari Wetan")
    PengurusFactory(lembaga=lpm, nama="Sutrisno Wibowo", jabatan=Jabatan.KETUA, masa_mulai=dt.date(2024, 1, 2))
    PengurusFactory(lembaga=lpm, nama="Pengurus Lama", jabatan=Jabatan.SEKRETARIS, masa_mulai=dt.date(2014, 1, 2))
    LembagaFactory(kelurahan=dua_wilayah["kel_b"], nama="Pokmas Ketapang")
    client.force_login(operator_a)
    url = reverse("lkk:cetak", args=[kel.kode])
    assert "penanda_tangan_nip" in client.get(url).content.decode()
    data = {
        "penanda_tangan_nama": "Drs. Agus Salim", "penanda_tangan_jabatan": "Lurah Kebonsari Wetan", "penanda_tangan_nip": "197001011990031001",
        "mengetahui_nama": "Budi Hartono, S.Sos", "mengetahui_jabatan": "Camat Kanigaran", "mengetahui_nip": "19690202 199003 1002", "tanggal": "2025-05-26",
    }
    response = client.post(url, {**data, "penanda_tangan_nip": "123"})
    assert response.status_code == 200 and "NIP harus 18 angka" in response.content.decode()
    response = client.post(url, data)
    assert response["Content-Type"] == "application/pdf"
    teks = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for kata in ("KELURAHAN KEBONSARI WETAN", "KECAMATAN KANIGARAN", "LPM Kebonsari Wetan", "Sutrisno Wibowo", "Drs. Agus Salim",
                 "197001011990031001", "Budi Hartono, S.Sos", "196902021990031002", "26 Mei 2025"):
        assert kata in teks, kata
    assert "Pengurus Lama" not in teks and "Pokmas Ketapang" not in teks
    assert client.post(reverse("lkk:cetak", args=[dua_wilayah["kel_b"].kode]), data).status_code == 404


def test_detail_query_count_does_not_grow_with_board_or_history(client, bappeda, dua_wilayah, django_assert_max_num_queries):
    lembaga = LembagaFactory(kelurahan=dua_wilayah["kel_a"])
    client.force_login(bappeda)
    client.get(lembaga.get_absolute_url())
    with django_assert_max_num_queries(10) as kecil:
        client.get(lembaga.get_absolute_url())
    for i in range(15):
        PengurusFactory(lembaga=lembaga)
        lembaga.nama = f"Pokmas {i}"
        lembaga.save()
    with django_assert_max_num_queries(len(kecil.captured_queries)):
        response = client.get(lembaga.get_absolute_url())
    assert len(response.context["pengurus_sekarang"]) == 15 and len(response.context["riwayat"]) == 16


def test_bappeda_edits_the_type_rules_in_the_admin(client, bappeda, operator_a, dua_wilayah):
    jenis_lpm = jenis("lpm")
    url = reverse("admin:lkk_jenislembaga_change", args=[jenis_lpm.pk])
    client.force_login(operator_a)
    assert client.get(url).status_code == 302  # not staff: the admin login
    client.force_login(bappeda)
    assert client.get(reverse("admin:lkk_jenislembaga_changelist")).status_code == 200
    data = {
        "kode": "lpm", "nama": jenis_lpm.nama, "singkatan": "LPM", "tingkat": "kelurahan", "satu_per_wilayah": "on",
        "masa_bakti_tahun": 3, "maks_periode": 3, "larang_rangkap": "on", "wajib_pernyataan_nonpartai": "on", "urutan": 10,
    }
    assert client.post(url, data).status_code == 302
    jenis_lpm.refresh_from_db()
    assert (jenis_lpm.masa_bakti_tahun, jenis_lpm.maks_periode) == (3, 3)


def test_replacing_the_scan_removes_the_old_file(client, operator_a, dua_wilayah, django_capture_on_commit_callbacks):
    client.force_login(operator_a)
    kel = dua_wilayah["kel_a"]
    client.post(reverse("lkk:lembaga-create"), data_lembaga(kel, berkas_sk=SimpleUploadedFile("sk.pdf", pdf_bytes())))
    lembaga = Lembaga.objects.get()
    lama = Path(lembaga.berkas_sk.path)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("lkk:lembaga-update", args=[lembaga.pk]), data_lembaga(kel, berkas_sk=SimpleUploadedFile("sk-baru.pdf", pdf_bytes())))
    assert response.status_code == 302
    lembaga.refresh_from_db()
    assert not lama.exists() and Path(lembaga.berkas_sk.path).exists()
    assert berkas_media() == [Path(lembaga.berkas_sk.path)]


def test_pengurus_update_reruns_the_rules_and_records_history(client, operator_a, dua_wilayah):
    lpm = LembagaFactory(kelurahan=dua_wilayah["kel_a"], jenis=jenis("lpm"))
    PengurusFactory(lembaga=lpm, nama="Sutrisno", jabatan=Jabatan.KETUA)
    wakil = PengurusFactory(lembaga=lpm, nama="Bambang", jabatan=Jabatan.WAKIL_KETUA)
    client.force_login(operator_a)
    url = reverse("lkk:pengurus-update", args=[wakil.pk])
    response = client.post(url, data_pengurus(nama="Bambang", jabatan="ketua"))
    assert "sudah mempunyai Ketua Sutrisno" in response.content.decode()
    wakil.refresh_from_db()
    assert wakil.jabatan == Jabatan.WAKIL_KETUA
    assert client.post(url, data_pengurus(nama="Bambang S.", jabatan="wakil_ketua", telepon="081299990000")).status_code == 302
    response = client.get(wakil.get_absolute_url())
    assert "Bambang S." in response.content.decode()
    assert "nama" in response.context["riwayat"][0].label_perubahan and "telepon" in response.context["riwayat"][0].label_perubahan
