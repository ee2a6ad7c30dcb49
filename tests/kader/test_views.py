"""Lists, filters, detail with history, deactivation, exports, NIK masking, query counts."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from wilayah.nik import nik_untuk
from wilayah.nik import boleh_lihat_nik_penuh
from kader.models import BidangKerja, Kader, StatusKader
from tests.factories import UserFactory, make_user
from tests.kader.factories import KaderFactory, banyak_kader
from wilayah.roles import OPERATOR_KELURAHAN


@pytest.fixture
def dua_kader(dua_wilayah):
    return KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Ani Kebonsari"), KaderFactory(kelurahan=dua_wilayah["kel_b"], nama="Budi Ketapang")


# --- who sees the NIK in full: one function ---


def test_nik_full_only_for_owning_operator_bappeda_superuser(dua_wilayah, operator_a, camat_a, bappeda, walikota, dua_kader):
    a, b = dua_kader
    operator_b = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b")
    root = UserFactory(username="root", is_superuser=True)
    assert boleh_lihat_nik_penuh(operator_a, a.kelurahan_id)
    assert not boleh_lihat_nik_penuh(operator_a, b.kelurahan_id)
    assert not boleh_lihat_nik_penuh(operator_b, a.kelurahan_id)
    assert boleh_lihat_nik_penuh(bappeda, a.kelurahan_id) and boleh_lihat_nik_penuh(bappeda, b.kelurahan_id)
    assert boleh_lihat_nik_penuh(root, b.kelurahan_id)
    assert not boleh_lihat_nik_penuh(camat_a, a.kelurahan_id)
    assert not boleh_lihat_nik_penuh(walikota, a.kelurahan_id)
    assert not boleh_lihat_nik_penuh(UserFactory(username="tanpa"), a.kelurahan_id)
    assert nik_untuk(camat_a, a.nik, a.kelurahan_id) == a.nik[:4] + "\u2022" * 8 + a.nik[-4:]


@pytest.mark.parametrize("peran,penuh", [("operator_a", True), ("bappeda", True), ("camat_a", False), ("walikota", False)])
def test_list_detail_and_export_follow_the_nik_rule(client, request, dua_kader, peran, penuh):
    a, _b = dua_kader
    client.force_login(request.getfixturevalue(peran))
    samaran = a.nik[:4] + "\u2022" * 8 + a.nik[-4:]
    for url in (reverse("kader:kader-list"), a.get_absolute_url()):
        body = client.get(url).content.decode()
        assert (a.nik in body) is penuh, url
        assert (samaran in body) is not penuh, url
    response = client.get(reverse("kader:kader-ekspor"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    niks = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[1] == a.nama]
    assert niks == [a.nik if penuh else samaran]


def test_export_follows_scope_and_filters(client, operator_a, dua_kader, dua_wilayah):
    a, b = dua_kader
    KaderFactory(kelurahan=dua_wilayah["kel_a"], nama="Cici Nonaktif", status=StatusKader.NONAKTIF, alasan_nonaktif="Pindah", tanggal_nonaktif=dt.date(2024, 1, 1))
    client.force_login(operator_a)
    response = client.get(reverse("kader:kader-ekspor") + "?status=aktif")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Ani Kebonsari"]


# --- list: search, filters, sorting ---


def test_list_filters_and_sorting(client, bappeda, dua_wilayah, rw_a):
    kel_a = dua_wilayah["kel_a"]
    ekonomi = BidangKerja.objects.get(nama="Ekonomi")
    k1 = KaderFactory(kelurahan=kel_a, nama="Zaenal", peran=",pelopor,", rw=rw_a)
    k1.bidang_kerja.add(ekonomi)
    KaderFactory(kelurahan=kel_a, nama="Anisa", peran=",penggerak,")
    KaderFactory(kelurahan=dua_wilayah["kel_b"], nama="Mira", status=StatusKader.NONAKTIF, alasan_nonaktif="Pindah", tanggal_nonaktif=dt.date(2024, 1, 1))
    client.force_login(bappeda)
    url = reverse("kader:kader-list")

    def nama(query):
        return [k.nama for k in client.get(url + query).context["object_list"]]

    assert nama("") == ["Anisa", "Mira", "Zaenal"]
    assert nama("?urut=-nama") == ["Zaenal", "Mira", "Anisa"]
    assert nama("?status=nonaktif") == ["Mira"]
    assert nama("?peran=pelopor") == ["Zaenal"]
    assert nama(f"?bidang={ekonomi.pk}") == ["Zaenal"]
    assert nama("?rw=3") == ["Zaenal"]
    assert nama(f"?kelurahan={dua_wilayah['kel_b'].pk}") == ["Mira"]
    assert nama("?q=nis") == ["Anisa"]
    assert nama(f"?q={k1.nik}") == ["Zaenal"]


def test_list_spells_out_the_programme_name(client, operator_a):
    client.force_login(operator_a)
    assert "Kader Pemberdayaan Masyarakat" in client.get(reverse("kader:kader-list")).content.decode()


def _isi(dua_wilayah, n, mulai=0):
    bidang = BidangKerja.objects.get(nama="Ekonomi")
    half = n // 2
    banyak_kader(dua_wilayah["kel_a"], n - half, mulai=mulai, bidang=bidang)
    banyak_kader(dua_wilayah["kel_b"], half, mulai=50_000 + mulai, bidang=bidang)


@pytest.mark.parametrize("query", ["", "?status=aktif&urut=-tanggal_mulai&peran=penggerak"])
@pytest.mark.parametrize("peran", ["operator_a", "bappeda"])
def test_list_query_count_is_the_same_at_10_and_1000(client, request, dua_wilayah, django_assert_max_num_queries, hitung_selalu, peran, query):
    """The kelurahan list (operator) and the city list (Bappeda) run a fixed number of queries."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(request.getfixturevalue(peran))
    url = reverse("kader:kader-list") + query
    client.get(url)  # warm the session
    ContentType.objects.get_for_model(Kader)  # and the process's content types (the NIK log's first row reads it)
    counts = {}
    for n, tambah in ((10, 10), (1000, 990)):
        _isi(dua_wilayah, tambah, mulai=n)
        # 12 + the rows of the NIK access log + the page's keys (ids first: wilayah.daftar.PaginatorIdDulu)
        with django_assert_max_num_queries(15), CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        terlihat = n if peran == "bappeda" else n // 2  # the operator sees kel_a's half
        assert response.context["paginator"].count == terlihat
        assert len(response.context["object_list"]) == min(50, terlihat)
        counts[n] = len(ctx)
    assert counts[10] == counts[1000], counts


