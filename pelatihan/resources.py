"""Excel import and export of the pelatihan programme (``wilayah.impor``, ``wilayah.templat``)."""


# --- follow-up (rencana tindak lanjut) ---
# Imports here, not at the top: the top of this file is written by several people at once.
from django.utils.translation import gettext_lazy as _l  # noqa: E402

from wilayah.templat import ANGKA, PENGENAL, PILIHAN, TANGGAL, Kolom, LembarEkspor  # noqa: E402

from .models import JenisTindakLanjut  # noqa: E402

KOLOM_EKSPOR_RENCANA = (
    Kolom("peserta", _l("Peserta")),
    Kolom("jabatan", _l("Jabatan")),
    Kolom("diklat", _l("Diklat")),
    Kolom("kecamatan", _l("Kecamatan")),
    Kolom("kode_kelurahan", _l("Kode kelurahan"), jenis=PENGENAL),
    Kolom("kelurahan", _l("Kelurahan")),
    Kolom("jenis", _l("Jenis"), jenis=PILIHAN, pilihan=JenisTindakLanjut),
    Kolom("uraian", _l("Uraian komitmen"), lebar=50),
    Kolom("rw", _l("RW"), jenis=ANGKA),
    Kolom("target_jumlah", _l("Target jumlah"), jenis=ANGKA),
    Kolom("tenggat", _l("Tenggat"), jenis=TANGGAL),
    Kolom("status", _l("Status")),
    Kolom("destinasi", _l("Destinasi yang terwujud")),
    Kolom("kader_baru", _l("KPM baru tertaut"), jenis=ANGKA),
    Kolom("selesai_pada", _l("Selesai pada"), jenis=TANGGAL),
    Kolom("catatan", _l("Catatan perkembangan"), lebar=50),
)


def status_rencana(rencana) -> str:
    """Selesai, melewati tenggat (``RencanaTindakLanjut.terlambat``) or belum selesai, today."""
    if rencana.selesai_pada is not None:
        return str(_l("Selesai"))
    return str(_l("Melewati tenggat")) if rencana.terlambat else str(_l("Belum selesai"))


def ekspor_rencana(queryset) -> LembarEkspor:
    """The (filtered) commitments as a sheet; the queryset comes from the list (scoped, annotated)."""
    data = LembarEkspor(str(_l("Tindak lanjut diklat")), KOLOM_EKSPOR_RENCANA)
    for r in queryset.iterator(chunk_size=2000):
        data.append([
            r.peserta.nama, r.peserta.jabatan, r.peserta.diklat.judul, r.kelurahan.kecamatan.nama, r.kelurahan.kode, r.kelurahan.nama,
            r.get_jenis_display(), r.uraian, r.rw.nomor if r.rw_id else None, r.target_jumlah, r.tenggat, status_rencana(r),
            r.destinasi.nama if r.destinasi_id else "", r.jumlah_kader, r.selesai_pada, r.catatan,
        ])  # fmt: skip
    return data
