"""Certificates: who may issue them, to whom, their numbers and codes; the PDF and its QR code; the
page sections of the diklat and the participant."""

import datetime as dt
import io
import re

import pytest
import segno
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from pelatihan import services
from pelatihan.cetak import alamat_verifikasi, kode_dari_masukan, kode_tampil, qr_png, sertifikat_pdf
from pelatihan.models import Instansi, Kehadiran, Peserta, StatusDiklat, StatusHadir
from tests.factories import make_user
from tests.pelatihan.factories import diklat_di, hadir_semua, lulus_di, peserta_di, sertifikat_terbit
from wilayah.roles import OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db


@pytest.fixture
def kota(dua_wilayah):
    """A city diklat (organised by Bappeda) with three participants who completed it and one who missed a day."""
    diklat = diklat_di(judul="Diklat Peningkatan Kapasitas Kasi Pemberdayaan Masyarakat")
    lulus = [lulus_di(diklat, dua_wilayah["kel_a"], nama=n)[0] for n in ("Citra Dewi", "Ahmad Fauzi", "Budi Santoso")]
    bolos = peserta_di(diklat, dua_wilayah["kel_b"], nama="Dodi Absen")
    hari = bolos.sesi.hari()
    Kehadiran.objects.bulk_create([Kehadiran(peserta=bolos, tanggal=hari[0]), Kehadiran(peserta=bolos, tanggal=hari[1]),
                                   Kehadiran(peserta=bolos, tanggal=hari[2], status=StatusHadir.ALPA)])
    return {"diklat": diklat, "lulus": lulus, "bolos": bolos}


def _sertifikat():
    return list(Peserta.objects.bersertifikat().order_by("nomor_urut_sertifikat").values_list("nama", "nomor_urut_sertifikat", "nomor_sertifikat"))


# --------------------------------------------------------------------------- issuing


def test_nomor_urut_berurutan_per_diklat_dan_tidak_berubah_bila_diulang(kota, bappeda, dua_wilayah):
    diklat = kota["diklat"]
    baru = services.sertifikat_terbitkan(acting_user=bappeda, diklat=diklat)
    tahun = diklat.tanggal_selesai.year
    assert _sertifikat() == [  # by name; the one who missed a day gets none
        ("Ahmad Fauzi", 1, f"001/DIKLAT-{diklat.pk}/{tahun}"), ("Budi Santoso", 2, f"002/DIKLAT-{diklat.pk}/{tahun}"),
        ("Citra Dewi", 3, f"003/DIKLAT-{diklat.pk}/{tahun}"),
    ]
    assert len(baru) == 3
    kode = set(Peserta.objects.bersertifikat().values_list("kode_verifikasi", flat=True))
    assert len(kode) == 3 and all(kode_dari_masukan(k) == k for k in kode)

    # Again: nothing new, nobody renumbered; a participant completing later gets the next number.
    assert services.sertifikat_terbitkan(acting_user=bappeda, diklat=diklat) == []
    hadir_semua(peserta_di(diklat, dua_wilayah["kel_a"], nama="Aa Terakhir"))
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=diklat)
    assert [n for _, n, _ in _sertifikat()] == [1, 2, 3, 4] and _sertifikat()[3][0] == "Aa Terakhir"
    assert set(Peserta.objects.filter(nomor_urut_sertifikat__lte=3).values_list("kode_verifikasi", flat=True)) == kode

    # Numbers run per diklat, with the diklat's own format.
    lain = diklat_di(judul="Pelatihan LKK", awalan_nomor_sertifikat="800/BKPSDM/2025")
    lulus_di(lain, dua_wilayah["kel_a"], 2)
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=lain)
    assert sorted(Peserta.objects.filter(diklat=lain).values_list("nomor_sertifikat", flat=True)) == ["001/800/BKPSDM/2025", "002/800/BKPSDM/2025"]


