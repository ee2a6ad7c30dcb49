"""Demo data of the PUD programme (idempotent): this year's round, opened and scheduled by Bappeda,
with UMKM of real-sounding Probolinggo products and kelurahan at every stage of the workflow.

- Kebonsari Wetan (``pemmas.kebonsariwetan``): FGD held, agro and kerajinan chosen, no budaya
  nomination and no signed scan yet: the demo operator finishes (the Jaran Bodhag sanggar is
  recorded, waiting to be nominated) and submits.
- Kanigaran: Tisnonegaran and Kanigaran submitted (``camat.kanigaran`` verifies or returns them),
  Kebonsari Kulon verified, Sukoharjo returned with a note, Curahgrinting's FGD day passed without
  an FGD (a "needs action" line).
- Mayangan verified (Bappeda can determine it), Mayangan and Ketapang determined under one decree:
  the public catalogue shows their products.

Everything is written through ``pud.services`` by the role that owns each step. The demo users of
``wilayah.demo`` cover one kelurahan and one kecamatan, so the other staged kelurahan and kecamatan
get an operator or camat account of their own (``pemmas.<kelurahan>``, ``camat.<kecamatan>``; no
password: they only appear as the authors of the recorded steps).

The story is told in the past, because the monthly reports the demo makes next read it month by
month: the FGDs were held some six weeks ago, the steps a few days after them. The services
refuse or stamp past dates (``jadwal_buat`` starts today, the step log records now), so the demo
(a) generates the schedule from today, then moves the staged kelurahan to their past FGD days with
``jadwal_ubah``, and (b) after the services have run, dates the step log, the nominations, the UMKM
and the round's opening back to when they happened (queryset updates of those timestamps only).

Product photos are not made: there was no photo service on main when this was written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wilayah.cetak import blok_tanda_tangan, dokumen_pdf, gaya, kop_surat, paragraf
from wilayah.demo import WARNA_CONTOH, gambar_contoh
from wilayah.models import RW, Kecamatan, Kelurahan, Lingkup
from wilayah.periode import tanggal_id
from wilayah.roles import CAMAT, OPERATOR_KELURAHAN
from wilayah.scoping import Tingkat

from . import services
from .models import (
    UMKM,
    KategoriKosong,
    KategoriPUD,
    KriteriaPUD,
    LangkahPUD,
    OmzetBulanan,
    PengajuanPUD,
    PeranPeserta,
    PesertaFGD,
    Siklus,
    StatusSiklus,
    Usulan,
    hari_kerja_berikut,
)

TEMPAT_FGD = "Ruang Pertemuan Kantor Bappeda Litbang Kota Probolinggo"
OPERATOR_DEMO = "pemmas.kebonsariwetan"
CAMAT_DEMO = "camat.kanigaran"
BAPPEDA_DEMO = "bappeda"
HARI_FGD_PERTAMA = 42  # the first FGD day: this many days ago (the next working day)


@dataclass(frozen=True)
class DemoUMKM:
    nama: str
    pemilik: str
    kategori: str
    produk: str
    tahun_mulai: int
    tenaga_kerja: int
    omzet: str
    telepon: str
    nib: str = ""
    kontak: str = ""  # shown in the public catalogue when given


@dataclass(frozen=True)
class DemoUsulan:
    umkm: int  # index into the kelurahan's UMKM
    produk: str
    alasan: str
    utama: bool = True
    skor: tuple[int, ...] = (4, 4, 3, 4, 3, 4)


@dataclass(frozen=True)
class DemoKelurahan:
    kode: str
    tahap: str  # draf, terlewat, diajukan, dikembalikan, diverifikasi, ditetapkan
    hari: int  # which FGD day (0: the first)
    umkm: tuple[DemoUMKM, ...] = ()
    usulan: tuple[DemoUsulan, ...] = ()
    kosong: dict[str, str] = field(default_factory=dict)
    catatan: str = ""  # the camat's note when returned
    pindaian: bool = True  # the signed berita acara uploaded


KELURAHAN_DEMO = (
    DemoKelurahan(
        "35.74.04.1004", "draf", 3,
        umkm=(
            DemoUMKM("Sari Mangga Kebonsari", "Siti Aminah", "agro", "Keripik, dodol dan sirup mangga arumanis", 2015, 6, OmzetBulanan.SAMPAI_15, "081234567801", "9120001234501", "WA 0812-3456-7801"),
            DemoUMKM("Olahan Ikan Bu Sumi", "Sumiati", "agro", "Otak-otak, kerupuk dan abon ikan tongkol", 2018, 4, OmzetBulanan.SAMPAI_5, "081234567802"),
            DemoUMKM("Batik Tulis Mangga Anggur", "Rudi Hartono", "kerajinan", "Batik tulis motif mangga dan anggur khas Probolinggo", 2012, 8, OmzetBulanan.SAMPAI_50, "081234567803", "9120001234503"),
            DemoUMKM("Sanggar Jaran Bodhag Lestari", "Slamet Riyadi", "budaya", "Pentas kesenian Jaran Bodhag untuk hajatan dan festival", 2009, 15, OmzetBulanan.SAMPAI_15, "081234567804"),
        ),
        usulan=(
            DemoUsulan(0, "Dodol dan sirup mangga arumanis", "Bahan dari kebun mangga warga; sudah dijual ke toko oleh-oleh."),
            DemoUsulan(1, "Abon ikan tongkol", "Ikan dari TPI Mayangan; pasar masih sekitar kelurahan.", utama=False, skor=(4, 3, 3, 3, 2, 3)),
            DemoUsulan(2, "Batik tulis motif mangga-anggur", "Motif khas kota; pengrajin melatih remaja RW 02.", skor=(4, 5, 4, 4, 3, 4)),
        ),
        pindaian=False,
    ),
    DemoKelurahan("35.74.04.1005", "terlewat", 3, umkm=(
        DemoUMKM("Dodol Nangka Curahgrinting", "Maimunah", "agro", "Dodol dan keripik nangka", 2019, 3, OmzetBulanan.SAMPAI_5, "081234567805"),
    )),
    DemoKelurahan(
        "35.74.04.1001", "diajukan", 2,
        umkm=(
            DemoUMKM("Anggur Hijau Pak Hasan", "Hasan Basri", "agro", "Bibit anggur, anggur segar dan sirup anggur Probolinggo", 2010, 5, OmzetBulanan.SAMPAI_15, "081234567806"),
            DemoUMKM("Anyaman Bambu Tisno", "Suparno", "kerajinan", "Besek, tampah dan kap lampu dari bambu", 2014, 7, OmzetBulanan.SAMPAI_5, "081234567807"),
        ),
        usulan=(
            DemoUsulan(0, "Sirup dan bibit anggur", "Anggur ikon Kota Probolinggo; bibit dijual sampai luar kota."),
            DemoUsulan(1, "Besek dan kap lampu bambu", "Bambu dari pekarangan warga; tujuh perajin ibu rumah tangga."),
        ),
        kosong={"budaya": "Belum ada kelompok kesenian yang berjalan sebagai usaha."},
    ),
    DemoKelurahan(
        "35.74.04.1003", "diajukan", 2,
        umkm=(
            DemoUMKM("Tape Manis Bu Lilik", "Lilik Suryani", "agro", "Tape singkong dan suwar-suwir tape", 2016, 4, OmzetBulanan.SAMPAI_5, "081234567808"),
            DemoUMKM("Grup Ludruk Kanigaran Budoyo", "Sukardi", "budaya", "Pentas ludruk dan kidungan Jawa Timuran", 2005, 20, OmzetBulanan.SAMPAI_5, "081234567809"),
        ),
        usulan=(
            DemoUsulan(0, "Suwar-suwir tape", "Oleh-oleh khas; bahan singkong dari petani Kedopok."),
            DemoUsulan(1, "Pentas ludruk", "Kesenian asli Jawa Timur yang masih rutin pentas di kota."),
        ),
        kosong={"kerajinan": "Perajin di kelurahan ini belum berbentuk usaha tetap."},
    ),
    DemoKelurahan(
        "35.74.04.1002", "dikembalikan", 3,
        umkm=(DemoUMKM("Sambal Terasi Mbok Yem", "Suyem", "agro", "Sambal terasi dan petis udang kemasan", 2017, 3, OmzetBulanan.SAMPAI_5, "081234567810"),),
        usulan=(DemoUsulan(0, "Sambal terasi kemasan botol", "Resep turun-temurun; sudah terdaftar PIRT."),),
        kosong={"kerajinan": "Tidak ada perajin yang terdaftar.", "budaya": "Tidak ada kelompok seni."},
        catatan="Kategori kerajinan dinyatakan tidak ada, padahal ada perajin rotan di RW 03. Mohon dibahas ulang dan lengkapi usulannya.",
    ),
    DemoKelurahan(
        "35.74.04.1006", "diverifikasi", 2,
        umkm=(
            DemoUMKM("Kerupuk Ikan Kulon Jaya", "Abdul Rohman", "agro", "Kerupuk ikan dan terasi udang", 2013, 6, OmzetBulanan.SAMPAI_15, "081234567811"),
            DemoUMKM("Kerajinan Kerang Kebonsari", "Nur Hasanah", "kerajinan", "Hiasan dan cendera mata dari kerang", 2020, 3, OmzetBulanan.SAMPAI_5, "081234567812"),
        ),
        usulan=(
            DemoUsulan(0, "Kerupuk ikan kemasan", "Ikan segar dari nelayan Mayangan; enam tenaga kerja."),
            DemoUsulan(1, "Cendera mata kerang", "Bahan limbah kerang; dijual di pusat oleh-oleh."),
        ),
        kosong={"budaya": "Belum ada kelompok seni yang aktif."},
    ),
    DemoKelurahan(
        "35.74.03.1004", "diverifikasi", 1,
        umkm=(
            DemoUMKM("Abon Lele Jati", "Wahyuni", "agro", "Abon dan kerupuk lele", 2018, 5, OmzetBulanan.SAMPAI_15, "081234567813"),
            DemoUMKM("Kerajinan Rotan Jati", "Mustofa", "kerajinan", "Kursi, keranjang dan parsel rotan", 2008, 9, OmzetBulanan.SAMPAI_50, "081234567814", "9120001234514"),
        ),
        usulan=(
            DemoUsulan(0, "Abon lele", "Lele dari kolam warga; sudah dijual daring."),
            DemoUsulan(1, "Keranjang parsel rotan", "Pesanan rutin menjelang Lebaran; sembilan tenaga kerja."),
        ),
        kosong={"budaya": "Belum ada kelompok seni yang berbentuk usaha."},
    ),
    DemoKelurahan(
        "35.74.03.1001", "ditetapkan", 1,
        umkm=(
            DemoUMKM("Bandeng Presto Mayangan", "Fatimah", "agro", "Bandeng presto, bandeng asap dan terasi Mayangan", 2011, 10, OmzetBulanan.SAMPAI_50, "081234567815", "9120001234515", "WA 0812-3456-7815"),
            DemoUMKM("Miniatur Perahu Mayangan", "Sugeng", "kerajinan", "Miniatur perahu nelayan dari kayu", 2007, 4, OmzetBulanan.SAMPAI_15, "081234567816", "", "WA 0812-3456-7816"),
            DemoUMKM("Paguyuban Jaranan Turonggo Samudro", "Bambang", "budaya", "Pentas jaranan dan reog untuk festival pantai", 2003, 25, OmzetBulanan.SAMPAI_15, "081234567817", "", "Instagram @turonggosamudro"),
        ),
        usulan=(
            DemoUsulan(0, "Bandeng presto Mayangan", "Ikan dari pelabuhan perikanan sendiri; sepuluh tenaga kerja.", skor=(5, 4, 4, 4, 4, 4)),
            DemoUsulan(1, "Miniatur perahu nelayan", "Mengangkat budaya pesisir; pesanan dari luar kota.", skor=(4, 5, 3, 5, 3, 3)),
            DemoUsulan(2, "Pentas jaranan pesisir", "Kelompok seni tertua di kelurahan; tampil di Festival Pantai.", skor=(4, 5, 4, 3, 3, 3)),
        ),
    ),
    DemoKelurahan(
        "35.74.01.1001", "ditetapkan", 0,
        umkm=(
            DemoUMKM("Kebun Anggur Ketapang", "Joko Susilo", "agro", "Anggur segar, kismis dan bibit anggur", 2012, 6, OmzetBulanan.SAMPAI_15, "081234567818", "", "WA 0812-3456-7818"),
            DemoUMKM("Batik Ketapang Mutiara", "Endang Lestari", "kerajinan", "Batik cap dan tulis motif bahari", 2015, 7, OmzetBulanan.SAMPAI_15, "081234567819", "9120001234519", "WA 0812-3456-7819"),
        ),
        usulan=(
            DemoUsulan(0, "Anggur segar dan kismis", "Kebun wisata petik anggur; bibit dari varietas Probolinggo Super.", skor=(5, 4, 3, 4, 4, 4)),
            DemoUsulan(1, "Batik motif bahari", "Motif khas pesisir; tujuh pembatik binaan.", skor=(4, 4, 4, 4, 3, 3)),
        ),
        kosong={"budaya": "Belum ada kelompok seni yang berbentuk usaha."},
    ),
)


def _waktu(tanggal: dt.date, jam: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(jam)))


def _hari_kerja(mulai: dt.date, n: int) -> dt.date:
    """The ``n``-th working day from ``mulai`` (0: ``mulai`` itself, or the next working day)."""
    hari = hari_kerja_berikut(mulai)
    for _ in range(n):
        hari = hari_kerja_berikut(hari + dt.timedelta(days=1))
    return hari


def _slug(nama: str) -> str:
    return re.sub(r"[^a-z0-9]", "", nama.lower())


def _akun(username: str, nama: str, peran: str, *, kelurahan=None, kecamatan=None, jabatan: str = ""):
    """An account that only authors the demo's steps (no password), as ``wilayah.demo`` makes accounts."""
    User = get_user_model()
    user, dibuat = User.objects.get_or_create(username=username, defaults={"first_name": nama.partition(" ")[0], "last_name": nama.partition(" ")[2]})
    if dibuat:
        user.set_unusable_password()
        user.save()
        user.groups.set([Group.objects.get(name=peran)])
        Lingkup.objects.create(
            user=user, tingkat=Tingkat.KELURAHAN if kelurahan else Tingkat.KECAMATAN, kelurahan=kelurahan, kecamatan=kecamatan, jabatan=jabatan,
        )
    return user


