"""Issue 15, forms: what every form page of the portal says.

- A failed save prints the error summary (``{% ringkasan_galat %}``, wilayah.galat) with a link to each
  failing field, and the field the link names is on the page.
- Headings say what is added or changed (``wilayah.forms.JudulFormMixin``): never "Tambah data".
- Empty choices read "Pilih …" in forms and "Semua" in list filters (``wilayah.forms.ganti_pilihan_kosong``):
  never "---------".

The form views are found in the URLconf (every ``FormMixin`` view and every Excel import), so a new form is
walked without being listed here. A view that handles POST otherwise must be named below, as a page that
shows a form again with its errors (``ISIAN_SEBARIS``) or as a button (``TANPA_ISIAN``): a test fails on a
POST view that is neither. The world and the URL parameters are those of ``test_hanya_baca`` (one row of
every model, inside kecamatan Kanigaran).
"""

from __future__ import annotations

import logging
import re

import pytest
from django import forms
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.views.generic.edit import FormMixin

from kader.models import Kader, KepengurusanForkom
from tests.wilayah.test_hanya_baca import BUKTI_PORTAL, dunia_sekali, menangani_post, semua_ujung
from wilayah.daftar import FilterSetPortal
from wilayah.forms import (
    KOSONG_DJANGO, PilihanKosongMixin, ganti_pilihan_kosong, huruf_kecil_awal, judul_formulir, label_pilihan_kosong,
)  # fmt: skip
from wilayah.impor import ImporExcelView
from wilayah.models import RW

pytestmark = pytest.mark.django_db

MILIK_REKAN = ()  # every app's forms are walked (wisata and lkk joined when their branches merged)

# POST views that are not FormMixin views but show their form again, with its errors, on the page they sit on.
ISIAN_SEBARIS = {
    "kader:forkom-anggota", "kader:lomba-kriteria", "kader:nominasi-nilai", "pelatihan:kehadiran",
    "wilayah:kelengkapan-pengaturan", "wilayah:pengecualian-beri", "wilayah:target", "lkk:pengurus-susunan",
}  # fmt: skip
# POST views that are buttons (a step, a delete, a confirmation): nothing typed, nothing to summarise.
TANPA_ISIAN = {
    "beranda", "logout", "wilayah:kelurahan-konfirmasi", "wilayah:akun-status", "wilayah:akun-sandi", "wilayah:akun-buka-kunci",
    "wilayah:pengecualian-cabut", "kader:kader-aktifkan", "kader:forkom-keluarkan", "kader:lomba-kirim",
    "pud:siklus-tutup", "pud:siklus-buka", "pud:peserta-hapus", "pud:usulan-hapus", "pud:kosong-hapus", "pud:umkm-foto-hapus",
    "pelatihan:diklat-status", "pelatihan:diklat-delete", "pelatihan:sesi-delete", "pelatihan:materi-delete",
    "pelatihan:peserta-delete", "pelatihan:sertifikat-terbitkan", "pelatihan:cetak-mulai", "pelatihan:rencana-delete",
    "wisata:foto-hapus",
}  # fmt: skip
# Who may use a form that test_hanya_baca does not prove writing (BUKTI_PORTAL names the rest).
PENGGUNA_LAIN = {
    "login": None, "pud:siklus-create": "bappeda", "pelatihan:kehadiran": "bappeda", "lkk:cetak": "operator",
    "pelatihan:rencana-update": "bappeda",  # what is committed (the operator only records progress, all optional)
}  # fmt: skip
# An empty POST that does not reach a field error: the data that does.
DATA_GAGAL = {
    # The attendance page names its session and day in hidden fields; a day outside the session is refused.
    "pelatihan:kehadiran": lambda d: {"sesi": d.sesi_diklat.pk, "tanggal": "1999-01-01"},
    # Forms whose every field may be left empty (progress, a date still to set): a value that is none.
    "pud:pengajuan-berita-acara": lambda d: {"tanggal_fgd": "kemarin"},
    "pud:pengajuan-jadwal": lambda d: {"jadwal_fgd": "kemarin"},
    # The targets page saves one section, named in a hidden field.
    "wilayah:target": lambda d: {"bagian": "kader", "target_minimal": "", "target_maksimal": "10"},
}
# Forms whose every error has no field to link to (hidden fields): the summary stands without a link.
TANPA_TAUTAN: set[str] = set()


