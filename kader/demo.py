"""Demo cadres for clicking through: Kebonsari Wetan gets a full team, a few kelurahan get some,
its Forkom KPM board and a KPM Berprestasi round. Idempotent (keyed by NIK / year)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from wilayah.models import RW, Kelurahan
from wilayah.scoping import Tingkat

from .models import AnggotaForkom, BidangKerja, JabatanForkom, Kader, KepengurusanForkom, KriteriaLomba, LombaKPM, NominasiLomba, peran_ke_teks

DEMO_KELURAHAN = "35.74.04.1004"

# name, sex, birth date, roles, fields of work
KEBONSARI = [
    ("Siti Aminah", "P", dt.date(1985, 5, 25), ["penggerak", "perencana"], ["Ekonomi", "Kesehatan"]),
    ("Ahmad Fauzi", "L", dt.date(1979, 3, 12), ["pelopor", "penggerak"], ["Lingkungan hidup"]),
    ("Dewi Lestari", "P", dt.date(1990, 11, 2), ["pembimbing"], ["Pendidikan"]),
    ("Moh. Hasan", "L", dt.date(1972, 8, 17), ["perantara", "pelaksana"], ["Infrastruktur"]),
    ("Nur Hidayati", "P", dt.date(1988, 1, 30), ["pembaharu"], ["Sosial", "Ekonomi"]),
    ("Bambang Sutrisno", "L", dt.date(1969, 6, 6), ["perencana"], ["Infrastruktur"]),
]


def _nik(kelurahan, lahir, jk, urut):
    hari = lahir.day + (40 if jk == "P" else 0)
    return f"{kelurahan.kecamatan.kode.replace('.', '')}{hari:02d}{lahir.month:02d}{lahir.year % 100:02d}{urut:04d}"


def _kader(kelurahan, urut, nama, jk, lahir, peran, bidang):
    rw = RW.objects.filter(kelurahan=kelurahan).order_by("nomor")[(urut - 1) % 4 : (urut - 1) % 4 + 1].first()
    kader, dibuat = Kader.objects.get_or_create(
        nik=_nik(kelurahan, lahir, jk, urut),
        defaults=dict(
            nama=nama, jenis_kelamin=jk, tempat_lahir="Probolinggo", tanggal_lahir=lahir, alamat=f"Jl. Demo No. {urut}",
            kelurahan=kelurahan, rw=rw, telepon=f"08123400{urut:04d}", pendidikan="sma", pekerjaan="Wiraswasta",
            peran=peran_ke_teks(peran), tanggal_mulai=dt.date(2023, 1, 2), nomor_sk=f"188/{urut}/425.304/2023", tanggal_sk=dt.date(2023, 1, 2),
        ),
    )  # fmt: skip
    if dibuat:
        kader.bidang_kerja.set(BidangKerja.objects.filter(nama__in=bidang))
    return kader


@transaction.atomic
def muat_demo(stdout=None):
    kebonsari = Kelurahan.objects.select_related("kecamatan").filter(kode=DEMO_KELURAHAN).first()
    if kebonsari is None:
        return
    tim = [_kader(kebonsari, i, *baris) for i, baris in enumerate(KEBONSARI, 1)]
    # A few other kelurahan: some below target, so the city view has something to show.
    for n, kelurahan in enumerate(Kelurahan.objects.select_related("kecamatan").exclude(pk=kebonsari.pk).order_by("kode")[:8]):
        for i in range(1 + n % 3):
            _kader(kelurahan, 100 + n * 10 + i, f"Kader {kelurahan.nama} {i + 1}", "L" if i % 2 else "P", dt.date(1980 + i, 2, 10 + n), ["penggerak"], ["Sosial"])

    board, _ = KepengurusanForkom.objects.get_or_create(
        tingkat=Tingkat.KELURAHAN, kelurahan=kebonsari, periode_mulai=dt.date(2025, 1, 1), defaults={"periode_selesai": dt.date(2029, 12, 31)}
    )
    for kader, jabatan in zip(tim[:3], [JabatanForkom.KOORDINATOR, JabatanForkom.SEKRETARIS, JabatanForkom.ANGGOTA], strict=True):
        AnggotaForkom.objects.get_or_create(kepengurusan=board, kader=kader, defaults={"jabatan": jabatan})

    lomba, _ = LombaKPM.objects.get_or_create(tahun=2025, tingkat=LombaKPM.Tingkat.KOTA, defaults={"skala": 100, "jumlah_dikirim": 3})
    for urutan, (nama, bobot) in enumerate([("Inovasi pemberdayaan", 40), ("Partisipasi masyarakat", 35), ("Dampak ekonomi", 25)], 1):
        KriteriaLomba.objects.get_or_create(lomba=lomba, nama=nama, defaults={"bobot": bobot, "urutan": urutan})
    pengusul = get_user_model().objects.filter(username="pemmas.kebonsariwetan").first()
    if pengusul is not None:
        for kader in tim[:2]:
            NominasiLomba.objects.get_or_create(lomba=lomba, kader=kader, defaults={"prestasi": "Menggerakkan bank sampah dan UMKM RW.", "diusulkan_oleh": pengusul})
    if stdout is not None:
        stdout.write(f"Kader: {Kader.objects.count()} kader, 1 kepengurusan Forkom, lomba {lomba.tahun}.")
