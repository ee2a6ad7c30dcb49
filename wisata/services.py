"""State changes of the wisata programme: each checks scope and rules, inside one transaction, and is
the only writer of what it changes (forms, the admin and the import call these)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wilayah.berkas import UKURAN_FOTO, UKURAN_THUMBNAIL, simpan_foto
from wilayah.kunci import pastikan_perubahan_terbuka
from wilayah.scoping import boleh_atas
from wilayah.services import ambil_untuk, pastikan_boleh, simpan_dalam_lingkup

from .models import Destinasi, Event, FotoDestinasi, TargetProgram


def destinasi_simpan(*, acting_user, destinasi: Destinasi, hari_ini: date | None = None) -> Destinasi:
    """Create or update a destination in the user's scope; its RW must be in its kelurahan."""
    if destinasi.kelurahan_id is None and destinasi.rw_id is not None:
        destinasi.kelurahan_id = destinasi.rw.kelurahan_id
    if destinasi.kelurahan_id is None:
        raise ValidationError({"kelurahan": _("Pilih kelurahan destinasi.")})
    destinasi.isi_tanggal_status(hari_ini or timezone.localdate())
    # The day it opened puts it in a month's figures: a locked month is not changed.
    return simpan_dalam_lingkup(
        destinasi, acting_user=acting_user, kolom_lingkup="kelurahan",
        aturan=lambda d: pastikan_perubahan_terbuka(d, tanggal=("tanggal_aktif",)),
    )


def event_simpan(*, acting_user, event: Event) -> Event:
    """Create or update an event in the user's scope (dates in order, no negative figures)."""
    if event.kelurahan_id is None:
        raise ValidationError({"kelurahan": _("Pilih kelurahan event.")})
    # An event, its visitors, UMKM and transactions count in the month it starts: a locked month is not changed.
    return simpan_dalam_lingkup(
        event, acting_user=acting_user, kolom_lingkup="kelurahan",
        aturan=lambda e: pastikan_perubahan_terbuka(e, tanggal=("tanggal_mulai",), isi=("status", "pengunjung", "umkm_terlibat", "transaksi")),
    )


def target_simpan(*, acting_user, target: TargetProgram) -> TargetProgram:
    """Set a year's city targets (Bappeda); progress is computed, never stored."""
    return simpan_dalam_lingkup(target, acting_user=acting_user)


def foto_tambah(*, acting_user, destinasi: Destinasi, berkas, keterangan: str = "") -> FotoDestinasi:
    """Store a photo re-encoded without EXIF, plus a thumbnail.

    The upload is checked by content (an image, at most 5 MB and ``BATAS_PIKSEL``, its pixel count
    read from the header) and decoded once, before anything is written; if saving fails midway the
    files already written are removed. The stored names come from the content (``BerkasField``).
    """
    pastikan_boleh(acting_user, FotoDestinasi, "add")
    if not boleh_atas(acting_user, destinasi, "change"):
        raise ValidationError(_("Destinasi ini di luar wilayah kerja Anda."))
    return simpan_foto(FotoDestinasi(destinasi=destinasi, keterangan=keterangan), berkas, ukuran=UKURAN_FOTO, ukuran_thumbnail=UKURAN_THUMBNAIL)


@transaction.atomic
def foto_hapus(*, acting_user, foto: FotoDestinasi) -> None:
    """Remove a photo (an operator's change to their destination's gallery) and, after commit, its files."""
    foto = ambil_untuk(acting_user, foto, "change")
    nama = [f.name for f in (foto.gambar, foto.thumbnail) if f]
    storage = foto.gambar.storage
    foto.delete()
    transaction.on_commit(lambda: [storage.delete(n) for n in nama])