def test_sertifikat_tercatat_di_riwayat_dengan_penerbitnya(kota, bappeda):
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=kota["diklat"])
    versi = kota["lulus"][0].history.order_by("-history_id").first()
    assert versi.kode_verifikasi and versi.history_user == bappeda


def test_peserta_yang_belum_lulus_ditolak_dengan_namanya_dan_tidak_ada_yang_ditulis(kota, bappeda):
    ids = [kota["lulus"][0].pk, kota["bolos"].pk]
    with pytest.raises(ValidationError) as exc:
        services.sertifikat_terbitkan(acting_user=bappeda, diklat=kota["diklat"], peserta_ids=ids)
    assert "Dodi Absen" in " ".join(exc.value.messages) and "Citra" not in " ".join(exc.value.messages)
    assert _sertifikat() == []  # all or nothing: the one who completed did not get hers either


def test_peserta_tertentu_dan_peserta_diklat_lain_ditolak(kota, bappeda, dua_wilayah):
    citra = kota["lulus"][0]
    baru = services.sertifikat_terbitkan(acting_user=bappeda, diklat=kota["diklat"], peserta_ids=[citra.pk])
    assert [p.nama for p in baru] == ["Citra Dewi"] and _sertifikat() == [("Citra Dewi", 1, baru[0].nomor_sertifikat)]
    lain = lulus_di(diklat_di(), dua_wilayah["kel_a"])[0]
    with pytest.raises(ValidationError, match="tidak ditemukan"):
        services.sertifikat_terbitkan(acting_user=bappeda, diklat=kota["diklat"], peserta_ids=[lain.pk])
    assert Peserta.objects.bersertifikat().count() == 1


def test_hanya_penyelenggara(kota, operator_a, camat_a, walikota, bappeda, dua_wilayah):
    # The kelurahan operator and the camat see these participants but do not organise a city diklat;
    # the mayor's office never writes.
    for user in (operator_a, camat_a, walikota):
        with pytest.raises(PermissionDenied):
            services.sertifikat_terbitkan(acting_user=user, diklat=kota["diklat"])
    assert _sertifikat() == []
    # The camat organises a diklat of their kecamatan.
    kecamatan = diklat_di(kecamatan=dua_wilayah["kec_a"])
    lulus_di(kecamatan, dua_wilayah["kel_a"])
    assert len(services.sertifikat_terbitkan(acting_user=camat_a, diklat=kecamatan)) == 1


def test_diklat_batal_ditolak(kota, bappeda):
    diklat = kota["diklat"]
    diklat.status = StatusDiklat.BATAL
    diklat.save()
    with pytest.raises(ValidationError, match="dibatalkan"):
        services.sertifikat_terbitkan(acting_user=bappeda, diklat=diklat)
    assert _sertifikat() == []


def test_persen_hadir_minimal_diklat_dipakai(kota, bappeda):
    """The rule is the queryset's (``dengan_kehadiran``): at 60 % two days of three complete."""
    diklat = kota["diklat"]
    diklat.persen_hadir_minimal = 60
    diklat.save()
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=diklat)
    assert "Dodi Absen" in [n for n, _, _ in _sertifikat()]


def test_kode_yang_bertabrakan_diundi_ulang(kota, bappeda, monkeypatch):
    sertifikat_terbit(peserta_di(diklat_di(), kota["lulus"][0].kelurahan), kode="AAAAAAAAAAAA")
    urutan = iter(["AAAAAAAAAAAA", "AAAAAAAAAAAA", "BBBBBBBBBBBB", "CCCCCCCCCCCC", "DDDDDDDDDDDD"])
    monkeypatch.setattr(services, "buat_kode_verifikasi", lambda: next(urutan))
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=kota["diklat"])
    assert sorted(Peserta.objects.filter(diklat=kota["diklat"]).bersertifikat().values_list("kode_verifikasi", flat=True)) == [
        "BBBBBBBBBBBB", "CCCCCCCCCCCC", "DDDDDDDDDDDD",
    ]


