"""The attendance pages (issue 13): recording a day (``pelatihan:kehadiran``), the participant × day
recap (``kehadiran-rekap``), the attendance and results workbook (``diklat-xlsx``) and the sections
of the diklat and participant pages. The rules are the service's (``test_kehadiran.py``); these
tests check that the pages follow them, refuse bad input with a form error, and keep their query
counts."""

import datetime
import io
import re

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pelatihan.models import Evaluasi, Kehadiran, Materi, NilaiMateri, Peserta, StatusHadir
from tests.factories import make_user
from tests.pelatihan.factories import MULAI, diklat_di, hadir_semua, narasumber, peserta_di, sesi_di
from wilayah.roles import CAMAT, OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db

H, I, S, A = StatusHadir.HADIR, StatusHadir.IZIN, StatusHadir.SAKIT, StatusHadir.ALPA
HARI = [MULAI + datetime.timedelta(days=i) for i in range(3)]


def _pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def diklat(dua_wilayah):
    return diklat_di(dua_wilayah["kel_a"], hari=3)


@pytest.fixture
def peserta(diklat, dua_wilayah):
    return [peserta_di(diklat, dua_wilayah["kel_a"], nama=f"Peserta {i}") for i in range(3)]


def url(nama, obj, **query):
    alamat = reverse(f"pelatihan:{nama}", kwargs={"pk": obj.pk})
    return alamat + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def data_hari(diklat, tanggal, status: dict, sesi=None) -> dict:
    sesi = sesi or diklat.sesi_set.first()
    return {"sesi": sesi.pk, "tanggal": tanggal.isoformat(), **{f"status_{pk}": s for pk, s in status.items()}}


# --------------------------------------------------------------------------- recording a day


def test_the_page_lists_the_sessions_participants_all_present_by_default(client, operator_a, diklat, peserta):
    client.force_login(operator_a)
    response = client.get(url("kehadiran", diklat))
    assert response.status_code == 200
    assert response.context["tanggal"] == MULAI  # the diklat is over: its first day
    html = response.content.decode()
    for p in peserta:
        assert re.search(rf'<input type="radio" name="status_{p.pk}" value="hadir"[^>]* checked>', html)
        assert not re.search(rf'<input type="radio" name="status_{p.pk}" value="(izin|sakit|alpa)"[^>]* checked>', html)
    assert html.count("belum dicatat") >= 3
    assert "js/pelatihan_kehadiran.js" in html and "<script>" not in html and "onclick" not in html


def test_the_page_shows_what_is_recorded_for_the_day_chosen(client, operator_a, diklat, peserta):
    Kehadiran.objects.create(peserta=peserta[0], tanggal=HARI[1], status=S)
    client.force_login(operator_a)
    response = client.get(url("kehadiran", diklat, tanggal=HARI[1].isoformat()))
    assert response.context["tanggal"] == HARI[1]
    assert response.context["form"][f"status_{peserta[0].pk}"].value() == S
    assert response.context["belum_tercatat"] == [peserta[1].pk, peserta[2].pk]


def test_today_is_the_default_day_when_inside_the_session(client, operator_a, dua_wilayah):
    hari_ini = timezone.localdate()
    diklat = diklat_di(dua_wilayah["kel_a"], mulai=hari_ini - datetime.timedelta(days=1), hari=3)
    client.force_login(operator_a)
    response = client.get(url("kehadiran", diklat))
    assert response.context["tanggal"] == hari_ini
    assert [nanti for _h, nanti in response.context["hari"]] == [False, False, True]


@pytest.mark.parametrize("query", ["tanggal=abc", "tanggal=2025-13-01", "tanggal=1999-01-01", "sesi=abc&tanggal=", "sesi=999999", "sesi=%C2%B2"])
def test_bad_query_values_fall_back_to_the_default(client, operator_a, diklat, peserta, query):
    client.force_login(operator_a)
    response = client.get(url("kehadiran", diklat) + "?" + query)
    assert response.status_code == 200 and response.context["tanggal"] == MULAI


