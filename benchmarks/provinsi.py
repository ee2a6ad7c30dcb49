"""A province-size region tree with programme data, for benchmarks (not a script of its own).

``bangun(n_kelurahan=8500)`` fills an empty, migrated database, Django set up by the caller:

- 38 kabupaten-like groups of kecamatan (codes ``35.KK.CC``; the region tree has no kabupaten level,
  so a kabupaten is the ``35.KK`` prefix of its kecamatan), ~650 kecamatan of ~13 kelurahan each
  (codes ``35.KK.CC.1NNN``);
- per kelurahan, on average: 8 RW, 7 KPM (a few started this year, one in ten has left), 10 lembaga
  (Pokmas; one in eight with its term ended, one in seven without an SK number), 2 destinations
  (one active, some new this year) and 3 events (this year, one in four annual, one in ten cancelled).

Every table is written with ``bulk_create`` in slices, about 250,000 rows for 8,500 kelurahan (some
20 s on SQLite or PostgreSQL). The figures vary from kelurahan to kelurahan (some below the KPM
target, some RW without a destination), so the "needs action" lines and the roll-up have work to do.

    from benchmarks.provinsi import bangun
    ringkas = bangun(n_kelurahan=int(os.environ.get("BENCH_KELURAHAN", 8500)))
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

N_KABUPATEN = 38
KELURAHAN_PER_KECAMATAN = 13


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

    def __str__(self):
        return (
            f"{N_KABUPATEN} kabupaten-like groups, {self.kecamatan:,} kecamatan, {self.kelurahan:,} kelurahan, {self.rw:,} RW, "
            f"{self.kader:,} KPM, {self.lembaga:,} lembaga, {self.destinasi:,} destinasi, {self.event:,} event "
            f"(built in {self.detik:.1f} s)"
        )


def _irisan(model, objs, ukuran=5000):
    for i in range(0, len(objs), ukuran):
        model.objects.bulk_create(objs[i:i + ukuran], batch_size=ukuran)


def bangun(n_kelurahan: int = 8500, *, kelurahan_per_kecamatan: int = KELURAHAN_PER_KECAMATAN, rw: int = 8, kpm: int = 7,
           lembaga: int = 10, destinasi: int = 2, event: int = 3, hari_ini: dt.date | None = None) -> Provinsi:
    """Build the province (see the module's docstring); returns what was made. ``hari_ini`` dates the
    data (default today): cadres, terms, activations and events fall around it."""
    from django.db import transaction
    from django.utils import timezone

    from kader.models import Kader
    from lkk.models import JenisLembaga, Lembaga
    from wilayah.models import RW, Kecamatan, Kelurahan
    from wisata.models import Destinasi, Event, KategoriWisata, StatusDestinasi, StatusEvent

    mulai_bangun = time.perf_counter()
    hari_ini = hari_ini or timezone.localdate()
    awal_tahun = dt.date(hari_ini.year, 1, 1)
    n_kecamatan = -(-n_kelurahan // kelurahan_per_kecamatan)
    kategori = list(KategoriWisata.objects.order_by("pk"))
    pokmas = JenisLembaga.objects.get(kode="pokmas")
    with transaction.atomic():
        _irisan(Kecamatan, [
            Kecamatan(kode=f"35.{i % N_KABUPATEN + 1:02d}.{i // N_KABUPATEN + 1:02d}", nama=f"Kecamatan {i + 1}")
            for i in range(n_kecamatan)
        ])
        kecamatan = list(Kecamatan.objects.filter(kode__startswith="35.").order_by("pk").values_list("pk", "kode"))[:n_kecamatan]
        _irisan(Kelurahan, [
            Kelurahan(
                kode=f"{kecamatan[i // kelurahan_per_kecamatan][1]}.{1001 + i % kelurahan_per_kecamatan:04d}",
                nama=f"Kelurahan {i + 1}", kecamatan_id=kecamatan[i // kelurahan_per_kecamatan][0],
            )
            for i in range(n_kelurahan)
        ])
        kelurahan = list(Kelurahan.objects.order_by("pk").values_list("pk", flat=True))
        _irisan(RW, [RW(kelurahan_id=k, nomor=n) for k in kelurahan for n in range(1, rw + 1)])
        rw_per_kel: dict[int, list[int]] = {}
        for rw_id, kel_id in RW.objects.order_by("pk").values_list("pk", "kelurahan_id").iterator(chunk_size=20000):
            rw_per_kel.setdefault(kel_id, []).append(rw_id)

        kader, lbg, dest, evt = [], [], [], []
        nomor = 0
        for urut, k in enumerate(kelurahan):
            rws = rw_per_kel[k]
            n_kpm = kpm - 3 + urut % 7  # 4 to 10 around 7: some kelurahan below the 5-10 target
            for i in range(n_kpm):
                nomor += 1
                lahir = dt.date(1960 + nomor % 40, nomor % 12 + 1, nomor % 28 + 1)
                keluar = nomor % 10 == 0
                kader.append(Kader(
                    nik=f"35{nomor:014d}", nama=f"Kader {nomor}", jenis_kelamin="P" if nomor % 2 else "L", tempat_lahir="Probolinggo",
                    tanggal_lahir=lahir, alamat="Jl. Provinsi", kelurahan_id=k, rw_id=rws[i % len(rws)], peran=",penggerak,",
                    tanggal_mulai=awal_tahun + dt.timedelta(days=nomor % 200) if nomor % 5 == 0 else dt.date(2022, 1, 3),
                    status="nonaktif" if keluar else "aktif", alasan_nonaktif="Pindah" if keluar else "",
                    tanggal_nonaktif=hari_ini - dt.timedelta(days=nomor % 60) if keluar else None,
                ))
            for i in range(lembaga):
                mulai = dt.date(2019 + (urut + i) % 5, 1 + i % 12, 1)
                selesai = hari_ini - dt.timedelta(days=30) if (urut + i) % 8 == 0 else mulai.replace(year=mulai.year + 5)
                lbg.append(Lembaga(
                    kelurahan_id=k, jenis=pokmas, nama=f"Pokmas {i}", nomor_sk="" if (urut + i) % 7 == 0 else f"188/{i}/{urut}",
                    tanggal_sk=mulai, masa_bakti_mulai=mulai, masa_bakti_selesai=selesai, satu_per_wilayah=pokmas.satu_per_wilayah,
                ))
            for i in range(destinasi):
                aktif = (urut + i) % 3 != 2
                dest.append(Destinasi(
                    nama=f"Destinasi {urut}-{i}", kelurahan_id=k, rw_id=rws[(urut + i) % len(rws)], kategori=kategori[i % len(kategori)],
                    status=StatusDestinasi.AKTIF if aktif else StatusDestinasi.POTENSI,
                    tanggal_aktif=(awal_tahun + dt.timedelta(days=urut % 120) if i else dt.date(2023, 6, 1)) if aktif else None,
                    baru=bool(i), pengelola_nama="Pokmas",
                ))
            for i in range(event):
                tanggal = min(awal_tahun + dt.timedelta(days=(urut * 7 + i * 31) % 330), hari_ini)
                evt.append(Event(
                    nama=f"Event {urut}-{i}", kelurahan_id=k, kategori=kategori[i % len(kategori)], tanggal_mulai=tanggal,
                    tanggal_selesai=tanggal, tahunan=(urut + i) % 4 == 0,
                    status=StatusEvent.BATAL if (urut + i) % 10 == 0 else StatusEvent.TERLAKSANA,
                    pengunjung=100 + urut % 400, umkm_terlibat=urut % 12, transaksi=250_000 * (urut % 20),
                ))
        _irisan(Kader, kader)
        _irisan(Lembaga, lbg)
        _irisan(Destinasi, dest)
        _irisan(Event, evt)
    return Provinsi(
        kecamatan=n_kecamatan, kelurahan=len(kelurahan), rw=sum(len(v) for v in rw_per_kel.values()), kader=len(kader),
        lembaga=len(lbg), destinasi=len(dest), event=len(evt), detik=time.perf_counter() - mulai_bangun,
    )
