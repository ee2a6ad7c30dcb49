"""Every write of the pelatihan programme. Each service takes keyword-only arguments and the acting
user, asks ``for_user(acting_user, action)`` for the rows it touches, checks, and writes in one
transaction; a refusal is a ``ValidationError`` (Indonesian) or ``PermissionDenied`` and writes nothing."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from .models import CetakSertifikat, Diklat, Peserta, StatusCetak, StatusDiklat, buat_kode_verifikasi

log = logging.getLogger(__name__)


# --- sertifikat ---

KOLOM_SERTIFIKAT = ["nomor_urut_sertifikat", "nomor_sertifikat", "kode_verifikasi", "sertifikat_terbit"]
KOLOM_LAIN = [f.name for f in Peserta._meta.concrete_fields if f.name not in KOLOM_SERTIFIKAT]
#: Attempts at a fresh set of verification codes when one collides (about 58 bits each: never in practice).
PERCOBAAN_KODE = 5
#: The batch job writes its progress (``selesai``) every this many pages.
HALAMAN_PER_KEMAJUAN = 10


def awalan_nomor_sertifikat(diklat: Diklat) -> str:
    """What follows the running number: the diklat's own format, else ``DIKLAT-<pk>/<year it ends>``."""
    if diklat.awalan_nomor_sertifikat.strip():
        return diklat.awalan_nomor_sertifikat.strip()
    tanggal = diklat.tanggal_selesai or diklat.tanggal_mulai or timezone.localdate()
    return f"DIKLAT-{diklat.pk}/{tanggal.year}"


def _kode_baru(jumlah: int) -> list[str]:
    """``jumlah`` verification codes, distinct from each other and from every stored one."""
    kode: set[str] = set()
    while len(kode) < jumlah:
        calon = {buat_kode_verifikasi() for _ in range(jumlah - len(kode))}
        kode |= calon - set(Peserta.objects.filter(kode_verifikasi__in=calon).values_list("kode_verifikasi", flat=True))
    return list(kode)


def sertifikat_terbitkan(*, acting_user, diklat: Diklat, peserta_ids: Iterable[int] | None = None) -> list[Peserta]:
    """Issue the certificates of ``diklat``: to the participants ``peserta_ids`` (all or nothing), or
    to every participant who completed it. Returns the participants issued now.

    Only the organiser (``Peserta.objects.for_user(user, "kelola")``). Completed is
    ``Peserta.objects.dengan_kehadiran()``'s ``lulus`` (the one place of the rule); a participant
    asked for who did not complete refuses the whole request, naming them. The diklat's row is
    locked, so numbers run on without gaps or doubles (``nomor_urut_sertifikat``: the next in the
    diklat; ``nomor_sertifikat``: ``001/<awalan>``); already-issued participants keep theirs."""
    with transaction.atomic():
        diklat = Diklat.objects.select_for_update().filter(pk=diklat.pk).first()
        if diklat is None:
            raise PermissionDenied
        if not Diklat.objects.for_user(acting_user, "change").filter(pk=diklat.pk).exists():
            raise PermissionDenied
        if diklat.status == StatusDiklat.BATAL:
            raise ValidationError(_("Diklat ini dibatalkan; sertifikatnya tidak dapat diterbitkan."), code="batal")
        dikelola = Peserta.objects.for_user(acting_user, "kelola").filter(diklat=diklat)
        calon = dikelola.dengan_kehadiran().select_related("diklat", "sesi", "kecamatan", "kelurahan").order_by("nama", "pk")
        if peserta_ids is not None:
            ids = {int(pk) for pk in peserta_ids}
            if not ids:
                raise ValidationError(_("Pilih minimal satu peserta."), code="kosong")
            calon = list(calon.filter(pk__in=ids))
            if len(calon) != len(ids):
                raise ValidationError(_("Sebagian peserta yang dipilih tidak ditemukan di diklat ini."), code="tidak_ditemukan")
            belum_lulus = [p.nama for p in calon if not p.lulus]
            if belum_lulus:
                raise ValidationError(
                    _("Sertifikat hanya untuk peserta yang menyelesaikan diklat. Belum memenuhi kehadiran minimal (%(persen)s%%): %(nama)s.")
                    % {"persen": diklat.persen_hadir_minimal, "nama": ", ".join(belum_lulus)},
                    code="belum_lulus",
                )
        else:
            calon = list(calon.filter(lulus=True))
        baru = [p for p in calon if not p.bersertifikat]
        if not baru:
            return []
        urut = (Peserta.objects.filter(diklat=diklat).aggregate(n=Max("nomor_urut_sertifikat"))["n"] or 0) + 1
        awalan = awalan_nomor_sertifikat(diklat)
        sekarang = timezone.now()
        for i, peserta in enumerate(baru):
            peserta.nomor_urut_sertifikat = urut + i
            peserta.nomor_sertifikat = f"{urut + i:03d}/{awalan}"[:120]
            peserta.sertifikat_terbit = sekarang
        for percobaan in range(PERCOBAAN_KODE):
            for peserta, kode in zip(baru, _kode_baru(len(baru))):
                peserta.kode_verifikasi = kode
            for peserta in baru:
                # The fields written, checked row by row; the constraints over rows (a number once per
                # diklat, a code once, a certificate complete) are the database's, checked by the one
                # UPDATE below: a full_clean per row would ask ~10 queries each (3,000 for 300 rows).
                try:
                    peserta.clean_fields(exclude=KOLOM_LAIN)
                except ValidationError as exc:
                    raise ValidationError(_("%(nama)s: %(pesan)s") % {"nama": peserta.nama, "pesan": " ".join(exc.messages)}) from exc
            try:
                with transaction.atomic():  # a code taken by a concurrent issue in between: draw again
                    bulk_update_with_history(baru, Peserta, KOLOM_SERTIFIKAT, batch_size=500, default_user=acting_user)
                break
            except IntegrityError:
                if percobaan == PERCOBAAN_KODE - 1:
                    raise
        return baru