def test_saving_records_the_day_and_comes_back_to_it(client, operator_a, diklat, peserta):
    client.force_login(operator_a)
    response = client.post(url("kehadiran", diklat), data_hari(diklat, HARI[1], {peserta[0].pk: H, peserta[1].pk: I, peserta[2].pk: A}))
    assert response.status_code == 302 and f"tanggal={HARI[1].isoformat()}" in response["Location"]
    assert dict(Kehadiran.objects.values_list("peserta_id", "status")) == {peserta[0].pk: H, peserta[1].pk: I, peserta[2].pk: A}
    assert "3 baru dicatat" in _pesan(response)[0]
    again = client.post(url("kehadiran", diklat), data_hari(diklat, HARI[1], {peserta[0].pk: H, peserta[1].pk: I, peserta[2].pk: A}))
    assert "3 tetap" in _pesan(again)[-1] and Kehadiran.history.count() == 3


def test_a_forged_day_outside_the_session_is_the_models_message_and_writes_nothing(client, operator_a, diklat, peserta):
    client.force_login(operator_a)
    response = client.post(url("kehadiran", diklat), data_hari(diklat, MULAI - datetime.timedelta(days=3), {p.pk: H for p in peserta}))
    assert response.status_code == 200
    assert "di luar hari diklat" in response.content.decode()
    assert not Kehadiran.objects.exists()


def test_a_future_day_is_refused_on_the_page(client, operator_a, dua_wilayah):
    hari_ini = timezone.localdate()
    diklat = diklat_di(dua_wilayah["kel_a"], mulai=hari_ini, hari=3)
    p = peserta_di(diklat, dua_wilayah["kel_a"])
    client.force_login(operator_a)
    response = client.post(url("kehadiran", diklat), data_hari(diklat, hari_ini + datetime.timedelta(days=1), {p.pk: H}))
    assert response.status_code == 200 and "belum tiba" in response.content.decode()
    assert not Kehadiran.objects.exists()


def test_a_participant_of_another_diklat_injected_in_the_post_is_a_form_error(client, operator_a, diklat, peserta, dua_wilayah):
    lain = peserta_di(diklat_di(dua_wilayah["kel_a"], judul="Diklat lain"), dua_wilayah["kel_a"])
    client.force_login(operator_a)
    response = client.post(url("kehadiran", diklat), data_hari(diklat, HARI[0], {**{p.pk: H for p in peserta}, lain.pk: A}))
    assert response.status_code == 200
    assert "tidak ada di daftar sesi ini" in response.content.decode()
    assert not Kehadiran.objects.exists()


@pytest.mark.parametrize("kunci, nilai", [("status_abc", "hadir"), ("status_", "hadir"), ("status_1.5", "hadir"), ("status_-1", "hadir")])
def test_a_status_key_that_is_not_a_participant_id_is_a_form_error(client, operator_a, diklat, peserta, kunci, nilai):
    client.force_login(operator_a)
    response = client.post(url("kehadiran", diklat), {**data_hari(diklat, HARI[0], {p.pk: H for p in peserta}), kunci: nilai})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Kehadiran.objects.exists()


@pytest.mark.parametrize("nilai", ["hadirr", "", "1", "HADIR"])
def test_an_unknown_status_is_a_form_error_on_its_row(client, operator_a, diklat, peserta, nilai):
    client.force_login(operator_a)
    response = client.post(url("kehadiran", diklat), data_hari(diklat, HARI[0], {peserta[0].pk: H, peserta[1].pk: nilai, peserta[2].pk: H}))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [f"status_{peserta[1].pk}"]
    assert peserta[1].nama in response.content.decode()
    assert not Kehadiran.objects.exists()


