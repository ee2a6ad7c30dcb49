"""Factories of the pelatihan app; ``SCOPED_FACTORIES`` feeds the scoping matrix.

``diklat_di(kelurahan=None, kecamatan=None, hari=3)`` a diklat with one session of ``hari`` days
(the city's when no region is given); ``peserta_di(diklat, kelurahan)`` a participant of its
first session; ``hadir_semua(peserta)`` present on every day of the session (completed);
``rencana_di(kelurahan)`` a commitment of a participant from that kelurahan. Rows are written
directly (the services are tested on their own).
"""

import datetime

from pelatihan.models import (
    Diklat,
    Instansi,
    JenisDiklat,
    Kehadiran,
    Narasumber,
    Peserta,
    RencanaTindakLanjut,
    SesiDiklat,
    StatusDiklat,
    StatusHadir,
)

MULAI = datetime.date(2025, 5, 26)


def instansi(singkatan="BKPSDM") -> Instansi:
    obj, _ = Instansi.objects.get_or_create(singkatan=singkatan, defaults={"nama": f"Instansi {singkatan}"})
    return obj


def narasumber(nama="Dr. Narasumber Uji", singkatan="BPSDM Jatim") -> Narasumber:
    obj, _ = Narasumber.objects.get_or_create(nama=nama, instansi=instansi(singkatan))
    return obj


def diklat_di(kelurahan=None, kecamatan=None, *, hari=3, mulai=MULAI, status=StatusDiklat.PENDAFTARAN, kuota=40, **kwargs) -> Diklat:
    if kelurahan is not None:
        kecamatan = kelurahan.kecamatan
    diklat = Diklat.objects.create(
        judul=kwargs.pop("judul", "Diklat Peningkatan Kapasitas Kasi Pemberdayaan Masyarakat"),
        jenis=kwargs.pop("jenis", JenisDiklat.DIKLAT),
        penyelenggara=kwargs.pop("penyelenggara", None) or instansi(),
        sasaran=kwargs.pop("sasaran", "Kasi Pemberdayaan Masyarakat"),
        kuota=kuota,
        kecamatan=kecamatan,
        kelurahan=kelurahan,
        status=status,
        **kwargs,
    )
    sesi_di(diklat, mulai=mulai, hari=hari)
    return diklat


def sesi_di(diklat, *, mulai=MULAI, hari=3, tempat="Aula DKPPP", nama="") -> SesiDiklat:
    sesi = SesiDiklat.objects.create(diklat=diklat, tempat=tempat, nama=nama, tanggal_mulai=mulai, tanggal_selesai=mulai + datetime.timedelta(days=hari - 1))
    rentang = diklat.sesi_set.order_by("tanggal_mulai")
    Diklat.objects.filter(pk=diklat.pk).update(
        tanggal_mulai=rentang.first().tanggal_mulai, tanggal_selesai=max(s.tanggal_selesai for s in rentang),
    )
    diklat.refresh_from_db()
    return sesi


_nomor = iter(range(1, 10**9))


def peserta_di(diklat, kelurahan=None, *, kecamatan=None, sesi=None, nama=None, **kwargs) -> Peserta:
    peserta = Peserta(
        diklat=diklat,
        sesi=sesi or diklat.sesi_set.order_by("tanggal_mulai", "pk").first(),
        nama=nama or f"Peserta Uji {next(_nomor)}",
        kecamatan=kecamatan or kelurahan.kecamatan,
        kelurahan=kelurahan,
        **kwargs,
    )
    peserta.kunci_orang = peserta.hitung_kunci_orang()
    peserta.save()
    return peserta


def hadir_semua(peserta, status=StatusHadir.HADIR) -> Peserta:
    Kehadiran.objects.bulk_create(Kehadiran(peserta=peserta, tanggal=t, status=status) for t in peserta.sesi.hari())
    return peserta


def rencana_di(kelurahan, *, peserta=None, tenggat=datetime.date(2025, 12, 31), **kwargs) -> RencanaTindakLanjut:
    if peserta is None:
        peserta = peserta_di(diklat_di(), kelurahan)
    return RencanaTindakLanjut.objects.create(
        peserta=peserta, kelurahan=kelurahan, uraian=kwargs.pop("uraian", "Satu destinasi wisata di RW 03"), tenggat=tenggat, **kwargs
    )


SCOPED_FACTORIES = {
    "pelatihan.Diklat": lambda kel: diklat_di(kel),
    "pelatihan.Peserta": lambda kel: peserta_di(diklat_di(), kel),
    "pelatihan.RencanaTindakLanjut": lambda kel: rencana_di(kel),
}


# --- sertifikat ---


def lulus_di(diklat, kelurahan, jumlah=1, **kwargs) -> list[Peserta]:
    """``jumlah`` participants from ``kelurahan`` present on every day of their session (completed)."""
    return [hadir_semua(peserta_di(diklat, kelurahan, **kwargs)) for _ in range(jumlah)]


def sertifikat_terbit(peserta, *, nomor=1, kode="ABCDEFGHJKMN") -> Peserta:
    """A certificate written directly (the service is tested on its own)."""
    from django.utils import timezone

    Peserta.objects.filter(pk=peserta.pk).update(
        nomor_urut_sertifikat=nomor, nomor_sertifikat=f"{nomor:03d}/UJI/2025", kode_verifikasi=kode, sertifikat_terbit=timezone.now()
    )
    peserta.refresh_from_db()
    return peserta
