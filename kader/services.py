"""State changes of the kader programme: each a function with keyword-only arguments and the acting user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wilayah.roles import BAPPEDA

from .models import AnggotaForkom, JabatanForkom, Kader, KepengurusanForkom, LombaKPM, NilaiLomba, NominasiLomba, StatusKader


def _wajib_bisa_ubah_kader(oleh, kader: Kader) -> Kader:
    if not oleh.has_perm("kader.change_kader"):
        raise PermissionDenied
    return Kader.objects.for_user(oleh).select_for_update().get(pk=kader.pk)


@transaction.atomic
def kader_nonaktifkan(*, kader: Kader, alasan: str, tanggal: dt.date, oleh) -> Kader:
    """Deactivate a cadre (operators never delete). The record and its history stay."""
    kader = _wajib_bisa_ubah_kader(oleh, kader)
    if kader.status != StatusKader.AKTIF:
        raise ValidationError(_("Kader ini sudah nonaktif."))
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Isi alasan nonaktif.")})
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal": _("Tanggal nonaktif tidak boleh di masa depan.")})
    if tanggal < kader.tanggal_mulai:
        raise ValidationError({"tanggal": _("Tanggal nonaktif tidak boleh sebelum tanggal mulai.")})
    kader.status = StatusKader.NONAKTIF
    kader.alasan_nonaktif = alasan
    kader.tanggal_nonaktif = tanggal
    kader._change_reason = _("Dinonaktifkan: %(alasan)s") % {"alasan": alasan}
    kader.save()
    return kader


@transaction.atomic
def kader_aktifkan_kembali(*, kader: Kader, oleh) -> Kader:
    kader = _wajib_bisa_ubah_kader(oleh, kader)
    if kader.status == StatusKader.AKTIF:
        return kader
    if Kader.objects.aktif().filter(nik=kader.nik).exclude(pk=kader.pk).exists():
        raise ValidationError({"nik": _("NIK ini sudah terdaftar pada KPM aktif lain.")})
    kader.status = StatusKader.AKTIF
    kader.alasan_nonaktif = ""
    kader.tanggal_nonaktif = None
    kader._change_reason = _("Diaktifkan kembali")
    try:
        with transaction.atomic():
            kader.save()
    except IntegrityError as exc:
        raise ValidationError({"nik": _("NIK ini sudah terdaftar pada KPM aktif lain.")}) from exc
    return kader


# --- Forkom KPM ---


@transaction.atomic
def forkom_tambah_anggota(*, kepengurusan: KepengurusanForkom, kader: Kader, jabatan: str, oleh) -> AnggotaForkom:
    """Put a cadre on a board: the board must be one this user may change, the cadre active,
    visible to the user and from the board's region; one coordinator per board."""
    kepengurusan = KepengurusanForkom.objects.dapat_diubah(oleh).filter(pk=kepengurusan.pk).first()
    if kepengurusan is None:
        raise PermissionDenied
    if not Kader.objects.for_user(oleh).aktif().filter(kepengurusan.kader_wilayah_q(), pk=kader.pk).exists():
        raise ValidationError({"kader": _("Pilih KPM aktif dari wilayah kepengurusan ini.")})
    if jabatan not in JabatanForkom.values:
        raise ValidationError({"jabatan": _("Jabatan tidak dikenal.")})
    if jabatan == JabatanForkom.KOORDINATOR and kepengurusan.anggota_set.filter(jabatan=JabatanForkom.KOORDINATOR).exists():
        raise ValidationError({"jabatan": _("Satu kepengurusan hanya mempunyai satu koordinator.")})
    if kepengurusan.anggota_set.filter(kader=kader).exists():
        raise ValidationError({"kader": _("Kader ini sudah menjadi pengurus di kepengurusan ini.")})
    return AnggotaForkom.objects.create(kepengurusan=kepengurusan, kader=kader, jabatan=jabatan)


@transaction.atomic
def forkom_keluarkan_anggota(*, anggota: AnggotaForkom, oleh) -> None:
    if not KepengurusanForkom.objects.dapat_diubah(oleh).filter(pk=anggota.kepengurusan_id).exists():
        raise PermissionDenied
    anggota.delete()


# --- KPM Berprestasi ---


def adalah_juri(user, lomba: LombaKPM) -> bool:
    """Juries: the users listed on the round, or, when none are listed, every Bappeda user."""
    if not user.is_authenticated or not user.is_active:
        return False
    juri_ids = [u.pk for u in lomba.juri.all()]
    if juri_ids:
        return user.pk in juri_ids
    return user.is_superuser or user.groups.filter(name=BAPPEDA).exists()