def _operator(kelurahan: Kelurahan):
    if kelurahan.kode == "35.74.04.1004":
        return get_user_model().objects.get(username=OPERATOR_DEMO)
    return _akun(f"pemmas.{_slug(kelurahan.nama)}", f"Kasi Pemmas {kelurahan.nama}", OPERATOR_KELURAHAN, kelurahan=kelurahan, jabatan="Kasi Pemmas")


def _camat(kecamatan: Kecamatan):
    if kecamatan.kode == "35.74.04":
        return get_user_model().objects.get(username=CAMAT_DEMO)
    return _akun(f"camat.{_slug(kecamatan.nama)}", f"Camat {kecamatan.nama}", CAMAT, kecamatan=kecamatan, jabatan="Camat")


def _peserta(kelurahan: Kelurahan) -> list[tuple[str, str, str]]:
    return [
        (PeranPeserta.CAMAT, f"Camat {kelurahan.kecamatan.nama}", f"Kecamatan {kelurahan.kecamatan.nama}"),
        (PeranPeserta.LURAH, f"Lurah {kelurahan.nama}", f"Kelurahan {kelurahan.nama}"),
        (PeranPeserta.KASI_PEMMAS, f"Kasi Pemmas {kelurahan.nama}", f"Kelurahan {kelurahan.nama}"),
        (PeranPeserta.LPM, "Ketua LPM", f"LPM {kelurahan.nama}"),
        (PeranPeserta.BAPPEDA, "Ema Rani Hapsari", "Bappeda Litbang, Subbidang KUPPP"),
    ]