# --- create / edit / deactivate / history ---


def test_operator_creates_edits_and_history_shows_who_changed_what(client, operator_a, data_kader):
    operator_a.first_name, operator_a.last_name = "Kasi", "Pemmas"
    operator_a.save()
    client.force_login(operator_a)
    response = client.post(reverse("kader:kader-create"), data_kader)
    assert response.status_code == 302
    kader = Kader.objects.get()
    response = client.post(reverse("kader:kader-update", args=[kader.pk]), data_kader | {"pekerjaan": "Guru ngaji"})
    assert response.status_code == 302
    body = client.get(kader.get_absolute_url()).content.decode()
    assert 'id="riwayat"' in body
    assert "Kasi Pemmas" in body
    assert "pekerjaan" in body and "Wiraswasta" in body and "Guru ngaji" in body
    assert kader.history.count() == 2


def test_history_masks_nik_changes_for_masked_roles(client, camat_a, dua_kader):
    a, _b = dua_kader
    lama = a.nik
    a.nik = lama[:-4] + "9999"
    a.save()
    client.force_login(camat_a)
    body = client.get(a.get_absolute_url()).content.decode()
    assert lama not in body and a.nik not in body


def test_deactivate_keeps_record_and_needs_reason(client, operator_a, dua_kader):
    a, _b = dua_kader
    client.force_login(operator_a)
    url = reverse("kader:kader-nonaktif", args=[a.pk])
    response = client.post(url, {"alasan": "", "tanggal": "2025-01-10"})
    assert response.status_code == 200
    a.refresh_from_db()
    assert a.status == StatusKader.AKTIF
    response = client.post(url, {"alasan": "Pindah domisili", "tanggal": "2025-01-10"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == StatusKader.NONAKTIF and a.alasan_nonaktif == "Pindah domisili"
    assert "Dinonaktifkan" in a.history.first().history_change_reason


def test_operator_has_no_delete(operator_a, camat_a, bappeda):
    assert not operator_a.has_perm("kader.delete_kader")
    assert not camat_a.has_perm("kader.change_kader")
    assert bappeda.has_perm("kader.delete_kader")


def test_camat_cannot_create_or_deactivate(client, camat_a, dua_kader, data_kader):
    a, _b = dua_kader
    client.force_login(camat_a)
    assert client.post(reverse("kader:kader-create"), data_kader).status_code == 403
    assert client.post(reverse("kader:kader-nonaktif", args=[a.pk]), {"alasan": "x", "tanggal": "2025-01-01"}).status_code == 403


def test_operator_cannot_touch_other_kelurahan(client, operator_a, dua_kader, data_kader):
    _a, b = dua_kader
    client.force_login(operator_a)
    assert client.get(reverse("kader:kader-update", args=[b.pk])).status_code == 404
    assert client.post(reverse("kader:kader-nonaktif", args=[b.pk]), {"alasan": "x", "tanggal": "2025-01-01"}).status_code == 404
    assert client.get(reverse("kader:kader-scan-sk", args=[b.pk])).status_code == 404


def test_reactivation_refused_when_nik_taken(client, operator_a, dua_wilayah):
    lama = KaderFactory(kelurahan=dua_wilayah["kel_a"], status=StatusKader.NONAKTIF, alasan_nonaktif="Pindah", tanggal_nonaktif=dt.date(2024, 1, 1))
    KaderFactory(kelurahan=dua_wilayah["kel_b"], nik=lama.nik, tanggal_lahir=lama.tanggal_lahir, jenis_kelamin=lama.jenis_kelamin)
    client.force_login(operator_a)
    client.post(reverse("kader:kader-aktifkan", args=[lama.pk]))
    lama.refresh_from_db()
    assert lama.status == StatusKader.NONAKTIF


def test_masked_roles_cannot_search_by_nik(client, camat_a, operator_a, dua_kader):
    a, _b = dua_kader
    client.force_login(camat_a)
    assert list(client.get(reverse("kader:kader-list") + f"?q={a.nik}").context["object_list"]) == []
    assert list(client.get(reverse("kader:kader-list") + f"?q={a.nik[:6]}").context["object_list"]) == []
    client.force_login(operator_a)
    assert [k.pk for k in client.get(reverse("kader:kader-list") + f"?q={a.nik}").context["object_list"]] == [a.pk]


def test_photo_is_stripped_of_exif_and_served_only_in_scope(client, operator_a, camat_a, dua_wilayah, data_kader, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    img = Image.new("RGB", (1600, 1200), "green")
    exif = Image.Exif()
    exif[0x010F] = "Kamera Rahasia"
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", exif=exif)
    client.force_login(operator_a)
    response = client.post(reverse("kader:kader-create"), data_kader | {"foto": SimpleUploadedFile("foto.jpg", buffer.getvalue(), "image/jpeg")})
    assert response.status_code == 302
    kader = Kader.objects.get()
    with Image.open(kader.foto.path) as saved:
        assert max(saved.size) <= 800 and not saved.getexif()
    assert client.get(reverse("kader:kader-foto", args=[kader.pk])).status_code == 200
    operator_b = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b")
    client.force_login(operator_b)
    assert client.get(reverse("kader:kader-foto", args=[kader.pk])).status_code == 404


def test_sk_scan_must_be_pdf_or_image(client, operator_a, data_kader, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(operator_a)
    response = client.post(reverse("kader:kader-create"), data_kader | {"scan_sk": SimpleUploadedFile("sk.pdf", b"bukan pdf", "application/pdf")})
    assert response.status_code == 200
    assert not Kader.objects.exists()
