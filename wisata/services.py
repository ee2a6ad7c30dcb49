"""State changes of the wisata programme: each checks scope and rules, inside one transaction."""

from __future__ import annotations

import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wilayah.berkas import gambar_bersih, validasi_gambar
from wilayah.models import Kelurahan

from .models import Destinasi, Event, FotoDestinasi

UKURAN_FOTO = (1600, 1600)
UKURAN_THUMBNAIL = (480, 360)


def _pastikan_dalam_lingkup(*, user, kelurahan_id: int) -> None:
    if not Kelurahan.objects.for_user(user).filter(pk=kelurahan_id).exists():
        raise ValidationError({"kelurahan": _("Kelurahan ini di luar wilayah kerja Anda.")})


@transaction.atomic
def destinasi_simpan(*, user, destinasi: Destinasi, hari_ini: date | None = None) -> Destinasi:
    """Create or update a destination in the user's scope; its RW must be in its kelurahan."""
    if destinasi.kelurahan_id is None and destinasi.rw_id is not None:
        destinasi.kelurahan_id = destinasi.rw.kelurahan_id
    if destinasi.kelurahan_id is None:
        raise ValidationError({"kelurahan": _("Pilih kelurahan destinasi.")})
    _pastikan_dalam_lingkup(user=user, kelurahan_id=destinasi.kelurahan_id)
    destinasi.isi_tanggal_status(hari_ini or timezone.localdate())
    destinasi.full_clean()
    destinasi.save()
    return destinasi


@transaction.atomic
def event_simpan(*, user, event: Event) -> Event:
    """Create or update an event in the user's scope (dates in order, no negative figures)."""
    if event.kelurahan_id is None:
        raise ValidationError({"kelurahan": _("Pilih kelurahan event.")})
    _pastikan_dalam_lingkup(user=user, kelurahan_id=event.kelurahan_id)
    event.full_clean()
    event.save()
    return event


def foto_tambah(*, user, destinasi: Destinasi, berkas, keterangan: str = "") -> FotoDestinasi:
    """Store a photo re-encoded without EXIF, plus a thumbnail.

    The upload is checked by content (an image, at most 5 MB) before anything is written;
    if saving fails midway the files already written are removed.
    """
    if not Destinasi.objects.for_user(user).filter(pk=destinasi.pk).exists():
        raise ValidationError(_("Destinasi ini di luar wilayah kerja Anda."))
    try:
        validasi_gambar(berkas)
    except ValidationError as exc:
        raise ValidationError({"gambar": exc.messages}) from exc
    berkas.seek(0)
    data = berkas.read()
    gambar = gambar_bersih(data, ukuran_maks=UKURAN_FOTO)
    thumbnail = gambar_bersih(data, ukuran_maks=UKURAN_THUMBNAIL)
    nama = f"{destinasi.pk}-{uuid.uuid4().hex[:12]}.jpg"
    foto = FotoDestinasi(destinasi=destinasi, keterangan=keterangan)
    try:
        with transaction.atomic():
            foto.gambar.save(nama, ContentFile(gambar), save=False)
            foto.thumbnail.save(nama, ContentFile(thumbnail), save=False)
            foto.save()
    except Exception:
        for field in (foto.gambar, foto.thumbnail):
            if field and field.name:
                field.storage.delete(field.name)
        raise
    return foto


@transaction.atomic
def foto_hapus(*, user, foto: FotoDestinasi) -> None:
    if not FotoDestinasi.objects.for_user(user).filter(pk=foto.pk).exists():
        raise ValidationError(_("Foto ini di luar wilayah kerja Anda."))
    nama = [f.name for f in (foto.gambar, foto.thumbnail) if f]
    storage = foto.gambar.storage
    foto.delete()
    transaction.on_commit(lambda: [storage.delete(n) for n in nama])