def _berita_acara_pdf(kelurahan: Kelurahan, tanggal: dt.date, usulan: list[Usulan], kosong: dict[str, str]) -> bytes:
    """A small signed berita acara "scan" made from the data (the demo has no scanner)."""
    g = gaya()
    isi = [
        paragraf("BERITA ACARA FGD PRODUK UNGGULAN DAERAH (PUD)", g.judul),
        paragraf(f"Pada {tanggal_id(tanggal)} di {TEMPAT_FGD} telah dilaksanakan FGD PUD Kelurahan {kelurahan.nama} dengan hasil:", g.biasa),
    ]
    for u in usulan:
        isi.append(paragraf(f"- {KategoriPUD(u.kategori).label} ({u.jenis_label}): {u.produk}, {u.umkm.nama_usaha}", g.biasa))
    for kategori, alasan in kosong.items():
        isi.append(paragraf(f"- {KategoriPUD(kategori).label}: tidak ada usulan ({alasan})", g.biasa))
    penanda = {"penanda_tangan_nama": f"Lurah {kelurahan.nama}", "penanda_tangan_jabatan": "Lurah", "mengetahui_nama": f"Camat {kelurahan.kecamatan.nama}",
               "mengetahui_jabatan": "Camat", "tanggal": tanggal}
    return dokumen_pdf(judul="Berita acara FGD PUD", isi=isi, kop=kop_surat(kelurahan=kelurahan), tanda_tangan=blok_tanda_tangan(penanda, tempat="Probolinggo"))


