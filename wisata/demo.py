"""Demo data of the wisata programme (idempotent): destinations in Kebonsari Wetan and a few other
kelurahan, events of the year (some annual), photos, and this year's targets."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wilayah.berkas import simpan_foto
from wilayah.demo import WARNA_CONTOH, gambar_contoh
from wilayah.models import RW, Kelurahan

from .models import Destinasi, Event, FotoDestinasi, JenisPengelola, KategoriWisata, StatusDestinasi, StatusEvent, TargetProgram
from .referensi import isi_kategori_wisata

DEMO_KELURAHAN = "35.74.04.1004"

# nama, RW, kategori slug, status, months ago it became active (None: not active), baru, manager, deskripsi
DESTINASI = [
    ("Sentra Kuliner Kebonsari", 1, "kuliner", StatusDestinasi.AKTIF, 5, True, "Pokmas Kuliner Kebonsari", "Deretan warung kuliner khas Probolinggo: nasi krawu, tahu petis dan es degan."),
    ("Kampung Batik Wetan", 2, "kerajinan", StatusDestinasi.AKTIF, 2, True, "Karang Taruna Kebonsari Wetan", "Pengrajin batik tulis motif mangga dan anggur; pengunjung bisa belajar membatik."),
    ("Sanggar Tari Jaran Bodhag", 3, "seni-budaya", StatusDestinasi.PENGEMBANGAN, None, True, "Sanggar Bodhag Lestari", "Latihan dan pentas tari Jaran Bodhag setiap Minggu sore."),
    ("Taman Baca Tepi Sungai", 4, "edukasi", StatusDestinasi.POTENSI, None, True, "Karang Taruna RW 04", "Rencana taman baca dan ruang kreatif di bantaran sungai."),
    ("Kebun Mangga Warga", 1, "alam", StatusDestinasi.AKTIF, 1, True, "Kelompok Tani RW 01", "Kebun mangga arumanis milik warga; panen raya Oktober-November."),
]
EVENT = [
    ("Festival Mangga Kebonsari", "kuliner", 10, 2, True, StatusEvent.RENCANA),
    ("Pentas Jaran Bodhag Agustusan", "seni-budaya", 8, 1, True, StatusEvent.TERLAKSANA),
    ("Bazar UMKM Ramadan", "kuliner", 3, 7, False, StatusEvent.TERLAKSANA),
    ("Workshop Batik Pelajar", "kerajinan", 5, 1, False, StatusEvent.TERLAKSANA),
]


def _bulan_lalu(hari_ini: datetime.date, bulan: int) -> datetime.date:
    m = hari_ini.month - bulan
    y = hari_ini.year + (m - 1) // 12
    m = (m - 1) % 12 + 1
    return datetime.date(y, m, min(hari_ini.day, 28))


@transaction.atomic
def muat_demo(stdout=None) -> None:
    hari_ini = timezone.localdate()
    kelurahan = Kelurahan.objects.filter(kode=DEMO_KELURAHAN).first()
    if kelurahan is None:
        return
    # The categories come with migration 0002; a flushed database (transactional tests) gets them back here.
    isi_kategori_wisata(KategoriWisata)
    kategori = {k.slug: k for k in KategoriWisata.objects.all()}
    TargetProgram.objects.get_or_create(tahun=hari_ini.year)
    for i, (nama, nomor, slug, status, bulan, baru, pengelola, deskripsi) in enumerate(DESTINASI):
        rw = RW.objects.filter(kelurahan=kelurahan, nomor=nomor).first()
        if rw is None or slug not in kategori:
            continue
        aktif = _bulan_lalu(hari_ini, bulan) if bulan is not None else None
        d, _ = Destinasi.objects.get_or_create(
            nama=nama, kelurahan=kelurahan,
            defaults={
                "rw": rw, "kategori": kategori[slug], "status": status, "tanggal_aktif": aktif, "baru": baru,
                "tanggal_potensi": _bulan_lalu(hari_ini, 8), "pengelola_jenis": JenisPengelola.LEMBAGA, "pengelola_nama": pengelola, "deskripsi": deskripsi,
                "alamat": f"RW {nomor:02d} Kebonsari Wetan, Kanigaran", "jam_buka": "Setiap hari 08.00-17.00",
                "harga_tiket": 0 if i % 2 else 5000, "fasilitas": "Parkir, toilet, mushola",
                "kontak_publik": "0335-420000", "kontak_publik_tampil": i == 0,
            },
        )
        if not d.foto_set.exists():
            data = gambar_contoh(nama, WARNA_CONTOH[i % len(WARNA_CONTOH)])
            simpan_foto(FotoDestinasi(destinasi=d, keterangan=nama), ContentFile(data, name="foto.jpg"))
    for nama, slug, bulan, lama, tahunan, status in EVENT:
        mulai = datetime.date(hari_ini.year, bulan, 15)
        Event.objects.get_or_create(
            nama=nama, kelurahan=kelurahan,
            defaults={
                "kategori": kategori[slug], "tanggal_mulai": mulai, "tanggal_selesai": mulai + datetime.timedelta(days=lama - 1),
                "tahunan": tahunan, "status": status, "penyelenggara": "Kelurahan Kebonsari Wetan",
                "pengunjung": 800 if status == StatusEvent.TERLAKSANA else None,
                "umkm_terlibat": 25 if status == StatusEvent.TERLAKSANA else None,
                "transaksi": 42_500_000 if status == StatusEvent.TERLAKSANA else None,
            },
        )
    # one active destination in the first RW of a few other kelurahan, so the city ranking has a spread
    for j, kel in enumerate(Kelurahan.objects.exclude(pk=kelurahan.pk).order_by("kode")[:8]):
        rw = RW.objects.filter(kelurahan=kel).order_by("nomor").first()
        if rw is None:
            continue
        Destinasi.objects.get_or_create(
            nama=f"Wisata Kampung {kel.nama}", kelurahan=kel,
            defaults={"rw": rw, "kategori": kategori["kuliner" if j % 2 else "seni-budaya"], "status": StatusDestinasi.AKTIF,
                      "tanggal_aktif": _bulan_lalu(hari_ini, j % 4), "tanggal_potensi": _bulan_lalu(hari_ini, 6),
                      "pengelola_jenis": JenisPengelola.LEMBAGA, "pengelola_nama": f"Pokmas {kel.nama}", "baru": True},
        )
    if stdout is not None:
        stdout.write(f"Wisata: {Destinasi.objects.count()} destinasi, {Event.objects.count()} event.")