def test_halaman_terbitkan_menampilkan_pesan(client, kota, bappeda, walikota):
    url = reverse("pelatihan:sertifikat-terbitkan", args=[kota["diklat"].pk])
    client.force_login(bappeda)
    response = client.post(url, {"peserta": [kota["bolos"].pk, kota["lulus"][0].pk]}, follow=True)
    assert "Dodi Absen" in response.content.decode() and _sertifikat() == []
    response = client.post(url, follow=True)
    assert "3 sertifikat diterbitkan (nomor urut 001–003)" in response.content.decode()
    assert client.post(url, {"peserta": "abc"}).status_code == 302 and len(_sertifikat()) == 3
    assert client.get(url).status_code == 405
    client.force_login(walikota)
    assert client.post(url).status_code == 403


def test_halaman_terbitkan_bukan_penyelenggara_404(client, dua_wilayah, operator_a, kota):
    client.force_login(operator_a)  # may add diklat of their kelurahan, but does not organise this one
    assert client.post(reverse("pelatihan:sertifikat-terbitkan", args=[kota["diklat"].pk])).status_code == 404
    assert _sertifikat() == []


# --------------------------------------------------------------------------- the PDF


def _teks_pdf(data: bytes) -> list[str]:
    return [halaman.extract_text() for halaman in PdfReader(io.BytesIO(data)).pages]


def test_pdf_satu_halaman_lanskap_per_peserta_dengan_isi_sertifikat(kota, bappeda):
    diklat = kota["diklat"]
    diklat.penyelenggara_lain.add(Instansi.objects.create(nama="Dinas Pariwisata", singkatan="Dispopar"), Instansi.objects.create(nama="DPMD"))
    Peserta.objects.filter(pk=kota["lulus"][1].pk).update(jabatan="Kasi Pemberdayaan Masyarakat")
    diklat.ttd_nama, diklat.ttd_jabatan, diklat.ttd_nip = "Drs. Agus Salim", "Kepala BKPSDM", "197001011990031001"
    diklat.save()
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=diklat)
    peserta = list(Peserta.objects.bersertifikat().select_related("sesi", "kecamatan", "kelurahan").order_by("nomor_urut_sertifikat"))
    pdf = sertifikat_pdf(diklat, peserta)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3
    assert float(reader.pages[0].mediabox.width) > float(reader.pages[0].mediabox.height)
    teks = reader.pages[0].extract_text()
    ahmad = peserta[0]
    for kata in ("SERTIFIKAT", ahmad.nomor_sertifikat, "diberikan kepada", "Ahmad Fauzi", "Kasi Pemberdayaan Masyarakat, Kelurahan Kebonsari Wetan",
                 "PESERTA", "Diklat Peningkatan Kapasitas", diklat.penyelenggara.nama, "Dinas Pariwisata", "DPMD", "26–28 Mei 2025", "Aula DKPPP",
                 kode_tampil(ahmad.kode_verifikasi), "Drs. Agus Salim", "Kepala BKPSDM", "NIP. 197001011990031001", "Probolinggo, 28 Mei 2025"):
        assert kata in re.sub(r"\s+", " ", teks), (kata, teks)
    assert "Budi Santoso" in reader.pages[1].extract_text() and "Ahmad Fauzi" not in reader.pages[1].extract_text()


def test_judul_panjang_tetap_satu_halaman(kota, bappeda):
    diklat = kota["diklat"]
    diklat.judul = ("Diklat " + "Peningkatan Kapasitas Kelembagaan dan Sumber Daya Manusia " * 4)[:200]
    diklat.save()
    diklat.penyelenggara_lain.add(*(Instansi.objects.create(nama=f"Badan Pengembangan Sumber Daya Manusia dan Kelembagaan Daerah Nomor {i}") for i in range(4)))
    Peserta.objects.filter(pk=kota["lulus"][0].pk).update(jabatan="Kepala Seksi " * 11, lembaga_asal="Lembaga Pemberdayaan Masyarakat " * 4)
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=diklat, peserta_ids=[kota["lulus"][0].pk])
    peserta = Peserta.objects.bersertifikat().select_related("sesi", "kecamatan", "kelurahan").get()
    assert len(PdfReader(io.BytesIO(sertifikat_pdf(diklat, [peserta]))).pages) == 1