def cetak_mulai(*, acting_user, diklat: Diklat) -> CetakSertifikat:
    """Start a batch job: every issued certificate of ``diklat`` as one PDF, rendered by the task
    ``pelatihan.cetak_sertifikat`` once this transaction commits (eagerly without a broker). The
    task id is chosen before the job row is written, so nothing writes the row once the task may hold it."""
    from .tasks import antrikan_cetak

    with transaction.atomic():
        diklat = Diklat.objects.for_user(acting_user, "change").filter(pk=diklat.pk).first()
        if diklat is None:
            raise PermissionDenied
        if diklat.status == StatusDiklat.BATAL:
            raise ValidationError(_("Diklat ini dibatalkan; sertifikatnya tidak dicetak."), code="batal")
        jumlah = Peserta.objects.for_user(acting_user, "kelola").filter(diklat_id=diklat.pk).bersertifikat().count()
        if not jumlah:
            raise ValidationError(_("Belum ada sertifikat yang terbit di diklat ini. Terbitkan sertifikat dulu."), code="kosong")
        job = CetakSertifikat(diklat_id=diklat.pk, pemilik=acting_user, task_id=uuid.uuid4().hex, jumlah=jumlah)
        job.full_clean()
        job.save()
        transaction.on_commit(lambda: antrikan_cetak(job))
    return job


def cetak_kerjakan(job_id: int) -> str:
    """Render a batch job (the task's body) and return its status.

    The job row is locked (``select_for_update``) to claim it (``berjalan``) and again to finish it,
    both in short transactions, so the progress the rendering writes in between (``selesai``, every
    ``HALAMAN_PER_KEMAJUAN`` pages, one short UPDATE each) can be read by the page. A finished or
    failed job is left as it is. A worker killed half-way leaves the job ``berjalan`` without a file;
    the next delivery renders it again; of two deliveries at once, the first to finish keeps its file."""
    from .cetak import sertifikat_pdf

    with transaction.atomic():
        job = CetakSertifikat.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in (StatusCetak.SELESAI, StatusCetak.GAGAL):
            return job.status if job else "hilang"
        peserta = list(
            Peserta.objects.for_user(job.pemilik, "kelola").filter(diklat_id=job.diklat_id).bersertifikat()
            .select_related("sesi", "kecamatan", "kelurahan").order_by("nomor_urut_sertifikat")
        )
        if not peserta:
            job.status, job.pesan, job.rampung = StatusCetak.GAGAL, _("Tidak ada sertifikat yang dapat dicetak."), timezone.now()
            job.save(update_fields=["status", "pesan", "rampung"])
            return job.status
        job.status, job.jumlah, job.selesai = StatusCetak.BERJALAN, len(peserta), 0
        job.save(update_fields=["status", "jumlah", "selesai"])
        diklat = Diklat.objects.select_related("penyelenggara").prefetch_related("penyelenggara_lain", "sesi_set").get(pk=job.diklat_id)

    def kemajuan(halaman: int) -> None:
        if halaman % HALAMAN_PER_KEMAJUAN == 0:
            CetakSertifikat.objects.filter(pk=job_id, status=StatusCetak.BERJALAN).update(selesai=halaman)

    pdf = sertifikat_pdf(diklat, peserta, setiap_halaman=kemajuan)
    with transaction.atomic():
        job = CetakSertifikat.objects.select_for_update().get(pk=job_id)
        if job.status != StatusCetak.BERJALAN:  # another delivery finished it meanwhile
            return job.status
        job.berkas.save(f"sertifikat-diklat-{diklat.pk}.pdf", ContentFile(pdf), save=False)
        nama = job.berkas.name
        job.status, job.selesai, job.rampung = StatusCetak.SELESAI, len(peserta), timezone.now()
        try:
            job.save(update_fields=["status", "selesai", "rampung", "berkas"])
        except Exception:
            job.berkas.storage.delete(nama)
            raise
    return job.status


def cetak_gagal(job_id: int, pesan: str) -> None:
    """A job whose task failed for good: the page says so instead of a progress bar for ever."""
    CetakSertifikat.objects.filter(pk=job_id, status__in=[StatusCetak.ANTRI, StatusCetak.BERJALAN]).update(
        status=StatusCetak.GAGAL, pesan=pesan[:2000], rampung=timezone.now()
    )