@pytest.mark.parametrize("ubah", [{"sesi": "abc"}, {"sesi": "999999"}, {"tanggal": "kemarin"}, {"tanggal": ""}, {"sesi": ""}])
def test_a_bad_session_or_day_in_the_post_is_a_form_error(client, operator_a, diklat, peserta, ubah):
    client.force_login(operator_a)
    response = client.post(url("kehadiran", diklat), {**data_hari(diklat, HARI[0], {p.pk: H for p in peserta}), **ubah})
    assert response.status_code == 400 and "tidak dikenal" in response.content.decode()
    assert not Kehadiran.objects.exists()


def test_a_session_of_another_diklat_in_the_post_is_refused(client, operator_a, diklat, peserta, dua_wilayah):
    lain = diklat_di(dua_wilayah["kel_a"], judul="Diklat lain")
    client.force_login(operator_a)
    response = client.post(url("kehadiran", diklat), data_hari(diklat, HARI[0], {p.pk: H for p in peserta}, sesi=lain.sesi_set.get()))
    assert response.status_code == 400 and not Kehadiran.objects.exists()


def test_a_certified_participant_is_protected_on_the_page(client, operator_a, diklat, peserta):
    a = hadir_semua(peserta[0])
    Peserta.objects.filter(pk=a.pk).update(nomor_urut_sertifikat=1, nomor_sertifikat="001/D", kode_verifikasi="ABCDEFGHJKMN", sertifikat_terbit=timezone.now())
    client.force_login(operator_a)
    response = client.post(url("kehadiran", diklat), data_hari(diklat, HARI[0], {a.pk: A, peserta[1].pk: H, peserta[2].pk: H}))
    assert response.status_code == 200 and "sudah bersertifikat" in response.content.decode()
    assert Kehadiran.objects.filter(tanggal=HARI[0]).count() == 1


def test_a_series_shows_one_session_at_a_time(client, operator_a, diklat, peserta, dua_wilayah):
    sesi2 = sesi_di(diklat, mulai=MULAI + datetime.timedelta(days=10), hari=2, nama="Gelombang 2")
    p2 = peserta_di(diklat, dua_wilayah["kel_a"], sesi=sesi2, nama="Peserta Gelombang 2")
    client.force_login(operator_a)
    response = client.get(url("kehadiran", diklat, sesi=sesi2.pk))
    assert [p.pk for p in response.context["form"].peserta] == [p2.pk]
    assert response.context["tanggal"] == sesi2.tanggal_mulai
    response = client.post(url("kehadiran", diklat), data_hari(diklat, sesi2.tanggal_mulai, {p2.pk: H}, sesi=sesi2))
    assert response.status_code == 302 and Kehadiran.objects.get().peserta_id == p2.pk


# --------------------------------------------------------------------------- who opens it


@pytest.fixture
def orang_lain(dua_wilayah):
    return {
        "operator_b": make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b"),
        "camat_b": make_user(CAMAT, kecamatan=dua_wilayah["kec_b"], username="camat_b"),
    }


def test_only_the_organisers_open_the_attendance_page(client, operator_a, camat_a, bappeda, walikota, orang_lain, diklat, peserta):
    for user in (operator_a, camat_a, bappeda):
        client.force_login(user)
        assert client.get(url("kehadiran", diklat)).status_code == 200
    for user, status in ((orang_lain["operator_b"], 404), (orang_lain["camat_b"], 404), (walikota, 403)):
        client.force_login(user)
        assert client.get(url("kehadiran", diklat)).status_code == status
        assert client.post(url("kehadiran", diklat), data_hari(diklat, HARI[0], {p.pk: H for p in peserta})).status_code == status
    assert not Kehadiran.objects.exists()
    client.logout()
    assert client.get(url("kehadiran", diklat)).status_code == 302


def test_an_operator_cannot_record_a_city_diklat_it_only_sees(client, operator_a, dua_wilayah):
    kota = diklat_di()
    p = peserta_di(kota, dua_wilayah["kel_a"])
    client.force_login(operator_a)
    assert client.get(url("kehadiran", kota)).status_code == 404
    assert client.post(url("kehadiran", kota), data_hari(kota, HARI[0], {p.pk: H})).status_code == 404
    assert client.get(url("kehadiran-rekap", kota)).status_code == 200  # seeing is not organising
    assert not Kehadiran.objects.exists()


