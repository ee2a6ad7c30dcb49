"""The evaluation (issue 13): ``services.evaluasi_simpan`` (the organiser enters a participant's
paper questionnaire: present at least one day, modules of their session, ratings 1–5, one per
participant, saving again replaces it), its form page (``pelatihan:evaluasi``), the results per
diklat (``evaluasi-hasil``) and the sections."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pelatihan import services
from pelatihan.models import Evaluasi, Kehadiran, Materi, NilaiMateri, StatusDiklat, StatusHadir
from tests.factories import make_user
from tests.pelatihan.factories import MULAI, diklat_di, hadir_semua, narasumber, peserta_di, sesi_di
from wilayah.roles import CAMAT, OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db

HARI = [MULAI + datetime.timedelta(days=i) for i in range(3)]


@pytest.fixture
def diklat(dua_wilayah):
    return diklat_di(dua_wilayah["kel_a"], hari=3)


@pytest.fixture
def materi(diklat):
    sesi = diklat.sesi_set.get()
    return [
        Materi.objects.create(sesi=sesi, judul="Perencanaan Partisipatif", tanggal=HARI[0], narasumber=narasumber("Dr. Ahmad", "BPSDM Jatim")),
        Materi.objects.create(sesi=sesi, judul="Peran DPRD", tanggal=HARI[1], narasumber=narasumber("Hj. Siti, S.H.", "DPRD")),
        Materi.objects.create(sesi=sesi, judul="Diskusi kelompok", tanggal=HARI[2]),
    ]


@pytest.fixture
def peserta(diklat, dua_wilayah):
    p = peserta_di(diklat, dua_wilayah["kel_a"], nama="Siti Aminah")
    Kehadiran.objects.create(peserta=p, tanggal=HARI[0], status=StatusHadir.HADIR)
    return p


def simpan(user, peserta, nilai, nilai_umum=5, **kwargs):
    return services.evaluasi_simpan(acting_user=user, peserta=peserta, nilai_umum=nilai_umum, nilai=nilai, **kwargs)


# --------------------------------------------------------------------------- the service


def test_the_organiser_enters_the_questionnaire_with_history(operator_a, peserta, materi):
    m1, m2, m3 = materi
    evaluasi = simpan(operator_a, peserta, {m1.pk: (5, 4), str(m2.pk): ("3", "2"), m3.pk: (4, None)}, manfaat="  Banyak ilmu ", saran="Waktu kurang")
    evaluasi.refresh_from_db()
    assert (evaluasi.nilai_umum, evaluasi.manfaat, evaluasi.saran) == (5, "Banyak ilmu", "Waktu kurang")
    assert {n.materi_id: (n.nilai_materi, n.nilai_narasumber) for n in evaluasi.nilai_set.all()} == {m1.pk: (5, 4), m2.pk: (3, 2), m3.pk: (4, None)}
    assert evaluasi.history.get().history_user_id == operator_a.pk
    assert NilaiMateri.history.filter(history_user_id=operator_a.pk).count() == 3


def test_saving_again_replaces_the_evaluation(operator_a, peserta, materi):
    m1, m2, _m3 = materi
    simpan(operator_a, peserta, {m1.pk: (5, 4), m2.pk: (3, 2)}, saran="Lama")
    simpan(operator_a, peserta, {m1.pk: (2, 2)}, nilai_umum=3, saran="Baru")
    evaluasi = Evaluasi.objects.get()
    assert (evaluasi.nilai_umum, evaluasi.saran) == (3, "Baru")
    assert {n.materi_id: (n.nilai_materi, n.nilai_narasumber) for n in evaluasi.nilai_set.all()} == {m1.pk: (2, 2)}
    assert NilaiMateri.history.filter(history_type="-").count() == 1 and NilaiMateri.history.filter(history_type="~").count() == 1
    simpan(operator_a, peserta, {m1.pk: (2, 2)}, nilai_umum=3, saran="Baru")  # unchanged: no new version of the ratings
    assert NilaiMateri.history.count() == 4


def test_only_a_participant_present_at_least_one_day(operator_a, diklat, materi, dua_wilayah):
    p = peserta_di(diklat, dua_wilayah["kel_a"])
    Kehadiran.objects.bulk_create(Kehadiran(peserta=p, tanggal=h, status=s) for h, s in zip(HARI, (StatusHadir.IZIN, StatusHadir.SAKIT, StatusHadir.ALPA)))
    with pytest.raises(ValidationError, match="belum tercatat hadir"):
        simpan(operator_a, p, {materi[0].pk: (5, 5)})
    assert not Evaluasi.objects.exists()
    Kehadiran.objects.filter(peserta=p, tanggal=HARI[2]).update(status=StatusHadir.HADIR)
    simpan(operator_a, p, {materi[0].pk: (5, 5)})
    assert Evaluasi.objects.count() == 1


def test_modules_of_the_participants_session_only(operator_a, diklat, peserta, materi, dua_wilayah):
    sesi2 = sesi_di(diklat, mulai=MULAI + datetime.timedelta(days=10), hari=1, nama="Gelombang 2")
    lain_sesi = Materi.objects.create(sesi=sesi2, judul="Materi gelombang 2", tanggal=sesi2.tanggal_mulai)
    lain_diklat = Materi.objects.create(sesi=diklat_di(dua_wilayah["kel_a"], judul="Lain").sesi_set.get(), judul="Lain", tanggal=MULAI)
    for asing in (lain_sesi.pk, lain_diklat.pk, 999999, "abc", None):
        with pytest.raises(ValidationError, match="materi sesi peserta"):
            simpan(operator_a, peserta, {materi[0].pk: (5, 5), asing: (5, 5)})
    assert not Evaluasi.objects.exists() and not NilaiMateri.objects.exists()


@pytest.mark.parametrize("pasangan", [(0, 5), (6, 5), (5, 0), (5, 6), ("x", 5), (None, 5), (5, "lima"), (True, 5), (4.5, 5), ("5",), 5])
def test_ratings_are_1_to_5(operator_a, peserta, materi, pasangan):
    with pytest.raises(ValidationError):
        simpan(operator_a, peserta, {materi[0].pk: pasangan})
    assert not Evaluasi.objects.exists()


@pytest.mark.parametrize("nilai_umum", [0, 6, None, "", "abc", -1])
def test_the_overall_rating_is_1_to_5(operator_a, peserta, materi, nilai_umum):
    with pytest.raises(ValidationError) as exc:
        simpan(operator_a, peserta, {materi[0].pk: (5, 5)}, nilai_umum=nilai_umum)
    assert "nilai_umum" in exc.value.message_dict
    assert not Evaluasi.objects.exists()


def test_a_module_without_a_speaker_takes_no_speaker_rating(operator_a, peserta, materi):
    with pytest.raises(ValidationError, match="tanpa narasumber"):
        simpan(operator_a, peserta, {materi[2].pk: (5, 5)})
    assert not Evaluasi.objects.exists()


def test_one_evaluation_per_participant(operator_a, peserta, materi):
    simpan(operator_a, peserta, {})
    simpan(operator_a, peserta, {materi[0].pk: (4, 4)})
    assert Evaluasi.objects.filter(peserta=peserta).count() == 1


def test_only_the_organiser_enters_it(dua_wilayah, camat_a, bappeda, walikota, peserta, materi):
    operator_b = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b")
    camat_b = make_user(CAMAT, kecamatan=dua_wilayah["kec_b"], username="camat_b")
    for user in (operator_b, camat_b, walikota):
        with pytest.raises(PermissionDenied):
            simpan(user, peserta, {materi[0].pk: (5, 5)})
    assert not Evaluasi.objects.exists()
    simpan(camat_a, peserta, {materi[0].pk: (5, 5)})
    simpan(bappeda, peserta, {materi[0].pk: (4, 5)})
    assert Evaluasi.objects.get().nilai_set.get().nilai_materi == 4


def test_an_operator_does_not_enter_a_city_diklats_evaluation(operator_a, bappeda, dua_wilayah):
    p = peserta_di(diklat_di(), dua_wilayah["kel_a"])
    hadir_semua(p)
    with pytest.raises(PermissionDenied):
        simpan(operator_a, p, {})
    simpan(bappeda, p, {})


def test_a_cancelled_diklat_takes_no_evaluation(operator_a, diklat, peserta):
    diklat.status = StatusDiklat.BATAL
    diklat.save()
    with pytest.raises(ValidationError, match="dibatalkan"):
        simpan(operator_a, peserta, {})


# --------------------------------------------------------------------------- the form page


def url(nama, obj):
    return reverse(f"pelatihan:{nama}", kwargs={"pk": obj.pk})


def test_the_form_has_one_row_per_module_of_the_session_and_saves(client, operator_a, peserta, materi):
    m1, m2, m3 = materi
    client.force_login(operator_a)
    response = client.get(url("evaluasi", peserta))
    assert response.status_code == 200
    form = response.context["form"]
    assert [m.pk for m, _fm, _fn in form.baris()] == [m1.pk, m2.pk, m3.pk]
    assert f"narasumber_{m3.pk}" not in form.fields and "Dr. Ahmad (BPSDM Jatim)" in response.content.decode()
    data = {"nilai_umum": "4", f"materi_{m1.pk}": "5", f"narasumber_{m1.pk}": "4", f"materi_{m2.pk}": "", f"narasumber_{m2.pk}": "", f"materi_{m3.pk}": "3", "saran": "Tambah hari"}
    response = client.post(url("evaluasi", peserta), data)
    assert response.status_code == 302 and response["Location"] == url("evaluasi-hasil", peserta.diklat)
    evaluasi = Evaluasi.objects.get()
    assert (evaluasi.nilai_umum, evaluasi.saran) == (4, "Tambah hari")
    assert {n.materi_id: (n.nilai_materi, n.nilai_narasumber) for n in evaluasi.nilai_set.all()} == {m1.pk: (5, 4), m3.pk: (3, None)}
    # editing: the form is pre-filled, and saving replaces
    form = client.get(url("evaluasi", peserta)).context["form"]
    assert form[f"materi_{m1.pk}"].value() == 5 and form["nilai_umum"].value() == 4
    client.post(url("evaluasi", peserta), {"nilai_umum": "2", f"materi_{m2.pk}": "1"})
    assert {n.materi_id for n in Evaluasi.objects.get().nilai_set.all()} == {m2.pk}


@pytest.mark.parametrize("ubah", [{"nilai_umum": "6"}, {"nilai_umum": "abc"}, {"nilai_umum": ""}, {"materi_X": "9"}, {"materi_X": "x"}, {"narasumber_X": "0"}])
def test_bad_values_are_form_errors(client, operator_a, peserta, materi, ubah):
    ubah = {k.replace("X", str(materi[0].pk)): v for k, v in ubah.items()}
    client.force_login(operator_a)
    response = client.post(url("evaluasi", peserta), {"nilai_umum": "4", **ubah})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Evaluasi.objects.exists()


def test_a_speaker_rating_without_the_module_rating_is_an_error_on_the_row(client, operator_a, peserta, materi):
    client.force_login(operator_a)
    response = client.post(url("evaluasi", peserta), {"nilai_umum": "4", f"narasumber_{materi[0].pk}": "4"})
    assert response.status_code == 200 and f"materi_{materi[0].pk}" in response.context["form"].errors
    assert not Evaluasi.objects.exists()


def test_a_participant_never_present_gets_no_form(client, operator_a, diklat, materi, dua_wilayah):
    p = peserta_di(diklat, dua_wilayah["kel_a"])
    client.force_login(operator_a)
    response = client.get(url("evaluasi", p))
    assert response.status_code == 200 and "belum tercatat hadir" in response.content.decode() and 'id="form-evaluasi"' not in response.content.decode()
    response = client.post(url("evaluasi", p), {"nilai_umum": "4"})
    assert "belum tercatat hadir" in response.content.decode() and not Evaluasi.objects.exists()


def test_only_the_organiser_opens_the_form(client, dua_wilayah, operator_a, walikota, peserta, materi):
    operator_b = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b")
    for user, status in ((operator_b, 404), (walikota, 403)):
        client.force_login(user)
        assert client.get(url("evaluasi", peserta)).status_code == status
        assert client.post(url("evaluasi", peserta), {"nilai_umum": "4"}).status_code == status
    kota = peserta_di(diklat_di(), dua_wilayah["kel_a"])
    hadir_semua(kota)
    client.force_login(operator_a)
    assert client.get(url("evaluasi", kota)).status_code == 404
    assert not Evaluasi.objects.exists()


# --------------------------------------------------------------------------- the results


def _isi(diklat, dua_wilayah, materi, jawaban):
    """One present participant per answer (nilai_umum, {module index: (module, speaker)}, saran)."""
    hasil = []
    for i, (umum, nilai, saran) in enumerate(jawaban):
        p = hadir_semua(peserta_di(diklat, dua_wilayah["kel_a"], nama=f"Responden {i}"))
        e = Evaluasi.objects.create(peserta=p, nilai_umum=umum, saran=saran)
        NilaiMateri.objects.bulk_create(NilaiMateri(evaluasi=e, materi=materi[k], nilai_materi=nm, nilai_narasumber=nn) for k, (nm, nn) in nilai.items())
        hasil.append(p)
    return hasil


def test_the_results_show_responses_averages_per_module_and_speaker_and_comments(client, operator_a, diklat, materi, peserta, dua_wilayah):
    _isi(diklat, dua_wilayah, materi, [(5, {0: (5, 4), 1: (4, 3)}, "Sangat bermanfaat"), (4, {0: (3, 4), 2: (4, None)}, "")])
    client.force_login(operator_a)
    response = client.get(url("evaluasi-hasil", diklat))
    assert response.status_code == 200
    hasil = response.context["hasil"]
    assert (hasil.responden, hasil.peserta, hasil.rata_umum) == (2, 3, 4.5)
    per_materi = {r.label.split(" — ")[0]: (r.responden, r.rata_materi, r.rata_narasumber) for r in hasil.per_materi}
    assert per_materi == {"Perencanaan Partisipatif": (2, 4.0, 4.0), "Peran DPRD": (1, 4.0, 3.0), "Diskusi kelompok": (1, 4.0, None)}
    assert {r.label: (r.rata_narasumber, "BPSDM Jatim" in r.keterangan) for r in hasil.per_narasumber} == {"Dr. Ahmad": (4.0, True), "Hj. Siti, S.H.": (3.0, False)}
    html = response.content.decode()
    assert "Sangat bermanfaat" in html and "2 / 3" in html and "4,50" in html
    # the organiser sees who is still to fill in: the present participant without an evaluation
    assert [p["pk"] for p in response.context["belum"]] == [peserta.pk] and url("evaluasi", peserta) in html


def test_the_results_of_a_city_diklat_cover_what_a_viewer_sees(client, operator_a, walikota, dua_wilayah):
    kota = diklat_di()
    m = Materi.objects.create(sesi=kota.sesi_set.get(), judul="Materi kota", tanggal=MULAI)
    for kel, nilai in ((dua_wilayah["kel_a"], 5), (dua_wilayah["kel_b"], 1)):
        p = hadir_semua(peserta_di(kota, kel))
        e = Evaluasi.objects.create(peserta=p, nilai_umum=nilai, saran=f"Saran {kel.nama}")
        NilaiMateri.objects.create(evaluasi=e, materi=m, nilai_materi=nilai)
    client.force_login(operator_a)
    response = client.get(url("evaluasi-hasil", kota))
    assert (response.context["hasil"].responden, response.context["hasil"].rata_umum) == (1, 5.0)
    assert "Saran Ketapang" not in response.content.decode() and not response.context["boleh_kelola"]
    client.force_login(walikota)
    assert client.get(url("evaluasi-hasil", kota)).context["hasil"].rata_umum == 3.0


def test_the_results_page_is_404_outside_and_runs_a_fixed_number_of_queries(client, operator_a, dua_wilayah, materi, diklat, django_assert_max_num_queries):
    client.force_login(make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b"))
    assert client.get(url("evaluasi-hasil", diklat)).status_code == 404
    kecil = diklat_di(dua_wilayah["kel_a"], judul="Kecil")
    m_kecil = [Materi.objects.create(sesi=kecil.sesi_set.get(), judul="M", tanggal=MULAI, narasumber=narasumber())]
    _isi(kecil, dua_wilayah, m_kecil, [(5, {0: (5, 5)}, "a")])
    client.force_login(operator_a)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url("evaluasi-hasil", kecil))
    _isi(diklat, dua_wilayah, materi, [(4, {0: (5, 4), 1: (4, 3), 2: (3, None)}, f"saran {i}") for i in range(20)])
    peserta_di(diklat, dua_wilayah["kel_a"])
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        assert client.get(url("evaluasi-hasil", diklat)).status_code == 200


def test_the_form_page_runs_a_fixed_number_of_queries(client, operator_a, peserta, materi, django_assert_max_num_queries, diklat):
    client.force_login(operator_a)
    simpan(operator_a, peserta, {materi[0].pk: (5, 5)})
    with CaptureQueriesContext(connection) as ctx:
        client.get(url("evaluasi", peserta))
    for i in range(10):
        Materi.objects.create(sesi=diklat.sesi_set.get(), judul=f"Tambahan {i}", tanggal=HARI[1], narasumber=narasumber(f"Orang {i}"))
    simpan(operator_a, peserta, {m.pk: (4, 4) for m in Materi.objects.filter(narasumber__isnull=False)})
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        assert client.get(url("evaluasi", peserta)).status_code == 200


# --------------------------------------------------------------------------- the sections


def _render(template, user, **context):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(template, {"request": request, **context})


def test_the_diklat_section_shows_responses_and_average(operator_a, diklat, materi, peserta, dua_wilayah):
    _isi(diklat, dua_wilayah, materi, [(5, {}, ""), (4, {}, "")])
    html = _render("pelatihan/_diklat_evaluasi.html", operator_a, diklat=diklat)
    assert "2 / 3" in html and "4,50 / 5" in html and url("evaluasi-hasil", diklat) in html


def test_the_participant_section_links_the_form_only_when_allowed(operator_a, walikota, diklat, peserta, materi, dua_wilayah):
    html = _render("pelatihan/_peserta_evaluasi.html", operator_a, peserta=peserta)
    assert "Belum diisi." in html and url("evaluasi", peserta) in html and "Isi evaluasi" in html
    assert url("evaluasi", peserta) not in _render("pelatihan/_peserta_evaluasi.html", walikota, peserta=peserta)
    tidak_hadir = peserta_di(diklat, dua_wilayah["kel_a"])
    assert url("evaluasi", tidak_hadir) not in _render("pelatihan/_peserta_evaluasi.html", operator_a, peserta=tidak_hadir)
    simpan(operator_a, peserta, {materi[0].pk: (5, 5)}, nilai_umum=4)
    html = _render("pelatihan/_peserta_evaluasi.html", operator_a, peserta=peserta)
    assert "Sudah diisi: penilaian keseluruhan 4 / 5." in html and "Ubah evaluasi" in html
