"""Demo data of the pelatihan programme (made once: a second run adds nothing), from seeds 000 and 001.

- Seed 000: BKPSDM's "Diklat Peningkatan Kapasitas Kepala Seksi Pemberdayaan Masyarakat" at the Aula
  DKPPP, 26–28 May 2025: 34 participants (the kasi Pemmas of the 29 kelurahan and of the 5 kecamatan),
  four modules with speakers from BPSDM Jatim, Komisi II DPRD, DKUP and Dispopar, three days of
  attendance (three participants missed a day), certificates for the 31 who completed. Each kelurahan
  participant committed to "a tourism destination in RW ..." (the mayor's duty): linked to the demo
  destinations where the wisata demo made one (done), the others open (some overdue, flagged to
  Bappeda); three also committed to two new KPM (one overdue). Kebonsari Wetan's commitment (RW 03,
  where the Jaran Bodhag sanggar is still in development) is open and not yet due: the demo operator
  links the destination once it is active.
- Seed 001: "Pelatihan dan Pembinaan LKK" by Kecamatan Kanigaran at Bale Hinggil, 7 August 2025, for
  Kebonsari Wetan's LKK boards (the demo board members, read through ``apps.get_model``), everyone
  present; certificates not yet issued (the camat can issue them).
- An upcoming diklat with registration open (three weeks from today), so the portal offers one.

Participants, attendance and certificate fields are written directly (the participant and certificate
services are being written alongside this one); commitments go through ``services.rencana_simpan``.
Certificate codes come from ``buat_kode_verifikasi`` (random by design), everything else is fixed.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wilayah.models import RW, Kecamatan, Kelurahan

from . import services
from .models import (
    Diklat,
    Instansi,
    JenisDiklat,
    JenisTindakLanjut,
    Kehadiran,
    Materi,
    Narasumber,
    Peserta,
    RencanaTindakLanjut,
    SesiDiklat,
    StatusDiklat,
    StatusHadir,
    UnsurPeserta,
    buat_kode_verifikasi,
)
from .referensi import INSTANSI_BAWAAN

JUDUL_000 = "Diklat Peningkatan Kapasitas Kepala Seksi Pemberdayaan Masyarakat"
JUDUL_001 = "Pelatihan dan Pembinaan LKK"
JUDUL_MENDATANG = "Pelatihan Pengelolaan Destinasi Wisata Berbasis Masyarakat"
MULAI_000 = dt.date(2025, 5, 26)
TANGGAL_001 = dt.date(2025, 8, 7)
DEMO_KELURAHAN = "35.74.04.1004"  # Kebonsari Wetan
DEMO_KECAMATAN = "35.74.04"  # Kanigaran
AWALAN_000 = "800/BKPSDM/2025"

# module, day (0-2), start hour, end hour, speaker, speaker's title, institution
MATERI_000 = (
    ("Arah Kebijakan Pemkot dalam Pengembangan Produk Lokal", 0, 9, 12, "Hj. Siti Nurjanah, S.E.", "Anggota Komisi II", "Komisi II DPRD"),
    ("Inovasi Pengembangan Produk dan Potensi Daerah", 0, 13, 16, "Bambang Wicaksono, S.T., M.M.", "Kepala Bidang Usaha Mikro", "DKUP"),
    ("Strategi Pengembangan Wisata Unggulan", 1, 9, 15, "Dian Permatasari, S.Par.", "Kepala Bidang Pariwisata", "Dispopar"),
    ("Dinamika Kelompok dalam Pemberdayaan", 2, 9, 15, "Dr. Agus Santoso, M.Si.", "Widyaiswara Ahli Madya", "BPSDM Jatim"),
)
NAMA_DEPAN = ("Ahmad", "Siti", "Budi", "Dewi", "Eko", "Fitri", "Hadi", "Indah", "Joko", "Lestari", "Muhammad", "Nur",
              "Rina", "Slamet", "Tri", "Umi", "Wahyu", "Yuni")  # fmt: skip
NAMA_BELAKANG = ("Prasetyo", "Rahmawati", "Santoso", "Kurniawati", "Hidayat", "Wulandari", "Susanto", "Handayani",
                 "Setiawan", "Maharani", "Firmansyah", "Puspitasari")  # fmt: skip
# (participant index, day index, status): the three who missed a day
TIDAK_HADIR = ((5, 1, StatusHadir.SAKIT), (12, 2, StatusHadir.IZIN), (31, 0, StatusHadir.ALPA))


def _nama(i: int) -> str:
    return f"{NAMA_DEPAN[i % len(NAMA_DEPAN)]} {NAMA_BELAKANG[(i * 5) % len(NAMA_BELAKANG)]}"


def _instansi(singkatan: str, nama: str | None = None) -> Instansi:
    nama = nama or dict((s, n) for n, s in INSTANSI_BAWAAN)[singkatan]
    obj, _ = Instansi.objects.get_or_create(singkatan=singkatan, defaults={"nama": nama})
    return obj


def _diklat(*, mulai: dt.date, hari: int, tempat: str, **kwargs) -> tuple[Diklat, SesiDiklat]:
    diklat = Diklat.objects.create(**kwargs)
    sesi = SesiDiklat.objects.create(diklat=diklat, tempat=tempat, tanggal_mulai=mulai, tanggal_selesai=mulai + dt.timedelta(days=hari - 1))
    Diklat.objects.filter(pk=diklat.pk).update(tanggal_mulai=sesi.tanggal_mulai, tanggal_selesai=sesi.tanggal_selesai)  # the span (services keep it)
    diklat.refresh_from_db()
    return diklat, sesi


def _peserta(diklat, sesi, **kwargs) -> Peserta:
    peserta = Peserta(diklat=diklat, sesi=sesi, **kwargs)
    peserta.full_clean()  # the model's rules (and its kunci_orang)
    peserta.save()
    return peserta


def _diklat_000(bappeda, hari_ini: dt.date) -> tuple[int, int]:
    diklat, sesi = _diklat(
        judul=JUDUL_000, jenis=JenisDiklat.DIKLAT, penyelenggara=_instansi("BKPSDM"), kuota=34, status=StatusDiklat.TERLAKSANA,
        sasaran="Kepala Seksi Pemberdayaan Masyarakat kelurahan dan kecamatan se-Kota Probolinggo",
        deskripsi="Dibuka Wali Kota Probolinggo. Tugas setiap peserta: setiap RW punya destinasi wisata, dipantau di kelurahan masing-masing.",
        awalan_nomor_sertifikat=AWALAN_000, ttd_nama="Fatur Rozi", ttd_jabatan="Kepala BKPSDM Kota Probolinggo",
        mulai=MULAI_000, hari=3, tempat="Aula Dinas Ketahanan Pangan, Pertanian dan Perikanan (DKPPP)",
    )  # fmt: skip
    diklat.penyelenggara_lain.set([_instansi("BPSDM Jatim")])
    hari = sesi.hari()
    for judul, h, jam_mulai, jam_selesai, nama, jabatan, singkatan in MATERI_000:
        narasumber, _ = Narasumber.objects.get_or_create(nama=nama, instansi=_instansi(singkatan), defaults={"jabatan": jabatan})
        Materi.objects.create(sesi=sesi, judul=judul, tanggal=hari[h], jam_mulai=dt.time(jam_mulai), jam_selesai=dt.time(jam_selesai), narasumber=narasumber)

    peserta = []
    for i, kel in enumerate(Kelurahan.objects.select_related("kecamatan").order_by("kode")):
        peserta.append(_peserta(
            diklat, sesi, nama=_nama(i), jenis_kelamin="P" if i % 2 else "L", unsur=UnsurPeserta.KELURAHAN,
            jabatan="Kasi Pemberdayaan Masyarakat", lembaga_asal=f"Kelurahan {kel.nama}", kecamatan=kel.kecamatan, kelurahan=kel,
        ))  # fmt: skip
    for j, kec in enumerate(Kecamatan.objects.order_by("kode"), start=len(peserta)):
        peserta.append(_peserta(
            diklat, sesi, nama=_nama(j), jenis_kelamin="P" if j % 2 else "L", unsur=UnsurPeserta.KECAMATAN,
            jabatan="Kasi Pemberdayaan Masyarakat", lembaga_asal=f"Kecamatan {kec.nama}", kecamatan=kec,
        ))  # fmt: skip

    absen = {(i, h): status for i, h, status in TIDAK_HADIR}
    Kehadiran.objects.bulk_create(
        Kehadiran(peserta=p, tanggal=t, status=absen.get((i, h), StatusHadir.HADIR)) for i, p in enumerate(peserta) for h, t in enumerate(hari)
    )
    # Certificates: written directly (the certificate service is being written by another helper);
    # consecutive numbers in the participants' order, issued on the last day.
    lulus = [p.pk for p in Peserta.objects.filter(diklat=diklat).dengan_kehadiran().filter(lulus=True).order_by("pk")]
    terbit = timezone.make_aware(dt.datetime.combine(hari[-1], dt.time(15)))
    for nomor, pk in enumerate(lulus, start=1):
        Peserta.objects.filter(pk=pk).update(
            nomor_urut_sertifikat=nomor, nomor_sertifikat=f"{nomor:03d}/{AWALAN_000}", kode_verifikasi=buat_kode_verifikasi(), sertifikat_terbit=terbit,
        )

    rencana = _rencana_000(bappeda, [p for p in peserta if p.kelurahan_id], hari_ini)
    return len(peserta), rencana


def _rencana_000(bappeda, peserta: list[Peserta], hari_ini: dt.date) -> int:
    """Each kelurahan participant's destination commitment (linked where the wisata demo has an active
    destination), and two new KPM for three of them; through the service, as recorded on the last day."""
    Destinasi = apps.get_model("wisata", "Destinasi")
    aktif = {}
    for d in Destinasi.objects.filter(status="aktif", tanggal_aktif__isnull=False).select_related("rw").order_by("tanggal_aktif", "pk"):
        aktif.setdefault(d.kelurahan_id, d)
    rw = {}
    for r in RW.objects.filter(kelurahan_id__in=[p.kelurahan_id for p in peserta]).order_by("nomor"):
        rw.setdefault(r.kelurahan_id, {})[r.nomor] = r
    dicatat = MULAI_000 + dt.timedelta(days=2)
    nanti = hari_ini + dt.timedelta(days=45)
    n = 0
    for i, p in enumerate(peserta):
        kel_rw = rw.get(p.kelurahan_id, {})
        destinasi = aktif.get(p.kelurahan_id)
        if p.kelurahan.kode == DEMO_KELURAHAN:
            nomor, destinasi, tenggat = 3, None, nanti  # the sanggar in development: the operator links it later
        elif destinasi is not None:
            nomor, tenggat = destinasi.rw.nomor, dt.date(2025, 12, 31)
        else:
            nomor, tenggat = i % 4 + 1, dt.date(2025, 12, 31) if i % 2 else nanti
        if nomor not in kel_rw:
            continue
        r = RencanaTindakLanjut(
            peserta=p, kelurahan_id=p.kelurahan_id, jenis=JenisTindakLanjut.DESTINASI, rw=kel_rw[nomor], tenggat=tenggat, dibuat=dicatat,
            uraian=f"Satu destinasi wisata di RW {nomor:02d} Kelurahan {p.kelurahan.nama}",
        )  # fmt: skip
        r = services.rencana_simpan(acting_user=bappeda, rencana=r, hari_ini=dicatat)
        n += 1
        if destinasi is not None:
            selesai = min(max(destinasi.tanggal_aktif, dicatat), hari_ini)
            r.destinasi = destinasi
            r.catatan = f"{destinasi.nama} aktif sejak {destinasi.tanggal_aktif:%d/%m/%Y}."
            services.rencana_simpan(acting_user=bappeda, rencana=r, hari_ini=selesai)
        if i in (1, 2, 5):
            services.rencana_simpan(acting_user=bappeda, rencana=RencanaTindakLanjut(
                peserta=p, kelurahan_id=p.kelurahan_id, jenis=JenisTindakLanjut.KADER, target_jumlah=2, dibuat=dicatat,
                uraian="Dua KPM baru yang aktif di RW", tenggat=dt.date(2025, 11, 30) if i == 1 else nanti,
            ), hari_ini=dicatat)  # fmt: skip
            n += 1
    return n


def _diklat_001(hari_ini: dt.date) -> int:
    kelurahan = Kelurahan.objects.select_related("kecamatan").filter(kode=DEMO_KELURAHAN).first()
    if kelurahan is None:
        return 0
    diklat, sesi = _diklat(
        judul=JUDUL_001, jenis=JenisDiklat.PEMBINAAN, penyelenggara=_instansi("Kec. Kanigaran", "Kecamatan Kanigaran"), kuota=40,
        status=StatusDiklat.TERLAKSANA, kecamatan=kelurahan.kecamatan, kelurahan=kelurahan,
        sasaran="Pengurus LKK Kelurahan Kebonsari Wetan", ttd_jabatan="Camat Kanigaran",
        deskripsi="Mendukung program Probolinggo Bersolek; dihadiri Wakil Wali Kota Probolinggo. Peran LKK menurut Perwali Nomor 31 Tahun 2019.",
        mulai=TANGGAL_001, hari=1, tempat="Bale Hinggil",
    )  # fmt: skip
    Materi.objects.create(sesi=sesi, judul="Peran LKK sebagai mitra lurah (Perwali Nomor 31 Tahun 2019)", tanggal=TANGGAL_001, jam_mulai=dt.time(9), jam_selesai=dt.time(10))
    Materi.objects.create(sesi=sesi, judul="Dialog: kendala teknis dan masukan pengurus LKK", tanggal=TANGGAL_001, jam_mulai=dt.time(10), jam_selesai=dt.time(12))
    Pengurus = apps.get_model("lkk", "Pengurus")
    peserta = []
    for pengurus in Pengurus.objects.filter(lembaga__kelurahan=kelurahan, tanggal_sk_pemberhentian__isnull=True).select_related("lembaga").order_by("lembaga__nama", "pk")[:39]:
        peserta.append(_peserta(
            diklat, sesi, pengurus=pengurus, nama=pengurus.nama, jenis_kelamin=pengurus.jenis_kelamin, unsur=UnsurPeserta.LKK,
            jabatan=f"{pengurus.get_jabatan_display()} {pengurus.lembaga.nama}", lembaga_asal=pengurus.lembaga.nama,
            telepon=pengurus.telepon, kecamatan=kelurahan.kecamatan, kelurahan=kelurahan,
        ))  # fmt: skip
    peserta.append(_peserta(
        diklat, sesi, nama="Abdul Hafid", jenis_kelamin="L", unsur=UnsurPeserta.LKK, jabatan="Pelaksana Ketua Pokmas Sinar Mulia",
        lembaga_asal="Pokmas Sinar Mulia", kecamatan=kelurahan.kecamatan, kelurahan=kelurahan,
    ))  # fmt: skip
    Kehadiran.objects.bulk_create(Kehadiran(peserta=p, tanggal=TANGGAL_001, status=StatusHadir.HADIR) for p in peserta)
    return len(peserta)


def _diklat_mendatang(hari_ini: dt.date) -> None:
    diklat, sesi = _diklat(
        judul=JUDUL_MENDATANG, jenis=JenisDiklat.PELATIHAN, penyelenggara=_instansi("Dispopar"), kuota=40, status=StatusDiklat.PENDAFTARAN,
        sasaran="Pokdarwis, Pokmas dan Karang Taruna pengelola destinasi wisata kelurahan",
        deskripsi="Tindak lanjut diklat kasi Pemmas: pengelola destinasi di setiap RW belajar tata kelola, promosi digital dan pelayanan pengunjung.",
        mulai=hari_ini + dt.timedelta(days=21), hari=2, tempat="Aula Kantor Dispopar Kota Probolinggo",
    )  # fmt: skip
    diklat.penyelenggara_lain.set([_instansi("Bappeda")])


@transaction.atomic
def muat_demo(stdout=None) -> None:
    User = get_user_model()
    bappeda = User.objects.filter(username="bappeda").first()
    if bappeda is None or not Kelurahan.objects.exists():
        return  # wilayah.demo makes the regions and the demo users first
    if Diklat.objects.filter(judul=JUDUL_000).exists():
        return  # made before: nothing to add
    hari_ini = timezone.localdate()
    peserta_000, rencana = _diklat_000(bappeda, hari_ini)
    peserta_001 = _diklat_001(hari_ini)
    _diklat_mendatang(hari_ini)
    if stdout is not None:
        stdout.write(f"Pelatihan: 3 diklat, {peserta_000 + peserta_001} peserta, {rencana} komitmen tindak lanjut.")
