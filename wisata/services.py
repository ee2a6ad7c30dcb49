"""State changes of the wisata programme: each checks scope and rules, inside one transaction, and is
the only writer of what it changes (forms, the admin and the import call these)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from wilayah.berkas import UKURAN_FOTO, UKURAN_THUMBNAIL, simpan_foto
from wilayah.kunci import PemeriksaKunci, pastikan_perubahan_terbuka
from wilayah.models import Kelurahan
from wilayah.publik import lupakan_tanda
from wilayah.scoping import boleh_atas
from wilayah.services import ambil_untuk, pastikan_boleh, simpan_dalam_lingkup

from .kalender import TANDA_BERANDA, TANDA_EVENT
from .models import Destinasi, Event, FotoDestinasi, TargetProgram


#: at most this many photos go with one save of the destination form (each up to 5 MB)
FOTO_PER_SIMPAN = 5


def destinasi_simpan(*, acting_user, destinasi: Destinasi, hari_ini: date | None = None, foto: Sequence = (), keterangan_foto: str = "") -> Destinasi:
    """Create or update a destination in the user's scope; its RW must be in its kelurahan.

    ``foto``: uploaded photos stored with it, each through the photo door ``foto_tambah`` (checked by
    content, re-encoded, thumbnail), captioned ``keterangan_foto``. All or nothing: a refused photo is a
    ``ValidationError`` on ``foto`` naming the file, the destination is not saved, and the files of the
    photos stored before it are removed again."""
    if len(foto) > FOTO_PER_SIMPAN:
        raise ValidationError({"foto": _("Paling banyak %(n)s foto sekali simpan; foto lain dapat ditambahkan dari halaman destinasi.") % {"n": FOTO_PER_SIMPAN}})
    if not foto:
        return _destinasi_simpan(acting_user=acting_user, destinasi=destinasi, hari_ini=hari_ini)
    baru = destinasi._state.adding
    tersimpan: list[FotoDestinasi] = []
    try:
        with transaction.atomic():
            _destinasi_simpan(acting_user=acting_user, destinasi=destinasi, hari_ini=hari_ini)
            for berkas in foto:
                try:
                    tersimpan.append(foto_tambah(acting_user=acting_user, destinasi=destinasi, berkas=berkas, keterangan=keterangan_foto))
                except ValidationError as exc:
                    raise ValidationError({"foto": _("Foto “%(nama)s” ditolak: %(pesan)s Destinasi belum disimpan; ganti atau lepas foto itu, lalu simpan lagi.") % {
                        "nama": getattr(berkas, "name", ""), "pesan": " ".join(exc.messages)}}) from exc
    except BaseException:
        for f in tersimpan:
            for berkas in (f.gambar, f.thumbnail):
                if berkas and berkas.name:
                    berkas.storage.delete(berkas.name)
        if baru:  # rolled back: the form shows it again as not yet saved
            destinasi.pk = None
            destinasi._state.adding = True
        raise
    return destinasi


def _destinasi_simpan(*, acting_user, destinasi: Destinasi, hari_ini: date | None = None) -> Destinasi:
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


# What the lock guards on an event besides its start date (``event_simpan``'s rule): the month's figures.
ISI_BULAN_EVENT = ("status", "pengunjung", "umkm_terlibat", "transaksi")
BATCH_MASSAL = 500


@transaction.atomic
def event_simpan_massal(*, acting_user, baru: list[Event], diubah: list[Event], kolom: set[str],
                        pemeriksa_kunci: PemeriksaKunci | None = None) -> None:
    """Record many events at once (the Excel import), with their history: a fixed number of statements
    per batch of ``BATCH_MASSAL``, whatever the number of rows.

    Each row was checked by the import against data loaded once, by the model's own rules
    (``Event.clean``, the fields' validators); here the door checks what ``event_simpan`` checks for one
    event: the user may add (change) events, every event lies in a kelurahan of their scope (a stored one:
    as stored, locked until commit, among those they may change), and no month the lock closed changes
    (``pemeriksa_kunci``: the import's, loaded once for the file). ``kolom``: the fields the updates write.
    A refusal raises and writes nothing."""
    if baru:
        pastikan_boleh(acting_user, Event, "add")
    if diubah:
        pastikan_boleh(acting_user, Event, "change")
    kel_ids = {e.kelurahan_id for e in baru}
    boleh_di = set(Kelurahan.objects.for_user(acting_user, "view").filter(pk__in=kel_ids).values_list("pk", flat=True)) if baru else set()
    if any(e.kelurahan_id not in boleh_di for e in baru):
        raise ValidationError({"kelurahan": _("Data ini di luar wilayah kerja Anda.")})
    tersimpan = {}
    if diubah:
        qs = Event.objects.for_user(acting_user, "change").order_by().select_for_update(of=("self",))
        tersimpan = {pk: (kel, mulai, isi) for pk, kel, mulai, *isi in qs.filter(pk__in=[e.pk for e in diubah]).values_list(
            "pk", "kelurahan_id", "tanggal_mulai", *ISI_BULAN_EVENT)}
        if len(tersimpan) != len({e.pk for e in diubah}):
            raise ValidationError(_("Sebagian event di berkas ini sudah dihapus atau di luar wilayah kerja Anda. Tidak ada yang disimpan."))
    pemeriksa = pemeriksa_kunci or PemeriksaKunci(kel_ids | {kel for kel, _m, _i in tersimpan.values()})
    for e in baru:
        pemeriksa.periksa(e.kelurahan_id, e.tanggal_mulai, field="tanggal_mulai")
    for e in diubah:
        kel, mulai, isi = tersimpan[e.pk]
        if (kel, mulai) != (e.kelurahan_id, e.tanggal_mulai):
            pemeriksa.periksa(kel, mulai, field="tanggal_mulai")
            pemeriksa.periksa(e.kelurahan_id, e.tanggal_mulai, field="tanggal_mulai")
        elif tuple(isi) != tuple(getattr(e, f) for f in ISI_BULAN_EVENT):
            pemeriksa.periksa(kel, mulai, field=next(f for f, lama in zip(ISI_BULAN_EVENT, isi) if getattr(e, f) != lama))
    if baru:
        bulk_create_with_history(baru, Event, batch_size=BATCH_MASSAL, default_user=acting_user)
    if diubah:
        sekarang = timezone.now()
        for e in diubah:
            e.diubah = sekarang  # ``auto_now`` is not applied by a bulk update
        bulk_update_with_history(diubah, Event, [*sorted(kolom), "diubah"], batch_size=BATCH_MASSAL, default_user=acting_user)
    # bulk writes send no post_save: the public calendar's kept tanda is forgotten here (wilayah.publik)
    lupakan_tanda(TANDA_EVENT)
    lupakan_tanda(TANDA_BERANDA)


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
