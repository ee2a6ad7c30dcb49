"""The cadre rules in one place, used by the form, ``Kader.clean()`` and the Excel import.

``periksa_kader`` takes everything it needs as arguments (no queries), so the import checks
10,000 rows against data it loaded once.
Who reads a NIK in full is decided for every programme by ``wilayah.nik.boleh_lihat_nik_penuh``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wilayah.nik import kecamatan_nik_dikenal, kode_nik_kecamatan, nik_untuk, validasi_nik
from wilayah.roles import BAPPEDA, peran_pengguna
from wilayah.scoping import Tingkat, lingkup_of

PESAN_NIK_LUAR_WILAYAH = gettext_lazy(
    "Enam angka pertama NIK (%(kode)s) bukan kode kecamatan di wilayah ini. Periksa kembali NIK; bila benar "
    "(misalnya warga pindahan), centang \"Saya sudah memeriksa: NIK dari luar wilayah\"."
)


def kode_kecamatan_wilayah() -> set[str]:
    return kode_nik_kecamatan()


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
    that is the database constraint's job, checked by the form and the import)."""
    hari_ini = hari_ini or timezone.localdate()
    errors: dict[str, list] = {}

    def tambah(field, pesan):
        errors.setdefault(field, []).append(pesan)

    if tanggal_lahir is not None and tanggal_lahir > hari_ini:
        tambah("tanggal_lahir", _("Tanggal lahir tidak boleh di masa depan."))
    if tanggal_mulai is not None and tanggal_lahir is not None and tanggal_mulai < tanggal_lahir:
        tambah("tanggal_mulai", _("Tanggal mulai tidak boleh sebelum tanggal lahir."))
    try:
        validasi_nik(nik or "", tanggal_lahir=tanggal_lahir, jenis_kelamin=jenis_kelamin)
    except ValidationError as exc:
        for pesan in exc.messages:
            tambah("nik", pesan)
    else:
        if not kecamatan_nik_dikenal(nik, kode_kecamatan) and not nik_luar_wilayah:
            tambah("nik_luar_wilayah", PESAN_NIK_LUAR_WILAYAH % {"kode": nik[:6]})
    if rw_kelurahan_id is not None and kelurahan_id is not None and rw_kelurahan_id != kelurahan_id:
        tambah("rw", _("RW ini bukan RW dari kelurahan yang dipilih."))
    if errors:
        raise ValidationError(errors)


def tampilkan_nik(user, kader) -> str:
    """The NIK as this user may see it: in full or masked (3574••••••••0012)."""
    return nik_untuk(user, kader.nik, kader.kelurahan_id)


def boleh_cari_nik(user) -> bool:
    """Searching by NIK would confirm a NIK to someone who sees it masked: only those who see every
    NIK in their scope in full may search by it (superusers, Bappeda, kelurahan operators, whose
    scope is their own kelurahan)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    lingkup = lingkup_of(user)
    if lingkup is None:
        return False
    if lingkup.tingkat == Tingkat.KELURAHAN:
        return True
    return lingkup.tingkat == Tingkat.KOTA and BAPPEDA in peran_pengguna(user)
