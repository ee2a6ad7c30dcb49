"""Every programme's targets on one page (/wilayah/target/, wilayah.target): Bappeda sets the KPM
target and the tourism targets there, with their history; the mayor's office reads them; nobody else."""

import pytest
from django.urls import reverse

from kader.models import PengaturanKader
from wilayah.target import bagian_untuk
from wisata.models import TargetProgram

URL = "/wilayah/target/"


@pytest.fixture
def masuk(client):
    def _masuk(user):
        client.force_login(user)
        return client

    return _masuk


def test_url_name():
    assert reverse("wilayah:target") == URL


def test_bappeda_sees_every_section_with_its_form(masuk, bappeda):
    html = masuk(bappeda).get(URL).content.decode()
    assert 'id="target-kader"' in html and 'id="target-wisata"' in html
    assert html.index('id="target-kader"') < html.index('id="target-wisata"')
    assert 'name="bagian" value="kader"' in html and 'name="bagian" value="wisata"' in html
    assert 'name="target_minimal"' in html and 'name="target_destinasi_baru"' in html
    assert "5 sampai 10" in html


def test_the_mayors_office_reads_without_forms_and_cannot_save(masuk, walikota):
    client = masuk(walikota)
    html = client.get(URL).content.decode()
    assert 'id="target-kader"' in html and 'id="target-wisata"' in html
    assert 'name="bagian"' not in html
    r = client.post(URL, {"bagian": "kader", "target_minimal": "1", "target_maksimal": "2"})
    assert r.status_code == 403
    assert (PengaturanKader.aktif().target_minimal, PengaturanKader.aktif().target_maksimal) == (5, 10)


def test_kelurahan_and_kecamatan_users_do_not_reach_the_page(masuk, operator_a, camat_a):
    for user in (operator_a, camat_a):
        assert masuk(user).get(URL).status_code == 404
        assert masuk(user).post(URL, {"bagian": "kader", "target_minimal": "1", "target_maksimal": "2"}).status_code == 404
    assert PengaturanKader.aktif().target_minimal == 5


def test_bappeda_sets_the_kpm_target_and_the_change_is_in_the_history(masuk, bappeda):
    client = masuk(bappeda)
    r = client.post(URL, {"bagian": "kader", "target_minimal": "4", "target_maksimal": "8"})
    assert r.status_code == 302 and r["Location"] == URL + "#target-kader"
    p = PengaturanKader.aktif()
    assert (p.target_minimal, p.target_maksimal) == (4, 8)
    html = client.get(URL).content.decode()
    assert "Target Kader KPM: KPM aktif per kelurahan tersimpan." in html
    assert "4 sampai 8" in html
    riwayat = html[html.index('id="riwayat-target-kader"'):]
    assert "target minimal KPM aktif per kelurahan" in riwayat and "bappeda" in riwayat
    assert p.history.filter(history_user=bappeda).count() == 1


@pytest.mark.parametrize(
    "data, pesan",
    [
        ({"target_minimal": "0", "target_maksimal": "10"}, "Target minimal paling sedikit 1"),
        ({"target_minimal": "9", "target_maksimal": "6"}, "Target minimal paling sedikit 1"),
        ({"target_minimal": "", "target_maksimal": "10"}, "tidak boleh kosong"),
        ({"target_minimal": "lima", "target_maksimal": "10"}, "Masukkan keseluruhan angka"),
        ({"target_minimal": "-3", "target_maksimal": "10"}, "0"),
    ],
)
def test_a_refused_kpm_target_says_why_and_changes_nothing(masuk, bappeda, data, pesan):
    jumlah_riwayat = PengaturanKader.history.count()
    r = masuk(bappeda).post(URL, {"bagian": "kader", **data})
    html = r.content.decode()
    assert r.status_code == 200
    assert 'id="ringkasan-galat"' in html and pesan in html
    p = PengaturanKader.aktif()
    assert (p.target_minimal, p.target_maksimal) == (5, 10)
    assert PengaturanKader.history.count() == jumlah_riwayat


def test_bappeda_sets_a_new_year_and_changes_a_stored_one(masuk, bappeda):
    client = masuk(bappeda)
    TargetProgram.objects.create(tahun=2026, target_destinasi_baru=100, target_event_tahunan=100, target_rw_persen=100)
    data = {"bagian": "wisata", "tahun": "2027", "target_destinasi_baru": "120", "target_event_tahunan": "110", "target_rw_persen": "90"}
    assert client.post(URL, data).status_code == 302
    assert client.post(URL, {**data, "tahun": "2026", "target_destinasi_baru": "80"}).status_code == 302
    assert dict(TargetProgram.objects.values_list("tahun", "target_destinasi_baru")) == {2026: 80, 2027: 120}
    html = client.get(URL).content.decode()
    riwayat = html[html.index('id="riwayat-target-wisata"'):]
    # several rows: each entry names its year, and a change shows old and new
    assert "Target wisata 2026" in riwayat and "Target wisata 2027" in riwayat
    assert "100" in riwayat and "80" in riwayat


@pytest.mark.parametrize("tahun", ["", "abc", "99999", "1900", "2026.5", "-1"])
def test_a_malformed_year_is_refused_without_error(masuk, bappeda, tahun):
    r = masuk(bappeda).post(URL, {"bagian": "wisata", "tahun": tahun, "target_destinasi_baru": "1", "target_event_tahunan": "1", "target_rw_persen": "50"})
    assert r.status_code == 200 and 'id="ringkasan-galat"' in r.content.decode()
    assert not TargetProgram.objects.exists()


@pytest.mark.parametrize("bagian", ["", "tidak-ada", "../kader"])
def test_an_unknown_section_is_404(masuk, bappeda, bagian):
    assert masuk(bappeda).post(URL, {"bagian": bagian}).status_code == 404


def test_sections_are_registered_by_the_apps(bappeda, walikota):
    assert [b.kode for b in bagian_untuk(bappeda)] == ["kader", "wisata"]
    assert [b.kode for b in bagian_untuk(walikota)] == ["kader", "wisata"]
    assert all(not b.boleh_ubah(walikota) for b in bagian_untuk(walikota))


def test_the_page_runs_a_fixed_number_of_queries(masuk, bappeda, django_assert_max_num_queries):
    client = masuk(bappeda)
    for tahun in range(2020, 2027):
        TargetProgram.objects.create(tahun=tahun)
    with django_assert_max_num_queries(11):  # 4 of every signed-in page, then per section its rows and 2 of history
        assert client.get(URL).status_code == 200


def test_the_admin_only_shows_the_kpm_target(masuk, bappeda):
    """The targets page is the one door: the admin no longer changes the KPM target."""
    client = masuk(bappeda)
    p = PengaturanKader.aktif()
    url = reverse("admin:kader_pengaturankader_change", args=[p.pk])
    assert client.get(url).status_code == 200
    r = client.post(url, {"target_minimal": "2", "target_maksimal": "3"})
    assert r.status_code == 403
    assert PengaturanKader.aktif().target_minimal == 5
