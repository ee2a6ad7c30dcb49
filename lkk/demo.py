"""Demo LKK data for Kebonsari Wetan (seed 001). Idempotent: run by ``manage.py demo_data``."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from wilayah.models import RW, Kelurahan

from .models import Jabatan, JenisLembaga, Lembaga, Pengurus, tambah_tahun
from .services import _atur_ketua_berjalan

DEMO_KELURAHAN = "35.74.04.1004"
MULAI = dt.date(2022, 3, 1)

# jenis, nama, pengurus [(jabatan, nama, telepon)]
LEMBAGA = [
    ("lpm", "LPM Kebonsari Wetan", [(Jabatan.KETUA, "H. Abdul Rochim", "081233300101"), (Jabatan.SEKRETARIS, "Nur Hidayati", "081233300102"), (Jabatan.BENDAHARA, "Slamet Riyadi", "081233300103")]),
    ("pkk", "TP PKK Kelurahan Kebonsari Wetan", [(Jabatan.KETUA, "Ny. Retno Wulandari", "081233300201"), (Jabatan.SEKRETARIS, "Siti Maesaroh", "081233300202")]),
    ("karang-taruna", "Karang Taruna Tunas Bangsa", [(Jabatan.KETUA, "Rizky Pratama", "081233300301"), (Jabatan.BENDAHARA, "Dewi Anggraini", "081233300302")]),
    ("pokmas", "Pokmas Sinar Mulia", [(Jabatan.KETUA, "Suparno", "081233300401"), (Jabatan.ANGGOTA, "Yuliana", "081233300402")]),
]


@transaction.atomic
def muat_demo(stdout=None):
    kelurahan = Kelurahan.objects.filter(kode=DEMO_KELURAHAN).first()
    if kelurahan is None:
        return
    jenis = {j.kode: j for j in JenisLembaga.objects.all()}

    def lembaga(kode, nama, rw=None, mulai=MULAI):
        obj, _ = Lembaga.objects.get_or_create(
            kelurahan=kelurahan, jenis=jenis[kode], nama=nama,
            defaults={"rw": rw, "nomor_sk": f"188/{len(nama)}/425.103.4/{mulai.year}", "tanggal_sk": mulai,
                      "masa_bakti_mulai": mulai, "alamat": "Kelurahan Kebonsari Wetan"},
        )
        if obj.masa_bakti_selesai is None and obj.masa_bakti_mulai:
            obj.full_clean()
            obj.save()
        return obj

    def pengurus(lbg, jabatan, nama, telepon):
        if Pengurus.objects.filter(lembaga=lbg, nama=nama).exists():
            return
        p = Pengurus(lembaga=lbg, nama=nama, telepon=telepon, jabatan=jabatan, masa_mulai=lbg.masa_bakti_mulai or MULAI,
                     nomor_sk_pengangkatan=lbg.nomor_sk, tanggal_sk_pengangkatan=lbg.tanggal_sk,
                     pernyataan_nonpartai=True, tanggal_pernyataan=lbg.masa_bakti_mulai or MULAI)
        p.hitung_turunan()
        _atur_ketua_berjalan(p)
        p.save()

    for kode, nama, daftar in LEMBAGA:
        lbg = lembaga(kode, nama)
        for jabatan, orang, telepon in daftar:
            pengurus(lbg, jabatan, orang, telepon)
    rws = list(RW.objects.filter(kelurahan=kelurahan).order_by("nomor"))
    for i, rw in enumerate(rws):
        # One RW's term ends soon and one has ended, so the flags show on the home page.
        segera = tambah_tahun(timezone.localdate(), -5) + dt.timedelta(days=45)
        mulai = MULAI if i > 1 else (dt.date(2020, 1, 1) if i == 0 else segera)
        lbg = lembaga("rw", f"RW {rw.nomor:02d} Kebonsari Wetan", rw=rw, mulai=mulai)
        pengurus(lbg, Jabatan.KETUA, f"Ketua RW {rw.nomor:02d}", f"0812444{rw.nomor:05d}")
        if i % 2 == 0:
            lembaga("posyandu", f"Posyandu Melati {rw.nomor}", rw=rw)
    if stdout:
        stdout.write(f"LKK: {Lembaga.objects.filter(kelurahan=kelurahan).count()} lembaga di {kelurahan}.")