def _modul_dari_gambar(img, ukuran: int, *, skala=4, tepi=2) -> list[list[bool]]:
    """Read a QR code's modules back from its embedded image (dark pixel at each module's centre)."""
    abu = img.convert("L")
    return [[abu.getpixel(((c + tepi) * skala + skala // 2, (r + tepi) * skala + skala // 2)) < 128 for c in range(ukuran)] for r in range(ukuran)]


def test_qr_di_pdf_menyandikan_alamat_verifikasi_publik(kota, bappeda, settings):
    settings.ALAMAT_PORTAL = "https://portal.probolinggokota.go.id"
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=kota["diklat"], peserta_ids=[kota["lulus"][0].pk])
    peserta = Peserta.objects.bersertifikat().select_related("sesi", "kecamatan", "kelurahan").get()
    url = alamat_verifikasi(peserta.kode_verifikasi)
    assert url == f"https://portal.probolinggokota.go.id/pelatihan/sertifikat/periksa/{peserta.kode_verifikasi}/"
    gambar = PdfReader(io.BytesIO(sertifikat_pdf(kota["diklat"], [peserta]))).pages[0].images
    assert len(gambar) == 1
    harapan = segno.make(url, error="m", boost_error=False)
    dibaca = _modul_dari_gambar(gambar[0].image, harapan.symbol_size(border=0)[0])
    assert dibaca == [[bool(m) for m in baris] for baris in harapan.matrix]
    # ... and that is not true of any other certificate's address (the reading is not vacuous)
    lain = segno.make(alamat_verifikasi("ZZZZZZZZZZZZ"), error="m", boost_error=False)
    assert dibaca != [[bool(m) for m in baris] for baris in lain.matrix]
    assert qr_png(peserta.kode_verifikasi).startswith(b"\x89PNG")


def test_kode_dari_masukan():
    assert kode_dari_masukan("abcd-efgh-jkmn") == "ABCDEFGHJKMN"
    assert kode_dari_masukan(" ABCD EFGH  JKMN ") == "ABCDEFGHJKMN"
    assert kode_dari_masukan("ABCD–EFGH–JKMN") == "ABCDEFGHJKMN"
    for salah in ("", None, "ABCD", "ABCDEFGHJKMN1", "ABCDEFGHJKM0", "ABCDEFGHJKMI", "ABCD/EFGH/JKMN", "' OR 1=1 --", "x" * 3000):
        assert kode_dari_masukan(salah) is None, salah
    assert kode_tampil("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"


def test_unduh_pdf_peserta_menurut_lingkup_dan_hanya_bila_terbit(client, kota, bappeda, operator_a, camat_a, walikota, dua_wilayah):
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=kota["diklat"])
    citra = Peserta.objects.get(nama="Citra Dewi")
    url = reverse("pelatihan:sertifikat-pdf", args=[citra.pk])
    for user in (bappeda, operator_a, camat_a, walikota):  # the organiser, the participant's kelurahan and kecamatan, the mayor's office
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert response["Content-Type"] == "application/pdf" and response["Content-Security-Policy"] == "sandbox"
        teks = _teks_pdf(b"".join(response.streaming_content))[0]
        assert "Citra Dewi" in teks and citra.nomor_sertifikat in teks and kode_tampil(citra.kode_verifikasi) in teks
    operator_b = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b")
    client.force_login(operator_b)
    assert client.get(url).status_code == 404  # another kelurahan's participant
    client.force_login(bappeda)
    assert client.get(reverse("pelatihan:sertifikat-pdf", args=[kota["bolos"].pk])).status_code == 404  # not issued


# --------------------------------------------------------------------------- the page sections


def _render(nama, **context):
    from django.template.loader import render_to_string

    return re.sub(r"\s+", " ", render_to_string(f"pelatihan/{nama}", context))


@pytest.mark.django_db(transaction=True)
def test_bagian_diklat_sesudah_basis_data_dikosongkan(rf, kota, bappeda):
    """The counts hold after a flush (ids no longer start at 1), where an aggregate over ``lulus`` counted nothing."""
    request = rf.get("/")
    request.user = bappeda
    assert "3 peserta menyelesaikan diklat · 0 sertifikat terbit" in _render("_diklat_sertifikat.html", diklat=kota["diklat"], request=request)


def test_bagian_diklat(rf, kota, bappeda, operator_a, django_assert_max_num_queries):
    request = rf.get("/")
    request.user = bappeda
    with django_assert_max_num_queries(7):  # the user's scope, permissions and groups (once a request), then three
        html = _render("_diklat_sertifikat.html", diklat=kota["diklat"], request=request)
    assert "3 peserta menyelesaikan diklat · 0 sertifikat terbit" in html and "Terbitkan sertifikat" in html and "Cetak semua" not in html
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=kota["diklat"])
    html = _render("_diklat_sertifikat.html", diklat=kota["diklat"], request=request)
    assert "3 sertifikat terbit" in html and "Terbitkan sertifikat" not in html and "Cetak semua (PDF)" in html
    request.user = operator_a  # sees the participants of their kelurahan, organises nothing here
    html = _render("_diklat_sertifikat.html", diklat=kota["diklat"], request=request)
    assert "3 sertifikat terbit" in html and "Cetak semua" not in html and "Terbitkan" not in html


def test_bagian_peserta(rf, kota, bappeda, operator_a):
    request = rf.get("/")
    request.user = bappeda
    bolos, citra = kota["bolos"], kota["lulus"][0]
    assert "hadir 2 dari 3 hari" in _render("_peserta_sertifikat.html", peserta=bolos, request=request)
    html = _render("_peserta_sertifikat.html", peserta=citra, request=request)
    assert "belum diterbitkan" in html and f'name="peserta" value="{citra.pk}"' in html
    request.user = operator_a
    assert "Terbitkan" not in _render("_peserta_sertifikat.html", peserta=citra, request=request)
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=kota["diklat"])
    citra.refresh_from_db()
    html = _render("_peserta_sertifikat.html", peserta=citra, request=request)
    assert citra.nomor_sertifikat in html and kode_tampil(citra.kode_verifikasi) in html
    assert reverse("pelatihan:sertifikat-pdf", args=[citra.pk]) in html


def test_terbitkan_satu_peserta_dari_halamannya(client, kota, bappeda):
    client.force_login(bappeda)
    citra = kota["lulus"][0]
    response = client.post(reverse("pelatihan:sertifikat-terbitkan", args=[kota["diklat"].pk]), {"peserta": citra.pk})
    assert response.url == reverse("pelatihan:peserta-detail", args=[citra.pk])
    assert [n for n, _, _ in _sertifikat()] == ["Citra Dewi"]


def test_tanggal_sertifikat_lintas_bulan(dua_wilayah, bappeda):
    diklat = diklat_di(mulai=dt.date(2025, 5, 30), hari=4, status=StatusDiklat.TERLAKSANA)
    services.sertifikat_terbitkan(acting_user=bappeda, diklat=diklat, peserta_ids=[lulus_di(diklat, dua_wilayah["kel_a"])[0].pk])
    peserta = Peserta.objects.bersertifikat().select_related("sesi", "kecamatan", "kelurahan").get()
    assert "30 Mei – 2 Juni 2025" in _teks_pdf(sertifikat_pdf(diklat, [peserta]))[0]
