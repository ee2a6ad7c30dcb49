"""A province-size region tree with programme data, for benchmarks and the scale test (not a script of its own).

``bangun(n_kelurahan=8500)`` fills an empty, migrated database, Django set up by the caller. At the
default size it is the province of issue 14:

- 660 kecamatan (``n_kelurahan * 660 / 8500``) in 38 kabupaten-like groups (codes ``35.KK.CC``; the
  region tree has no kabupaten level, so a kabupaten is the ``35.KK`` prefix of its kecamatan), with
  12 or 13 kelurahan each (codes ``35.KK.CC.1NNN``);
- 8,500 kelurahan, 5 RW each (42,500), 4 RT per RW (170,000);
- 85,000 KPM: 3 to 17 per kelurahan (10 on average, so many kelurahan miss the 5-10 target on one
  side or the other); one in ten has left (nonaktif, with reason and date), one in five started this year;
- 40,000 lembaga (4 or 5 per kelurahan: LPM, PKK, Karang Taruna, an RW board, a Posyandu, a Pokmas,
  taken from a rotating list, so a few kelurahan lack one); one in eight has its term ended, one in
  seven has no SK number, one in 25 is inactive; 300,000 board members (pengurus: 7 or 8 per lembaga,
  one current ketua, wakil, sekretaris, bendahara, seksi and anggota; one in twenty anggota has
  stepped down with a decree);
- 12,000 destinations (1 or 2 per kelurahan: active, in development or potential);
- 50,000 events (5 or 6 per kelurahan) spread from 15 months ago to 15 months ahead: past ones
  held (with visitors) or cancelled, coming ones planned, one in four annual.

Every person's NIK passes ``wilayah.nik``: its six first digits are the kelurahan's kecamatan code,
digits 7-12 the birth date (day + 40 for women) and the serial makes it unique in the whole build.
Names, dates and statuses satisfy each model's ``clean()`` and constraints (``tests/test_skala.py``
runs ``full_clean()`` on a sample of every model's rows of a small build); the rows are written with
``bulk_create`` in slices (no history rows), a few minutes at full size on PostgreSQL.
Counts other than the kelurahan are averages per kelurahan, so a small build is the province in
small (``bangun(13)``: one kecamatan).

    from benchmarks.provinsi import bangun
    ringkas = bangun(n_kelurahan=int(os.environ.get("BENCH_KELURAHAN", 8500)))
    print(ringkas)   # what was made and the build time
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

N_KABUPATEN = 38
KECAMATAN_PER_KELURAHAN = 660 / 8500

NAMA_DEPAN_L = ["Ahmad", "Budi", "Slamet", "Agus", "Hadi", "Joko", "Rudi", "Imam", "Yusuf", "Bambang", "Eko", "Fajar", "Hasan", "Arif"]
NAMA_DEPAN_P = ["Siti", "Sri", "Dewi", "Nur", "Wahyuni", "Lestari", "Rina", "Yuli", "Ratna", "Endang", "Fitri", "Ani", "Lilik", "Maya"]
NAMA_BELAKANG = ["Santoso", "Wibowo", "Hidayat", "Rahmawati", "Susanto", "Kurniawan", "Maulana", "Setiawati", "Prasetyo", "Handayani",
                 "Saputra", "Fauziah", "Syahrul", "Anggraini", "Hakim", "Wulandari", "Firmansyah"]
TEMPAT = ["Kanigaran", "Kedopok", "Wonoasih", "Mayangan", "Kademangan", "Sumber", "Jati", "Kebonsari", "Tisnonegaran", "Sukabumi",
          "Pilang", "Ketapang", "Triwung", "Jrebeng", "Curahgrinting", "Sumbertaman", "Mangunharjo", "Pakistaji", "Kareng", "Wiroborang"]


def _nama_tempat(i: int) -> str:
    return f"{TEMPAT[i % len(TEMPAT)]} {i // len(TEMPAT) + 1}"


@dataclass
class Provinsi:
    kecamatan: int
    kelurahan: int
    rw: int
    kader: int
    lembaga: int
    destinasi: int
    event: int
    detik: float
    rt: int = 0
    pengurus: int = 0

    def __str__(self):
        return (
            f"{min(N_KABUPATEN, self.kecamatan)} kabupaten-like groups, {self.kecamatan:,} kecamatan, {self.kelurahan:,} kelurahan, {self.rw:,} RW, "
            f"{self.rt:,} RT, {self.kader:,} KPM, {self.lembaga:,} lembaga, {self.pengurus:,} pengurus, {self.destinasi:,} destinasi, "
            f"{self.event:,} event (built in {self.detik:.1f} s)"
        )


def _irisan(model, objs, ukuran=5000):
    for i in range(0, len(objs), ukuran):
        model.objects.bulk_create(objs[i:i + ukuran], batch_size=ukuran)


class _Penampung:
    """Rows of one model written every ``batas`` rows (the big tables never sit whole in memory); ``jumlah`` written."""

    def __init__(self, model, batas=20000):
        self.model, self.batas, self.baris, self.jumlah = model, batas, [], 0

    def tambah(self, obj):
        self.baris.append(obj)
        if len(self.baris) >= self.batas:
            self.tuang()

    def tuang(self) -> int:
        _irisan(self.model, self.baris)
        self.jumlah += len(self.baris)
        self.baris = []
        return self.jumlah


def _bagian(i: int, rata: float) -> int:
    """How many of something the i-th kelurahan gets so that the first n get round(n * rata) in all."""
    return int((i + 1) * rata + 0.5) - int(i * rata + 0.5)


class _Orang:
    """Names, birth dates, sexes and NIKs: unique in the build, valid for ``wilayah.nik``."""

    def __init__(self):
        self.n = 0
        self.serial: dict[str, int] = {}

    def baru(self, prefiks_nik: str, tahun_min: int = 1960, rentang: int = 40) -> tuple[str, str, dt.date, str]:
        self.n += 1
        n = self.n
        perempuan = n % 2 == 0
        lahir = dt.date(tahun_min + (n * 7) % rentang, n % 12 + 1, (n * 5) % 28 + 1)
        depan = (NAMA_DEPAN_P if perempuan else NAMA_DEPAN_L)[(n // 2) % 14]
        nama = f"{depan} {NAMA_BELAKANG[(n // 3) % len(NAMA_BELAKANG)]} {n}"
        urut = self.serial[prefiks_nik] = self.serial.get(prefiks_nik, 0) + 1
        # 4 digits of serial per (kecamatan, birth date); the counter is per kecamatan, so never reused
        nik = f"{prefiks_nik}{lahir.day + (40 if perempuan else 0):02d}{lahir.month:02d}{lahir.year % 100:02d}{urut % 10000:04d}"
        assert urut < 10000, "more than 9,999 people in one kecamatan: NIK serials would repeat"
        return nik, nama, lahir, "P" if perempuan else "L"


def bangun(n_kelurahan: int = 8500, *, rw: int = 5, rt: int = 4, kpm: float = 10, lembaga: float = 40_000 / 8500,
           pengurus: float = 7.5, destinasi: float = 12_000 / 8500, event: float = 50_000 / 8500,
           n_kecamatan: int | None = None, hari_ini: dt.date | None = None) -> Provinsi:
    """Build the province (see the module's docstring); returns what was made. Per-kelurahan figures
    are averages (``pengurus`` per lembaga). ``hari_ini`` dates the data (default today): cadres,
    terms, activations and events fall around it."""
    from django.db import transaction
    from django.utils import timezone

    from kader.models import Kader
    from lkk.models import JenisLembaga, Jabatan, Lembaga, Pengurus, akhir_masa_bakti
    from wilayah.models import RT, RW, Kecamatan, Kelurahan
    from wilayah.periode import tambah_bulan
    from wisata.models import Destinasi, Event, KategoriWisata, StatusDestinasi, StatusEvent

    mulai_bangun = time.perf_counter()
    hari_ini = hari_ini or timezone.localdate()
    awal_tahun = dt.date(hari_ini.year, 1, 1)
    n_kecamatan = n_kecamatan or max(1, round(n_kelurahan * KECAMATAN_PER_KELURAHAN))
    kategori = list(KategoriWisata.objects.order_by("pk"))
    jenis = {j.kode: j for j in JenisLembaga.objects.all()}
    orang = _Orang()
    with transaction.atomic():
        kode_kec = [f"35.{i % N_KABUPATEN + 1:02d}.{i // N_KABUPATEN + 1:02d}" for i in range(n_kecamatan)]
        _irisan(Kecamatan, [Kecamatan(kode=k, nama=_nama_tempat(i * 7)) for i, k in enumerate(kode_kec)])
        kec_id = dict(Kecamatan.objects.filter(kode__in=kode_kec).values_list("kode", "pk"))
        kel_baru, per_kec = [], {}
        for i in range(n_kelurahan):
            k = kode_kec[i * n_kecamatan // n_kelurahan]
            j = per_kec[k] = per_kec.get(k, 0) + 1
            kel_baru.append(Kelurahan(kode=f"{k}.{1000 + j:04d}", nama=_nama_tempat(i * 3 + 1), kecamatan_id=kec_id[k],
                                      jenis=Kelurahan.Jenis.DESA if i % 3 else Kelurahan.Jenis.KELURAHAN))
        _irisan(Kelurahan, kel_baru)
        kelurahan = list(Kelurahan.objects.filter(kecamatan_id__in=kec_id.values()).order_by("kode").values_list("pk", "kecamatan__kode"))
        nik_kel = {k: kode.replace(".", "") for k, kode in kelurahan}
        kelurahan = [k for k, _kode in kelurahan]
        _irisan(RW, [RW(kelurahan_id=k, nomor=n) for k in kelurahan for n in range(1, rw + 1)])
        rw_per_kel: dict[int, list[int]] = {}
        for rw_id, kel_id in RW.objects.filter(kelurahan_id__in=kelurahan).order_by("kelurahan_id", "nomor").values_list("pk", "kelurahan_id").iterator(chunk_size=20000):
            rw_per_kel.setdefault(kel_id, []).append(rw_id)
        semua_rw = [r for k in kelurahan for r in rw_per_kel[k]]
        for i in range(0, len(semua_rw), 10000):
            RT.objects.bulk_create([RT(rw_id=r, nomor=n) for r in semua_rw[i:i + 10000] for n in range(1, rt + 1)], batch_size=10000)

        # --- KPM
        kader = _Penampung(Kader)
        for urut, k in enumerate(kelurahan):
            rws = rw_per_kel[k]
            for i in range(int(kpm) - 7 + (urut * 7) % 15):  # 3 to 17 around 10
                nik, nama, lahir, jk = orang.baru(nik_kel[k], 1965, 40)
                n = orang.n
                keluar = n % 10 == 0
                kader.tambah(Kader(
                    nik=nik, nama=nama, jenis_kelamin=jk, tempat_lahir="Probolinggo", tanggal_lahir=lahir, alamat=f"Jl. Melati {n % 90 + 1}",
                    kelurahan_id=k, rw_id=rws[i % len(rws)], peran=(",pelopor,penggerak," if n % 3 else ",penggerak,"),
                    pendidikan="sma" if n % 4 else "s1", pekerjaan="Wiraswasta",
                    tanggal_mulai=min(awal_tahun + dt.timedelta(days=n % 200), hari_ini) if n % 5 == 0 else dt.date(2022, 1, 3),
                    status="nonaktif" if keluar else "aktif", alasan_nonaktif="Pindah domisili" if keluar else "",
                    tanggal_nonaktif=hari_ini - dt.timedelta(days=n % 60) if keluar else None,
                ))
        n_kader = kader.tuang()

        # --- lembaga: a rotating list of kinds, so a few kelurahan lack one
        putaran = ["lpm", "pkk", "karang-taruna", "rw", "posyandu", "pokmas", "rw"]
        lbg = []
        for urut, k in enumerate(kelurahan):
            rws = rw_per_kel[k]
            for i in range(_bagian(urut, lembaga)):
                j = jenis[putaran[(urut + i) % len(putaran)]]
                mulai = dt.date(hari_ini.year - 1 - (urut + i) % 4, 1 + (urut + i) % 12, 1)
                selesai = hari_ini - dt.timedelta(days=30) if (urut + i) % 8 == 0 else akhir_masa_bakti(mulai, j.masa_bakti_tahun)
                if selesai <= mulai:
                    mulai = mulai.replace(year=mulai.year - j.masa_bakti_tahun)
                tanpa_sk = (urut + i) % 7 == 0
                rw_id = rws[(urut + i) % len(rws)] if j.tingkat == JenisLembaga.Tingkat.RW else None
                lbg.append(Lembaga(
                    kelurahan_id=k, jenis=j, rw_id=rw_id, nama=f"{j.singkatan} {'RW ' + str((urut + i) % len(rws) + 1) + ' ' if rw_id else ''}Kelurahan {urut + 1}",
                    nomor_sk="" if tanpa_sk else f"188/{i + 1}/{urut + 1}/{mulai.year}", tanggal_sk=None if tanpa_sk else mulai,
                    masa_bakti_mulai=mulai, masa_bakti_selesai=selesai, satu_per_wilayah=j.satu_per_wilayah,
                    status="tidak_aktif" if (urut + i) % 25 == 3 else "aktif", alamat=f"Jl. Kenanga {i + 1}",
                ))
        _irisan(Lembaga, lbg)
        n_lembaga = len(lbg)
        del lbg

        # --- pengurus: 7 or 8 per lembaga, one current ketua, in the lembaga's term
        urutan_jabatan = [Jabatan.KETUA, Jabatan.WAKIL_KETUA, Jabatan.SEKRETARIS, Jabatan.BENDAHARA, Jabatan.SEKSI, Jabatan.SEKSI]
        prs = _Penampung(Pengurus)
        lembaga_rows = Lembaga.objects.filter(kelurahan_id__in=kelurahan).order_by("pk").values_list("pk", "kelurahan_id", "masa_bakti_mulai", "masa_bakti_selesai")
        for urut, (lid, k, mulai, selesai) in enumerate(lembaga_rows.iterator(chunk_size=10000)):
            for i in range(_bagian(urut, pengurus)):
                nik, nama, lahir, jk = orang.baru(nik_kel[k], 1960, 45)
                n = orang.n
                jabatan = urutan_jabatan[i] if i < len(urutan_jabatan) else Jabatan.ANGGOTA
                berhenti = jabatan == Jabatan.ANGGOTA and n % 20 == 0 and selesai > mulai + dt.timedelta(days=40)
                p = Pengurus(
                    lembaga_id=lid, nama=nama, nik=nik, jenis_kelamin=jk, tanggal_lahir=lahir,
                    telepon=f"0812{n:08d}" if n % 3 == 0 else "", jabatan=jabatan, nama_seksi="Pembangunan" if jabatan == Jabatan.SEKSI else "",
                    nomor_sk_pengangkatan=f"188/P/{lid}", tanggal_sk_pengangkatan=mulai, masa_mulai=mulai, masa_selesai=selesai,
                    nomor_sk_pemberhentian=f"188/B/{lid}/{i}" if berhenti else "",
                    tanggal_sk_pemberhentian=mulai + dt.timedelta(days=30) if berhenti else None,
                    pernyataan_nonpartai=True, tanggal_pernyataan=mulai,
                )
                p.hitung_turunan()
                prs.tambah(p)
        n_pengurus = prs.tuang()
        del prs

        # --- wisata
        dest, evt = [], []
        for urut, k in enumerate(kelurahan):
            rws = rw_per_kel[k]
            for i in range(_bagian(urut, destinasi)):
                status = [StatusDestinasi.AKTIF, StatusDestinasi.AKTIF, StatusDestinasi.PENGEMBANGAN, StatusDestinasi.POTENSI][(urut + i) % 4]
                potensi = dt.date(2023, 1 + urut % 12, 1)
                kembang = potensi + dt.timedelta(days=90) if status != StatusDestinasi.POTENSI else None
                aktif = (min(awal_tahun + dt.timedelta(days=urut % 120), hari_ini) if i else dt.date(2024, 6, 1)) if status == StatusDestinasi.AKTIF else None
                dest.append(Destinasi(
                    nama=f"{['Wisata Alam', 'Kampung Batik', 'Taman', 'Pantai', 'Kebun'][urut % 5]} {urut + 1}-{i + 1}", kelurahan_id=k,
                    rw_id=rws[(urut + i) % len(rws)], kategori=kategori[(urut + i) % len(kategori)], status=status,
                    tanggal_potensi=potensi, tanggal_pengembangan=kembang, tanggal_aktif=aktif, baru=bool(i),
                    pengelola_jenis="lembaga", pengelola_nama="Pokdarwis setempat", harga_tiket=(urut % 5) * 5000, jam_buka="Setiap hari 08.00-17.00",
                    deskripsi="Destinasi wisata kelurahan.",
                ))
            for i in range(_bagian(urut, event)):
                tanggal = tambah_bulan(hari_ini.replace(day=1), -15 + (urut * 5 + i * 11) % 31).replace(day=(urut + i * 3) % 28 + 1)
                lalu = tanggal < hari_ini
                status = (StatusEvent.BATAL if (urut + i) % 10 == 0 else StatusEvent.TERLAKSANA) if lalu else StatusEvent.RENCANA
                terlaksana = status == StatusEvent.TERLAKSANA
                evt.append(Event(
                    nama=f"{['Festival', 'Kirab Budaya', 'Bazar UMKM', 'Lomba Perahu', 'Pentas Seni'][(urut + i) % 5]} {urut + 1}-{i + 1}",
                    kelurahan_id=k, rw_id=rws[i % len(rws)] if i % 2 else None, kategori=kategori[i % len(kategori)],
                    tanggal_mulai=tanggal, tanggal_selesai=tanggal + dt.timedelta(days=i % 3), tahunan=(urut + i) % 4 == 0, status=status,
                    penyelenggara="Karang Taruna", lokasi="Balai kelurahan",
                    pengunjung=100 + urut % 400 if terlaksana else None, umkm_terlibat=urut % 12 if terlaksana else None,
                    transaksi=250_000 * (urut % 20) if terlaksana else None,
                ))
        _irisan(Destinasi, dest)
        _irisan(Event, evt)
    return Provinsi(
        kecamatan=n_kecamatan, kelurahan=len(kelurahan), rw=len(semua_rw), rt=len(semua_rw) * rt, kader=n_kader, lembaga=n_lembaga,
        pengurus=n_pengurus, destinasi=len(dest), event=len(evt), detik=time.perf_counter() - mulai_bangun,
    )