def _daun(patterns, namespace=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            yield from _daun(pattern.url_patterns, namespace + ((pattern.namespace,) if pattern.namespace else ()))
        else:
            yield ":".join(namespace + (pattern.name,)), pattern.callback


def halaman_formulir(callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    return view_class is not None and issubclass(view_class, (FormMixin, ImporExcelView))


def nama_formulir() -> list[str]:
    """Every form page of the URLconf outside wisata and lkk, and every page that shows a form again inline."""
    return sorted(
        nama for nama, callback in _daun(get_resolver().url_patterns)
        if not nama.startswith(MILIK_REKAN) and (halaman_formulir(callback) or nama in ISIAN_SEBARIS)
    )  # fmt: skip


FORMULIR = nama_formulir()


def test_setiap_view_post_tergolong():
    """A new POST view is walked as a form, or named as one that shows its form inline or as a button."""
    belum = [
        nama for nama, callback in _daun(get_resolver().url_patterns)
        if not nama.startswith(MILIK_REKAN) and menangani_post(callback) and not halaman_formulir(callback)
        and nama not in ISIAN_SEBARIS | TANPA_ISIAN
    ]  # fmt: skip
    assert belum == [], f"Golongkan view POST ini di ISIAN_SEBARIS atau TANPA_ISIAN: {belum}"
    assert {"kader:kader-create", "pelatihan:diklat-create", "login", "kader:kader-impor"} <= set(FORMULIR)


@pytest.fixture(scope="module")
def media_modul(tmp_path_factory):
    return tmp_path_factory.mktemp("media_formulir")


@pytest.fixture(autouse=True)
def _media_root(settings, media_modul):
    settings.MEDIA_ROOT = media_modul


@pytest.fixture(scope="module")
def dunia(django_db_setup, django_db_blocker, media_modul):
    """test_hanya_baca's world, built once for the module inside a transaction rolled back at its end."""
    with dunia_sekali(django_db_blocker, media_modul) as d:
        d.ujung = {u.nama: u for u in semua_ujung(d) if not u.di_admin}
        yield d


@pytest.fixture
def tanpa_log_peringatan():
    semula = logging.root.manager.disable
    logging.disable(logging.WARNING)
    yield
    logging.disable(semula)


def _klien(d, siapa) -> Client:
    client = Client()
    if siapa is not None:
        client.force_login(d.operator if siapa == "operator" else d.bappeda)
    return client


def _pengguna(nama):
    if nama in PENGGUNA_LAIN:
        return PENGGUNA_LAIN[nama]
    assert nama in BUKTI_PORTAL, f"{nama}: siapa yang boleh memakai formulir ini? Tambahkan ke PENGGUNA_LAIN."
    return BUKTI_PORTAL[nama]


TAUTAN = re.compile(r'<a href="#([^"]+)" class="alert-link"')


@pytest.mark.parametrize("nama", FORMULIR)
def test_isian_salah_menampilkan_ringkasan_dengan_tautan(nama, dunia, db, tanpa_log_peringatan):
    """An empty (or wrong) POST, by a user allowed to, shows the summary at the top with a link to a failing
    field that is on the page; nothing reads "---------"."""
    d = dunia
    ujung = d.ujung[nama]
    data = DATA_GAGAL[nama](d) if nama in DATA_GAGAL else {}
    response = _klien(d, _pengguna(nama)).post(ujung.url, data)
    html = response.content.decode()
    assert response.status_code in (200, 400), f"{nama}: status {response.status_code}"
    assert 'id="ringkasan-galat"' in html, f"{nama}: tidak ada ringkasan galat"
    assert html.index('id="ringkasan-galat"') < html.index('method="post"', html.index('id="ringkasan-galat"')), nama
    tautan = TAUTAN.findall(html)
    if nama not in TANPA_TAUTAN:
        assert tautan, f"{nama}: ringkasan tanpa tautan ke isian"
    for anchor in tautan:
        assert f'id="{anchor}"' in html, f"{nama}: tautan #{anchor} tidak menuju isian di halaman"
    assert KOSONG_DJANGO not in html, f"{nama}: pilihan kosong '---------'"


def _halaman_html(response) -> bool:
    return response.status_code == 200 and response.get("Content-Type", "").startswith("text/html") and not response.streaming


@pytest.mark.parametrize("siapa", ["operator", "bappeda"])
def test_tidak_ada_tambah_data_dan_tanda_hubung_di_halaman_mana_pun(siapa, dunia, db, tanpa_log_peringatan):
    """Every page outside wisata and lkk (forms, list filters, detail pages with inline forms), as the kelurahan
    operator and as Bappeda: no heading "Tambah data", no empty option "---------"."""
    d = dunia
    client = _klien(d, siapa)
    dibuka, salah = 0, []
    for nama, ujung in d.ujung.items():
        if nama.startswith(MILIK_REKAN) or nama in {"logout"}:
            continue
        response = client.get(ujung.url)
        if not _halaman_html(response):
            continue
        dibuka += 1
        html = response.content.decode()
        if "Tambah data" in html:
            salah.append(f"{nama}: 'Tambah data'")
        if KOSONG_DJANGO in html:
            salah.append(f"{nama}: '---------'")
    assert dibuka > 60, dibuka
    assert salah == []


H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _judul(html) -> tuple[str, str]:
    teks = lambda s: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", s)).strip()  # noqa: E731
    return teks(H1.search(html).group(1)), teks(TITLE.search(html).group(1))


@pytest.mark.parametrize(
    "nama, harapan",
    [
        ("kader:kader-create", lambda d: "Tambah kader KPM"),
        ("kader:kader-update", lambda d: f"Ubah kader KPM {d.kader.nama}"),
        ("wilayah:rw-create", lambda d: "Tambah RW"),
        ("wilayah:rw-update", lambda d: f"Ubah {d.rw}"),
        ("wilayah:rt-create", lambda d: "Tambah RT"),
        ("kader:forkom-create", lambda d: f"Tambah {KepengurusanForkom._meta.verbose_name}"),
        ("kader:forkom-update", lambda d: f"Ubah kepengurusan {d.forkom}"),
        ("kader:lomba-create", lambda d: "Tambah lomba KPM Berprestasi"),
        ("kader:lomba-usulkan", lambda d: f"Usulkan kader untuk {d.lomba}"),
    ],
)
def test_judul_menyebut_apa_yang_ditambah_atau_diubah(nama, harapan, dunia, db):
    d = dunia
    siapa = "bappeda" if nama == "kader:lomba-create" else "operator"
    response = _klien(d, siapa).get(d.ujung[nama].url)
    assert response.status_code == 200
    h1, title = _judul(response.content.decode())
    assert h1 == harapan(d)
    assert title.startswith(harapan(d))


def test_judul_dari_nama_model_dan_objek(db):
    assert judul_formulir("diklat") == "Tambah diklat"
    kader = Kader(pk=1, nama="Siti Aminah")
    assert judul_formulir(huruf_kecil_awal(Kader._meta.verbose_name), kader) == "Ubah kader Pemberdayaan Masyarakat Siti Aminah"
    assert judul_formulir("kader KPM", kader) == "Ubah kader KPM Siti Aminah"
    # The kind is not said twice when the object's name starts with (the end of) it.
    objek = lambda nama: type("Objek", (), {"pk": 1, "__str__": lambda self: nama})()  # noqa: E731
    assert judul_formulir("RW", objek("RW 01 Jati")) == "Ubah RW 01 Jati"
    assert judul_formulir("kepengurusan Forkom KPM", objek("Forkom KPM Jati 2024-2029")) == "Ubah kepengurusan Forkom KPM Jati 2024-2029"
    assert judul_formulir("kriteria", objek("Kriteria-ku")) == "Ubah kriteria Kriteria-ku"  # a whole word only
    assert judul_formulir("", None) == ""


# --------------------------------------------------------------------------- empty choices


def test_label_pilihan_kosong():
    assert label_pilihan_kosong("Jenis kelamin") == "Pilih jenis kelamin…"
    assert label_pilihan_kosong("RW") == "Pilih RW…"
    assert label_pilihan_kosong("UMKM") == "Pilih UMKM…"
    assert label_pilihan_kosong("") == "Pilih…"
    assert label_pilihan_kosong("Status", saring=True) == "Semua"
    assert huruf_kecil_awal("Kader Pemberdayaan Masyarakat") == "kader Pemberdayaan Masyarakat"
    assert huruf_kecil_awal("KPM Berprestasi") == "KPM Berprestasi"


class _Contoh(PilihanKosongMixin, forms.Form):
    jenis_kelamin = forms.ChoiceField(label="Jenis kelamin", choices=[("", KOSONG_DJANGO), ("L", "Laki-laki"), ("P", "Perempuan")])
    rw = forms.ModelChoiceField(label="RW", queryset=RW.objects.none())
    kelurahan = forms.ModelChoiceField(label="Kelurahan", queryset=RW.objects.none(), empty_label="Seluruh kota")
    aktif = forms.NullBooleanField(label="Aktif")


def test_formulir_isian_bertanya_pilih():
    html = str(_Contoh())
    assert KOSONG_DJANGO not in html
    assert '<option value="" selected>Pilih jenis kelamin…</option>' in html
    assert '<option value="" selected>Pilih RW…</option>' in html
    assert "Seluruh kota" in html  # an empty label the form chose is kept


def test_saringan_berarti_semua():
    import django_filters

    class Saring(FilterSetPortal):
        status = django_filters.ChoiceFilter(label="Status", choices=[("a", "Aktif")])
        rw = django_filters.ModelChoiceFilter(label="RW", queryset=RW.objects.none())
        aktif = django_filters.BooleanFilter(label="Aktif")

        class Meta:
            model = RW
            fields = []

    html = str(Saring({}, queryset=RW.objects.none()).form)
    assert KOSONG_DJANGO not in html and "Tidak diketahui" not in html and "Unknown" not in html
    assert html.count('<option value="" selected>Semua</option>') == 2
    assert '<option value="unknown" selected>Semua</option>' in html


def test_fungsi_yang_sama_untuk_field_lepas():
    fields = {"jenis": forms.TypedChoiceField(label="Jenis", choices=[("", KOSONG_DJANGO), ("a", "A")])}
    ganti_pilihan_kosong(fields)
    assert list(fields["jenis"].choices)[0] == ("", "Pilih jenis…")