def test_the_attendance_page_runs_a_fixed_number_of_queries(client, operator_a, dua_wilayah, django_assert_max_num_queries):
    kecil, besar = diklat_di(dua_wilayah["kel_a"]), diklat_di(dua_wilayah["kel_a"], judul="Diklat besar")
    for d, n in ((kecil, 3), (besar, 30)):
        for i in range(n):
            hadir_semua(peserta_di(d, dua_wilayah["kel_a"], nama=f"Peserta {d.pk} {i}"))
    client.force_login(operator_a)
    client.get(url("kehadiran", kecil))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url("kehadiran", kecil)).status_code == 200
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        assert client.get(url("kehadiran", besar)).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        client.post(url("kehadiran", kecil), data_hari(kecil, HARI[0], {p.pk: I for p in kecil.peserta_set.all()}))
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        assert client.post(url("kehadiran", besar), data_hari(besar, HARI[0], {p.pk: I for p in besar.peserta_set.all()})).status_code == 302


# --------------------------------------------------------------------------- the recap


def test_the_recap_shows_each_day_days_present_and_completion(client, operator_a, diklat, peserta):
    hadir_semua(peserta[0])
    Kehadiran.objects.create(peserta=peserta[1], tanggal=HARI[0], status=H)
    Kehadiran.objects.create(peserta=peserta[1], tanggal=HARI[1], status=S)
    client.force_login(operator_a)
    response = client.get(url("kehadiran-rekap", diklat))
    assert response.status_code == 200
    baris = {b.peserta.pk: b for b in response.context["baris"]}
    assert [st for _h, st in baris[peserta[1].pk].sel] == [H, S, None]
    assert (baris[peserta[0].pk].peserta.hari_hadir, baris[peserta[0].pk].peserta.lulus) == (3, True)
    assert (baris[peserta[1].pk].peserta.hari_hadir, baris[peserta[1].pk].peserta.lulus) == (1, False)
    html = response.content.decode()
    assert "3/3" in html and "1/3" in html and "lulus" in html and reverse("pelatihan:kehadiran", kwargs={"pk": diklat.pk}) in html


def test_the_recap_follows_the_diklats_rate(client, operator_a, dua_wilayah):
    diklat = diklat_di(dua_wilayah["kel_a"], hari=3, persen_hadir_minimal=66)
    p = peserta_di(diklat, dua_wilayah["kel_a"])
    Kehadiran.objects.bulk_create(Kehadiran(peserta=p, tanggal=h, status=H) for h in HARI[:2])
    client.force_login(operator_a)
    assert client.get(url("kehadiran-rekap", diklat)).context["baris"][0].peserta.lulus is True


def test_the_recap_of_a_city_diklat_shows_a_viewer_only_their_participants(client, operator_a, walikota, bappeda, dua_wilayah):
    kota = diklat_di()
    milik, luar = peserta_di(kota, dua_wilayah["kel_a"]), peserta_di(kota, dua_wilayah["kel_b"])
    client.force_login(operator_a)
    response = client.get(url("kehadiran-rekap", kota))
    assert [b.peserta.pk for b in response.context["baris"]] == [milik.pk] and not response.context["boleh_kelola"]
    assert reverse("pelatihan:kehadiran", kwargs={"pk": kota.pk}) not in response.content.decode()
    client.force_login(walikota)
    assert {b.peserta.pk for b in client.get(url("kehadiran-rekap", kota)).context["baris"]} == {milik.pk, luar.pk}