def _rw_pertama(kelurahan: Kelurahan):
    return RW.objects.filter(kelurahan=kelurahan).order_by("nomor").first()


def _umkm(kelurahan: Kelurahan, data: DemoUMKM, operator) -> UMKM:
    ada = UMKM.objects.filter(kelurahan=kelurahan, nama_usaha=data.nama).first()
    if ada is not None:
        return ada
    rw = _rw_pertama(kelurahan)
    return services.umkm_simpan(acting_user=operator, umkm=UMKM(
        nama_usaha=data.nama, pemilik_nama=data.pemilik, pemilik_telepon=data.telepon, kelurahan=kelurahan, rw=rw,
        alamat=f"RW {rw.nomor if rw else 1:02d}, Kelurahan {kelurahan.nama}",
        kategori=data.kategori, produk=data.produk, tahun_mulai=data.tahun_mulai, tenaga_kerja=data.tenaga_kerja, omzet_bulanan=data.omzet,
        nib=data.nib, kontak_publik=data.kontak, kontak_publik_tampil=bool(data.kontak),
    ))


def _langkah(pengajuan: PengajuanPUD, user, aksi: str, tanggal: dt.date, **kwargs) -> None:
    services.pengajuan_langkah(acting_user=user, pengajuan=pengajuan, aksi=aksi, **kwargs)
    terakhir = LangkahPUD.objects.filter(pengajuan=pengajuan).order_by("-pk").first()
    LangkahPUD.objects.filter(pk=terakhir.pk).update(pada=_waktu(tanggal, 14))  # when it happened (module docstring)


