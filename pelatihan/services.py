"""Every write of the pelatihan programme.

Each service takes keyword-only arguments and the acting user, asks ``for_user(acting_user,
action)`` for the rows it touches, checks, and writes in one transaction; a refusal is a
``ValidationError`` (Indonesian) or ``PermissionDenied``, and writes nothing.
"""

from __future__ import annotations


# --- kehadiran dan evaluasi ---
# Imports of this block here: the file is appended to by every part of the app.
import datetime as dt  # noqa: E402
from collections.abc import Mapping  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from django.core.exceptions import PermissionDenied, ValidationError  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from django.utils.translation import gettext_lazy  # noqa: E402
from simple_history.utils import bulk_create_with_history, bulk_update_with_history  # noqa: E402

from wilayah.services import pastikan_boleh  # noqa: E402

from .models import Diklat, Evaluasi, Kehadiran, Materi, NilaiMateri, Peserta, StatusDiklat, StatusHadir  # noqa: E402

PESAN_DIKLAT_BATAL = gettext_lazy("Diklat ini dibatalkan: kehadiran dan evaluasinya tidak dapat dicatat lagi.")


def bilangan_bulat(x) -> int | None:
    """A whole number given as an int or as digits (a form's key, a sheet's cell); else None."""
    if isinstance(x, bool):
        return None
    if isinstance(x, int):
        return x
    if isinstance(x, str) and x.strip().isascii() and x.strip().isdigit():
        return int(x.strip())
    return None


@dataclass(frozen=True)
class HasilKehadiran:
    """What one save of a day did: rows created, rows changed, rows already as given."""

    baru: int
    diubah: int
    tetap: int


def _diklat_dikelola(acting_user, diklat_id) -> Diklat:
    """The diklat, locked, if the user organises it (``change``) and it is not cancelled."""
    pastikan_boleh(acting_user, Peserta, "kelola")
    baris = Diklat.objects.for_user(acting_user, "change").select_for_update(of=("self",)).filter(pk=diklat_id).first()
    if baris is None:
        raise PermissionDenied
    if baris.status == StatusDiklat.BATAL:
        raise ValidationError(PESAN_DIKLAT_BATAL)
    return baris