@transaction.atomic
def lomba_usulkan(*, lomba: LombaKPM, kader: Kader, prestasi: str, oleh) -> NominasiLomba:
    """A kelurahan nominates one of its own active cadres."""
    if not oleh.has_perm("kader.add_nominasilomba"):
        raise PermissionDenied
    if lomba.tingkat != LombaKPM.Tingkat.KOTA:
        raise ValidationError(_("Usulan hanya untuk lomba tingkat kota."))
    if lomba.batas_nominasi and timezone.localdate() > lomba.batas_nominasi:
        raise ValidationError(_("Batas pengusulan lomba ini sudah lewat."))
    if not Kader.objects.for_user(oleh).aktif().filter(pk=kader.pk).exists():
        raise ValidationError({"kader": _("Hanya KPM aktif dari wilayah Anda yang dapat diusulkan.")})
    if NominasiLomba.objects.filter(lomba=lomba, kader=kader).exists():
        raise ValidationError({"kader": _("Kader ini sudah diusulkan pada lomba ini.")})
    if not (prestasi or "").strip():
        raise ValidationError({"prestasi": _("Uraikan prestasi dan kegiatan nyata kader.")})
    return NominasiLomba.objects.create(lomba=lomba, kader=kader, prestasi=prestasi.strip(), diusulkan_oleh=oleh)


@transaction.atomic
def lomba_beri_nilai(*, nominasi: NominasiLomba, nilai: dict[int, int], oleh) -> None:
    """Record one jury's scores for a nominee: ``nilai`` maps criterion id -> score on the round's scale."""
    lomba = nominasi.lomba
    if not adalah_juri(oleh, lomba):
        raise PermissionDenied
    if any(n.dikirim_ke_provinsi for n in lomba.nominasi_set.all()):
        raise ValidationError(_("Hasil lomba sudah dikirim ke provinsi; nilai tidak dapat diubah."))
    kriteria = {k.pk: k for k in lomba.kriteria_set.all()}
    errors = {}
    for kriteria_id, angka in nilai.items():
        if kriteria_id not in kriteria:
            raise ValidationError(_("Kriteria bukan milik lomba ini."))
        if angka is None or not (1 <= int(angka) <= lomba.skala):
            errors[f"kriteria_{kriteria_id}"] = _("Nilai %(nama)s harus 1 sampai %(maks)s.") % {"nama": kriteria[kriteria_id].nama, "maks": lomba.skala}
    if errors:
        raise ValidationError(errors)
    for kriteria_id, angka in nilai.items():
        NilaiLomba.objects.update_or_create(nominasi=nominasi, kriteria_id=kriteria_id, juri=oleh, defaults={"nilai": int(angka)})


@dataclass
class BarisPeringkat:
    nominasi: NominasiLomba
    skor: Decimal | None  # weighted average on the round's scale; None when not scored yet
    jumlah_nilai: int
    peringkat: int | None = None


def peringkat_lomba(lomba: LombaKPM, nominasi_qs=None) -> list[BarisPeringkat]:
    """Ranking by weighted average, computed (never typed): per criterion the mean over juries,
    then sum(weight x mean) / sum(weights of the criteria). Three queries whatever the size."""
    kriteria = {k.pk: k.bobot for k in lomba.kriteria_set.all()}
    total_bobot = sum(kriteria.values())
    if nominasi_qs is None:
        nominasi_qs = NominasiLomba.objects.filter(lomba=lomba)
    nominasi = list(nominasi_qs.select_related("kader__kelurahan"))
    per_nominasi: dict[int, dict[int, list[int]]] = {}
    for nominasi_id, kriteria_id, angka in NilaiLomba.objects.filter(nominasi__lomba=lomba).values_list("nominasi_id", "kriteria_id", "nilai"):
        per_nominasi.setdefault(nominasi_id, {}).setdefault(kriteria_id, []).append(angka)
    baris = []
    for n in nominasi:
        nilai = per_nominasi.get(n.pk, {})
        jumlah = sum(len(v) for v in nilai.values())
        if not nilai or not total_bobot:
            baris.append(BarisPeringkat(n, None, jumlah))
            continue
        terbobot = sum(Decimal(kriteria[k]) * Decimal(sum(v)) / Decimal(len(v)) for k, v in nilai.items() if k in kriteria)
        skor = (terbobot / Decimal(total_bobot)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        baris.append(BarisPeringkat(n, skor, jumlah))
    baris.sort(key=lambda b: (b.skor is None, -(b.skor or 0), b.nominasi.kader.nama))
    urut = 0
    for b in baris:
        if b.skor is not None:
            urut += 1
            b.peringkat = urut
    return baris


@transaction.atomic
def lomba_kirim_ke_provinsi(*, lomba: LombaKPM, oleh) -> list[NominasiLomba]:
    """Mark the winner and runners-up (the round's ``jumlah_dikirim`` best) as sent to the province."""
    if not (oleh.is_superuser or oleh.has_perm("kader.change_lombakpm")):
        raise PermissionDenied
    lomba = LombaKPM.objects.select_for_update().get(pk=lomba.pk)
    if lomba.nominasi_set.filter(dikirim_ke_provinsi=True).exists():
        raise ValidationError(_("Hasil lomba ini sudah dikirim ke provinsi."))
    baris = [b for b in peringkat_lomba(lomba) if b.peringkat is not None]
    if not baris:
        raise ValidationError(_("Belum ada nominasi yang dinilai juri."))
    terkirim = []
    for b in baris:
        b.nominasi.peringkat = b.peringkat
        b.nominasi.dikirim_ke_provinsi = b.peringkat <= lomba.jumlah_dikirim
        b.nominasi.save(update_fields=["peringkat", "dikirim_ke_provinsi"])
        if b.nominasi.dikirim_ke_provinsi:
            terkirim.append(b.nominasi)
    return terkirim