@transaction.atomic
def muat_demo(stdout=None) -> None:
    User = get_user_model()
    bappeda = User.objects.filter(username=BAPPEDA_DEMO).first()
    if bappeda is None or not User.objects.filter(username__in=[OPERATOR_DEMO, CAMAT_DEMO]).count() == 2:
        return  # wilayah.demo makes the demo users first
    hari_ini = timezone.localdate()
    if Siklus.objects.filter(tahun=hari_ini.year).exists():
        return  # made before (or Bappeda opened this year's round itself): nothing to add
    if Siklus.objects.filter(status=StatusSiklus.DIBUKA).exists():
        if stdout is not None:
            stdout.write("PUD: putaran lain masih dibuka; data contoh PUD dilewati.")
        return

    siklus = services.siklus_buka(
        acting_user=bappeda, tahun=hari_ini.year, batas_pengajuan=hari_ini + dt.timedelta(days=21),
        catatan="FGD kelurahan di Ruang Pertemuan Bappeda Litbang, tiga kelurahan sehari.",
    )
    services.jadwal_buat(acting_user=bappeda, siklus=siklus, mulai=hari_ini, kelurahan_per_hari=3, tempat=TEMPAT_FGD)
    kriteria = list(KriteriaPUD.objects.filter(siklus=siklus).order_by("urutan", "pk").values_list("pk", flat=True))
    mulai = hari_ini - dt.timedelta(days=HARI_FGD_PERTAMA)
    kelurahan = {k.kode: k for k in Kelurahan.objects.select_related("kecamatan").filter(kode__in=[d.kode for d in KELURAHAN_DEMO])}
    semua_umkm, ditetapkan, terakhir_fgd = [], [], mulai

    for data in KELURAHAN_DEMO:
        kel = kelurahan.get(data.kode)
        if kel is None:
            continue
        operator, camat = _operator(kel), _camat(kel.kecamatan)
        hari_fgd = _hari_kerja(mulai, data.hari)
        terakhir_fgd = max(terakhir_fgd, hari_fgd)
        umkm = [_umkm(kel, u, operator) for u in data.umkm]
        semua_umkm += umkm
        pengajuan = PengajuanPUD.objects.get(siklus=siklus, kelurahan=kel)
        pengajuan = services.jadwal_ubah(acting_user=bappeda, pengajuan=pengajuan, jadwal_fgd=hari_fgd, jadwal_tempat=TEMPAT_FGD)
        if data.tahap == "terlewat":
            continue

        for peran, nama, jabatan in _peserta(kel) + [(PeranPeserta.UMKM, u.pemilik_nama, u.nama_usaha) for u in umkm]:
            services.peserta_simpan(acting_user=operator, peserta=PesertaFGD(pengajuan=pengajuan, peran=peran, nama=nama, jabatan=jabatan))
        usulan = []
        for u in data.usulan:
            baru = services.usulan_simpan(
                acting_user=operator,
                usulan=Usulan(pengajuan=pengajuan, kategori=umkm[u.umkm].kategori, umkm=umkm[u.umkm], produk=u.produk, alasan=u.alasan, utama=u.utama),
                nilai=dict(zip(kriteria, u.skor)),
            )
            usulan.append(baru)
        Usulan.objects.filter(pk__in=[u.pk for u in usulan]).update(dibuat=_waktu(hari_fgd, 11))
        for kategori, alasan in data.kosong.items():
            services.kategori_kosong_simpan(acting_user=operator, kosong=KategoriKosong(pengajuan=pengajuan, kategori=kategori, alasan=alasan))
        rekam = PengajuanPUD.objects.get(pk=pengajuan.pk)
        rekam.tanggal_fgd, rekam.tempat_fgd = hari_fgd, TEMPAT_FGD
        rekam.nomor_berita_acara = f"BA/{data.kode[-4:]}/PUD/{hari_ini.year}"
        if data.pindaian:
            rekam.berita_acara = ContentFile(_berita_acara_pdf(kel, hari_fgd, usulan, data.kosong), name="berita-acara.pdf")
        pengajuan = services.berita_acara_simpan(acting_user=operator, pengajuan=rekam)

        if data.tahap == "draf":
            continue
        _langkah(pengajuan, operator, "ajukan", _hari_kerja(hari_fgd, 2))
        if data.tahap == "dikembalikan":
            _langkah(pengajuan, camat, "kembalikan", _hari_kerja(hari_fgd, 6), catatan=data.catatan)
        elif data.tahap in ("diverifikasi", "ditetapkan"):
            _langkah(pengajuan, camat, "verifikasi", _hari_kerja(hari_fgd, 7), catatan="Sesuai hasil FGD dan berita acara.")
        if data.tahap == "ditetapkan":
            ditetapkan.append(pengajuan.pk)

    if ditetapkan:
        tanggal_keputusan = min(hari_ini, _hari_kerja(terakhir_fgd, 10))
        services.tetapkan_banyak(
            acting_user=bappeda, pengajuan_ids=ditetapkan, tanggal_keputusan=tanggal_keputusan,
            nomor_keputusan=f"100.3.3.3/{tanggal_keputusan.timetuple().tm_yday}/KEP/425.012/{hari_ini.year}",
        )
        LangkahPUD.objects.filter(pengajuan_id__in=ditetapkan, aksi="tetapkan").update(pada=_waktu(tanggal_keputusan, 15))
        # the determined products get a photo, as the kelurahan would upload for the public catalogue
        for i, u in enumerate(Usulan.objects.ditetapkan().filter(pengajuan_id__in=ditetapkan).select_related("umkm__kelurahan__kecamatan").order_by("pk")):
            services.umkm_foto_tambah(
                acting_user=_operator(u.umkm.kelurahan), umkm=u.umkm, keterangan=u.produk,
                berkas=ContentFile(gambar_contoh(u.produk, WARNA_CONTOH[i % len(WARNA_CONTOH)]), name="foto.jpg"),
            )
    # when things happened (the module docstring): UMKM recorded months before the round, the round opened before its FGDs
    UMKM.objects.filter(pk__in=[u.pk for u in semua_umkm]).update(dibuat=_waktu(hari_ini - dt.timedelta(days=150), 9))
    Siklus.objects.filter(pk=siklus.pk).update(dibuka_pada=_waktu(mulai - dt.timedelta(days=14), 8))
    if stdout is not None:
        stdout.write(f"PUD: {siklus.nama}, {len(semua_umkm)} UMKM, {len(ditetapkan)} kelurahan ditetapkan.")