def kehadiran_catat(*, acting_user, diklat: Diklat, tanggal: dt.date, status_per_peserta: Mapping) -> HasilKehadiran:
    """Record one day's attendance of many participants of ``diklat`` at once, all or nothing.

    ``status_per_peserta``: {participant id: ``StatusHadir`` value}. Every participant must be one
    the user organises (``Peserta.objects.for_user(user, "kelola")``) of this diklat; the day must
    lie in each one's session and not in the future (``Kehadiran.clean``: a bad day refuses the
    whole day). One row per participant and day (the unique constraint): new rows are created,
    changed ones updated, unchanged ones left alone, each write with its history row, in a fixed
    number of statements whatever the number of participants. A change that would leave a
    participant who already has a certificate no longer complete (``PesertaQuerySet.dengan_kehadiran``)
    is refused."""
    if not status_per_peserta:
        raise ValidationError(_("Tidak ada peserta yang kehadirannya dicatat."))
    bersih: dict[int, str] = {}
    for kunci, status in status_per_peserta.items():
        pk = bilangan_bulat(kunci)
        if pk is None:
            raise ValidationError(_("Data kehadiran tidak sah: peserta tidak dikenal."))
        if status not in StatusHadir.values:
            raise ValidationError(_("Status kehadiran tidak dikenal. Pilih Hadir, Izin, Sakit atau Tidak hadir."))
        bersih[pk] = status
    if not isinstance(tanggal, dt.date) or isinstance(tanggal, dt.datetime):
        raise ValidationError({"tanggal": _("Tanggal tidak sah.")})
    with transaction.atomic():
        diklat = _diklat_dikelola(acting_user, diklat.pk)
        peserta = {
            p.pk: p
            for p in Peserta.objects.for_user(acting_user, "kelola")
            .filter(diklat=diklat, pk__in=list(bersih))
            .select_related("sesi")
            .select_for_update(of=("self",))
        }
        asing = set(bersih) - set(peserta)
        if asing:
            raise ValidationError(_("%(n)d peserta yang dikirim bukan peserta diklat ini. Tidak ada yang disimpan.") % {"n": len(asing)})
        lama = {k.peserta_id: k for k in Kehadiran.objects.filter(peserta_id__in=list(peserta), tanggal=tanggal)}
        semula = {pk: k.status for pk, k in lama.items()}
        baru, ubah, tetap, galat = [], [], 0, []
        for pk, status in sorted(bersih.items()):
            baris = lama.get(pk) or Kehadiran(peserta=peserta[pk], tanggal=tanggal)
            baris.peserta = peserta[pk]  # its session is loaded: clean() asks no query
            baris.status = status
            try:
                # The participant is checked above, the unique constraint by the upsert: no query per row.
                baris.full_clean(exclude=["peserta"], validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                for pesan in exc.messages:
                    if pesan not in galat:
                        galat.append(pesan)
                continue
            if pk not in lama:
                baru.append(baris)
            elif semula[pk] != status:
                ubah.append(baris)
            else:
                tetap += 1
        if galat:
            raise ValidationError({"tanggal": galat})
        bulk_create_with_history(baru, Kehadiran, default_user=acting_user)
        bulk_update_with_history(ubah, Kehadiran, ["status"], default_user=acting_user)
        bersertifikat = [b.peserta_id for b in ubah if b.peserta.bersertifikat]
        if bersertifikat:
            gagal = list(Peserta.objects.filter(pk__in=bersertifikat).dengan_kehadiran().filter(lulus=False).values_list("nama", flat=True)[:5])
            if gagal:  # raised inside the transaction: the writes above are rolled back
                raise ValidationError(
                    _("Perubahan ini membuat peserta yang sudah bersertifikat tidak lagi memenuhi kehadiran minimal: %(nama)s. Tidak ada yang disimpan.")
                    % {"nama": ", ".join(gagal)}
                )
    return HasilKehadiran(baru=len(baru), diubah=len(ubah), tetap=tetap)


def _nilai_1_5(x) -> int | None:
    n = bilangan_bulat(x)
    return n if n is not None and 1 <= n <= 5 else None


def evaluasi_simpan(
    *, acting_user, peserta: Peserta, nilai_umum, manfaat: str = "", saran: str = "", nilai: Mapping
) -> Evaluasi:
    """Enter (or replace) a participant's questionnaire, as the organiser types in the paper form.

    ``nilai``: {module id: (module rating, speaker rating or None)}, ratings 1 to 5, modules of the
    participant's own session only (a module left out is not rated). Only a participant the user
    organises (``for_user(user, "kelola")``) who was present at least one day
    (``PesertaQuerySet.dengan_kehadiran``). One evaluation per participant: saving again replaces
    its answers (ratings no longer given are removed), each change with its history row."""
    galat = {}
    umum = _nilai_1_5(nilai_umum)
    if umum is None:
        galat["nilai_umum"] = _("Penilaian keseluruhan antara 1 dan 5.")
    with transaction.atomic():
        pastikan_boleh(acting_user, Peserta, "kelola")
        baris = (
            Peserta.objects.for_user(acting_user, "kelola").select_for_update(of=("self",)).filter(pk=peserta.pk).first()
            if peserta.pk is not None else None
        )  # fmt: skip
        if baris is None:
            terlihat = Peserta.objects.for_user(acting_user, "view").filter(pk=peserta.pk).select_related("diklat").first()
            if terlihat is not None and terlihat.diklat.status == StatusDiklat.BATAL:
                raise ValidationError(PESAN_DIKLAT_BATAL)
            raise PermissionDenied
        hadir = Peserta.objects.filter(pk=baris.pk).dengan_kehadiran().values_list("hari_hadir", flat=True).get()
        if not hadir:
            raise ValidationError(_("%(nama)s belum tercatat hadir satu hari pun: evaluasi diisi oleh peserta yang mengikuti diklat.") % {"nama": baris.nama})
        materi = {m.pk: m for m in Materi.objects.filter(sesi_id=baris.sesi_id).select_related("narasumber")}
        bersih: dict[int, tuple[int, int | None]] = {}
        for kunci, pasangan in nilai.items():
            pk = bilangan_bulat(kunci)
            if pk not in materi:
                galat.setdefault("__all__", []).append(_("Materi yang dinilai harus materi sesi peserta ini."))
                continue
            try:
                nilai_materi, nilai_narasumber = pasangan
            except (TypeError, ValueError):
                galat.setdefault("__all__", []).append(_("Nilai materi tidak sah."))
                continue
            nm = _nilai_1_5(nilai_materi)
            nn = None if nilai_narasumber in (None, "") else _nilai_1_5(nilai_narasumber)
            if nm is None or (nilai_narasumber not in (None, "") and nn is None):
                galat[f"materi_{pk}"] = _("Nilai materi dan narasumber antara 1 dan 5.")
                continue
            if nn is not None and materi[pk].narasumber_id is None:
                galat[f"narasumber_{pk}"] = _("Materi ini tanpa narasumber: nilai narasumber dikosongkan.")
                continue
            bersih[pk] = (nm, nn)
        if galat:
            raise ValidationError(galat)
        evaluasi = Evaluasi.objects.filter(peserta=baris).first() or Evaluasi(peserta=baris)
        evaluasi.nilai_umum, evaluasi.manfaat, evaluasi.saran = umum, (manfaat or "").strip(), (saran or "").strip()
        evaluasi._history_user = acting_user
        evaluasi.full_clean(exclude=["peserta"], validate_unique=False)
        evaluasi.save()
        lama = {n.materi_id: n for n in NilaiMateri.objects.filter(evaluasi=evaluasi)}
        for n in lama.values():
            if n.materi_id not in bersih:
                n._history_user = acting_user
                n.delete()
        baru, ubah = [], []
        for pk, (nm, nn) in bersih.items():
            n = lama.get(pk)
            if n is None:
                baru.append(NilaiMateri(evaluasi=evaluasi, materi_id=pk, nilai_materi=nm, nilai_narasumber=nn))
            elif (n.nilai_materi, n.nilai_narasumber) != (nm, nn):
                n.nilai_materi, n.nilai_narasumber = nm, nn
                ubah.append(n)
        bulk_create_with_history(baru, NilaiMateri, default_user=acting_user)
        bulk_update_with_history(ubah, NilaiMateri, ["nilai_materi", "nilai_narasumber"], default_user=acting_user)
    return evaluasi