def test_the_recap_is_404_outside_and_paginated(client, operator_a, orang_lain, diklat, dua_wilayah, django_assert_max_num_queries):
    client.force_login(orang_lain["operator_b"])
    assert client.get(url("kehadiran-rekap", diklat)).status_code == 404
    assert client.get(url("diklat-xlsx", diklat)).status_code == 404
    kecil = diklat_di(dua_wilayah["kel_a"], judul="Kecil")
    for i in range(3):
        hadir_semua(peserta_di(kecil, dua_wilayah["kel_a"], nama=f"Kecil {i}"))
    for i in range(60):
        hadir_semua(peserta_di(diklat, dua_wilayah["kel_a"], nama=f"Banyak {i:02d}"))
    client.force_login(operator_a)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url("kehadiran-rekap", kecil))
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        response = client.get(url("kehadiran-rekap", diklat))
    assert len(response.context["baris"]) == 50 and response.context["is_paginated"]
    assert len(client.get(url("kehadiran-rekap", diklat, page=2)).context["baris"]) == 10
    for bad in ("abc", "0", "99999999999999999999"):
        assert client.get(url("kehadiran-rekap", diklat, page=bad)).status_code == 200


# --------------------------------------------------------------------------- the workbook


def _buku(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_workbook_has_each_participants_days_completion_and_certificate(client, operator_a, diklat, peserta):
    a, b, _c = peserta
    hadir_semua(a)
    Peserta.objects.filter(pk=a.pk).update(nomor_urut_sertifikat=7, nomor_sertifikat="007/BKPSDM/2025", kode_verifikasi="ABCDEFGHJKMN", sertifikat_terbit=timezone.now())
    Kehadiran.objects.create(peserta=b, tanggal=HARI[1], status=I)
    Peserta.objects.filter(pk=b.pk).update(nama="=HYPERLINK(\"http://x\")")
    client.force_login(operator_a)
    wb = _buku(client.get(url("diklat-xlsx", diklat)))
    assert wb.sheetnames == ["Kehadiran", "Evaluasi"]
    ws = wb["Kehadiran"]
    judul = [c.value for c in ws[1]]
    assert judul[:6] == ["Nama", "Jabatan", "Instansi/lembaga asal", "Kelurahan", "Kecamatan", "Sesi"]
    assert judul[6:9] == ["26/05/2025", "27/05/2025", "28/05/2025"]
    assert judul[9:] == ["Hari hadir", "Jumlah hari sesi", "Lulus", "Nomor sertifikat"]
    baris = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert baris[a.nama][6:] == ("Hadir", "Hadir", "Hadir", 3, 3, "ya", "007/BKPSDM/2025")
    assert baris["'=HYPERLINK(\"http://x\")"][3] == "Kebonsari Wetan"
    assert baris["'=HYPERLINK(\"http://x\")"][6:12] == (None, "Izin", None, 0, 3, "tidak")
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_the_workbook_has_the_evaluation_averages_per_module_and_speaker(client, operator_a, diklat, peserta):
    sesi = diklat.sesi_set.get()
    orang = narasumber("Dr. Ahmad Narasumber", "BPSDM Jatim")
    m1 = Materi.objects.create(sesi=sesi, judul="Perencanaan Partisipatif", tanggal=HARI[0], narasumber=orang)
    m2 = Materi.objects.create(sesi=sesi, judul="Wisata RW", tanggal=HARI[1], narasumber=orang)
    for p, (umum, n1, s1, n2) in zip(peserta[:2], [(5, 4, 5, 3), (4, 5, 4, 2)]):
        hadir_semua(p)
        e = Evaluasi.objects.create(peserta=p, nilai_umum=umum, saran="Bagus")
        NilaiMateri.objects.create(evaluasi=e, materi=m1, nilai_materi=n1, nilai_narasumber=s1)
        NilaiMateri.objects.create(evaluasi=e, materi=m2, nilai_materi=n2)
    client.force_login(operator_a)
    ws = _buku(client.get(url("diklat-xlsx", diklat)))["Evaluasi"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Bagian", "Materi / narasumber", "Keterangan", "Jumlah penilai", "Rata-rata nilai materi", "Rata-rata nilai narasumber")
    assert rows[1][0] == "Keseluruhan" and rows[1][3:5] == (2, 4.5) and "2 dari 3" in rows[1][2]
    materi = {r[1]: r for r in rows if r[0] == "Materi"}
    assert materi[f"Perencanaan Partisipatif — {orang}"][3:] == (2, 4.5, 4.5)
    assert materi[f"Wisata RW — {orang}"][3:] == (2, 2.5, None)
    [pembicara] = [r for r in rows if r[0] == "Narasumber"]
    assert pembicara[1] == "Dr. Ahmad Narasumber" and "BPSDM Jatim" in pembicara[2] and pembicara[3:] == (4, 3.5, 4.5)


# --------------------------------------------------------------------------- the sections


def _render(template, user, **context):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(template, {"request": request, **context})


def test_the_diklat_section_shows_days_completion_and_the_organisers_button(operator_a, walikota, diklat, peserta):
    hadir_semua(peserta[0])
    Kehadiran.objects.create(peserta=peserta[1], tanggal=HARI[0], status=H)
    html = _render("pelatihan/_diklat_kehadiran.html", operator_a, diklat=diklat)
    assert "Hari tercatat" in html and "1 / 3 peserta" in html and "33,3%" in html
    assert reverse("pelatihan:kehadiran", kwargs={"pk": diklat.pk}) in html
    assert reverse("pelatihan:kehadiran-rekap", kwargs={"pk": diklat.pk}) in html
    html = _render("pelatihan/_diklat_kehadiran.html", walikota, diklat=diklat)
    assert reverse("pelatihan:kehadiran", kwargs={"pk": diklat.pk}) + '"' not in html and "1 / 3 peserta" in html


def test_the_participant_section_shows_each_day_and_completion(operator_a, diklat, peserta, django_assert_max_num_queries):
    Kehadiran.objects.create(peserta=peserta[0], tanggal=HARI[0], status=H)
    Kehadiran.objects.create(peserta=peserta[0], tanggal=HARI[1], status=S)
    p = Peserta.objects.select_related("sesi").get(pk=peserta[0].pk)
    html = _render("pelatihan/_peserta_kehadiran.html", operator_a, peserta=p)
    assert "Hadir 1 dari 3 hari." in html and "Sakit" in html and "belum dicatat" in html and "belum lulus" in html
    hadir_semua(peserta[1])
    with django_assert_max_num_queries(4):
        html = _render("pelatihan/_peserta_kehadiran.html", operator_a, peserta=Peserta.objects.select_related("sesi").get(pk=peserta[1].pk))
    assert "Hadir 3 dari 3 hari." in html and "belum lulus" not in html


def test_the_diklat_section_runs_a_fixed_number_of_queries(operator_a, diklat, dua_wilayah, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as ctx:
        _render("pelatihan/_diklat_kehadiran.html", operator_a, diklat=diklat)
    for i in range(20):
        hadir_semua(peserta_di(diklat, dua_wilayah["kel_a"], nama=f"Banyak {i}"))
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        html = _render("pelatihan/_diklat_kehadiran.html", operator_a, diklat=diklat)
    assert "20 / 20 peserta" in html


def test_the_workbook_runs_a_fixed_number_of_queries(client, operator_a, dua_wilayah, django_assert_max_num_queries):
    kecil, besar = diklat_di(dua_wilayah["kel_a"], judul="Kecil"), diklat_di(dua_wilayah["kel_a"], judul="Besar")
    for d, n in ((kecil, 2), (besar, 25)):
        sesi = d.sesi_set.get()
        m = Materi.objects.create(sesi=sesi, judul="Materi", tanggal=MULAI, narasumber=narasumber())
        for i in range(n):
            p = hadir_semua(peserta_di(d, dua_wilayah["kel_a"], nama=f"Peserta {d.pk} {i}"))
            NilaiMateri.objects.create(evaluasi=Evaluasi.objects.create(peserta=p, nilai_umum=4), materi=m, nilai_materi=4, nilai_narasumber=5)
    client.force_login(operator_a)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url("diklat-xlsx", kecil))
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        wb = _buku(client.get(url("diklat-xlsx", besar)))
    assert wb["Kehadiran"].max_row == 26
