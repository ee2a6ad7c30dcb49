"""The cadre rules in one place, used by ``Kader.clean()`` (so by ``services.kader_simpan``) and the Excel import.

``periksa_kader`` takes everything it needs as arguments (no queries), so the import checks
10,000 rows against data it loaded once. The NIK rules (format, birth date and sex, kecamatan
prefix with its confirmed override) and who reads a NIK in full are the same for every programme:
``wilayah.nik``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wilayah.nik import periksa_nik


def periksa_kader(
    *,
    nik: str,
    tanggal_lahir: dt.date | None,
    jenis_kelamin: str | None,
    kelurahan_id: int | None,
    rw_kelurahan_id: int | None,
    nik_luar_wilayah: bool,
    kode_kecamatan: set[str],
    tanggal_mulai: dt.date | None = None,
    hari_ini: dt.date | None = None,
) -> None:
    """Raise ``ValidationError({field: [messages]})`` for every broken rule (NIK uniqueness aside:
    that is the database constraint's job, checked by ``full_clean`` and by the import)."""
    hari_ini = hari_ini or timezone.localdate()
    errors: dict[str, list] = {}

    def tambah(field, pesan):
        errors.setdefault(field, []).append(pesan)

    if tanggal_lahir is not None and tanggal_lahir > hari_ini:
        tambah("tanggal_lahir", _("Tanggal lahir tidak boleh di masa depan."))
    if tanggal_mulai is not None and tanggal_lahir is not None and tanggal_mulai < tanggal_lahir:
        tambah("tanggal_mulai", _("Tanggal mulai tidak boleh sebelum tanggal lahir."))
    try:
        periksa_nik(nik, tanggal_lahir=tanggal_lahir, jenis_kelamin=jenis_kelamin, luar_wilayah_dikonfirmasi=nik_luar_wilayah, kode_kecamatan=kode_kecamatan)
    except ValidationError as exc:
        for field, pesan in exc.message_dict.items():
            for p in pesan:
                tambah(field, p)
    if rw_kelurahan_id is not None and kelurahan_id is not None and rw_kelurahan_id != kelurahan_id:
        tambah("rw", _("RW ini bukan RW dari kelurahan yang dipilih."))
    if errors:
        raise ValidationError(errors)
