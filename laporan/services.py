"""Every write of the reports: starting a run, freezing the figures, making a report's files,
rolling kelurahan reports up to the kecamatan and the city, closing the run.

The steps of a run (``laporan/tasks.py`` chains them; without a broker they run eagerly):

1. ``laporan_mulai``: checks the period, the user and that no run of the month is unfinished
   (a database constraint: a second start is refused, never doubled); queues ``siapkan``.
2. ``angka_siapkan``: computes every registered programme's figures for all the run's kelurahan at
   once (a fixed number of queries) and freezes them in kelurahan reports; a kelurahan whose month
   already has a finished report is left alone unless the run makes new versions (``ulang``).
3. ``berkas_buat`` per report (one task per kelurahan): the PDF and the xlsx; then the report is the
   month's published version (``terbaru``).
4. ``wilayah_rekap``: the kecamatan and city reports, rolled up from their kelurahan reports'
   frozen rows (never from programme tables), then their files.
5. ``proses_tutup``: the run is finished; the mayor's office and Bappeda get an e-mail.

Each step locks its row (``select_for_update``) and is idempotent: a second delivery of a step that
finished does nothing, and a step killed half-way left nothing (one transaction).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wilayah.kunci import kelengkapan, kunci_mulai_bila_kosong
from wilayah.models import Kecamatan, Kelurahan
from wilayah.periode import TAHUN_AWAL, bulan_tahun
from wilayah.ringkasan import Agregasi, rekap, terdaftar
from wilayah.scoping import Tingkat, boleh, mencakup

from .models import KUNCI_KOTA, AngkaBulanan, LaporanBulanan, ProsesLaporan

# A run that has not moved for this long is taken as abandoned (its worker died): a new start of the
# month marks it failed and completes its work.
PROSES_MACET = dt.timedelta(hours=2)


# --------------------------------------------------------------------------- periods


def periode_dari_teks(teks: str) -> tuple[int, int]:
    """"2026-05" -> (2026, 5); anything else is a ``ValidationError`` in Indonesian."""
    teks = (teks or "").strip()
    bagian = teks.split("-")
    if len(bagian) != 2 or not all(b.isdigit() for b in bagian) or len(bagian[0]) != 4 or len(bagian[1]) not in (1, 2):
        raise ValidationError(_("Periode \"%(teks)s\" tidak dikenali: tulis tahun dan bulan, misalnya 2026-05.") % {"teks": teks[:20]})
    return periksa_periode(int(bagian[0]), int(bagian[1]))


def periksa_periode(tahun: int, bulan: int, *, hari_ini: dt.date | None = None) -> tuple[int, int]:
    """A month a report can be made for: an ended month from ``TAHUN_AWAL`` on. Not the running month:
    its report would be published half-way, and the beat of the 1st would then find it done."""
    hari_ini = hari_ini or timezone.localdate()
    if not 1 <= bulan <= 12:
        raise ValidationError(_("Bulan harus 1 sampai 12."))
    if tahun < TAHUN_AWAL:
        raise ValidationError(_("Tahun %(tahun)s terlalu awal: laporan dibuat mulai tahun %(awal)s.") % {"tahun": tahun, "awal": TAHUN_AWAL})
    if (tahun, bulan) > (hari_ini.year, hari_ini.month):
        raise ValidationError(
            _("%(periode)s belum tiba: laporan hanya dibuat untuk bulan yang sudah selesai.") % {"periode": bulan_tahun(tahun, bulan)},
            code="periode_mendatang",
        )
    if (tahun, bulan) == (hari_ini.year, hari_ini.month):
        raise ValidationError(
            _("%(periode)s belum selesai: laporan bulan ini dibuat mulai tanggal 1 bulan depan.") % {"periode": bulan_tahun(tahun, bulan)},
            code="periode_berjalan",
        )
    return tahun, bulan


def bulan_lalu(hari_ini: dt.date | None = None) -> tuple[int, int]:
    """The month before today's (Asia/Jakarta): what the beat on the 1st reports on."""
    hari_ini = hari_ini or timezone.localdate()
    awal = hari_ini.replace(day=1) - dt.timedelta(days=1)
    return awal.year, awal.month


# --------------------------------------------------------------------------- 1. start


def laporan_mulai(*, tahun: int, bulan: int, kelurahan: Kelurahan | None = None, ulang: bool = False, sumber: str,
                  acting_user=None) -> ProsesLaporan:
    """Start making the month's reports (all kelurahan, or one). ``acting_user`` None is the system
    (beat, command); a user must be allowed to add reports over the whole city (Bappeda)."""
    periksa_periode(tahun, bulan)
    if acting_user is not None and not (boleh(acting_user, LaporanBulanan, "add") and mencakup(acting_user, Tingkat.KOTA)):
        raise PermissionDenied(_("Hanya Bappeda yang dapat membuat laporan bulanan."))
    with transaction.atomic():
        _tutup_proses_macet(tahun, bulan)
        try:
            with transaction.atomic():
                proses = ProsesLaporan.objects.create(
                    tahun=tahun, bulan=bulan, kelurahan=kelurahan, ulang=ulang, sumber=sumber, dibuat_oleh=acting_user,
                )
        except IntegrityError as exc:
            berjalan = ProsesLaporan.objects.filter(tahun=tahun, bulan=bulan, status__in=["antri", "berjalan"]).first()
            mulai = timezone.localtime(berjalan.dibuat).strftime("%H.%M") if berjalan else ""
            raise ValidationError(
                _("Laporan %(periode)s sedang dibuat (dimulai pukul %(mulai)s); tunggu sampai selesai, lalu mulai lagi bila perlu.")
                % {"periode": bulan_tahun(tahun, bulan), "mulai": mulai},
                code="sedang_berjalan",
            ) from exc
    return proses


def _tutup_proses_macet(tahun: int, bulan: int) -> None:
    batas = timezone.now() - PROSES_MACET
    ProsesLaporan.objects.filter(tahun=tahun, bulan=bulan, status__in=["antri", "berjalan"], diperbarui__lt=batas).update(
        status=ProsesLaporan.Status.GAGAL, pesan=_("Dihentikan: tidak ada kemajuan selama 2 jam (pekerja berhenti)."),
        selesai=timezone.now(),
    )


# --------------------------------------------------------------------------- 2. freeze the kelurahan figures


def _kelurahan_proses(proses: ProsesLaporan):
    kelurahan = Kelurahan.objects.order_by("kode")
    return kelurahan.filter(pk=proses.kelurahan_id) if proses.kelurahan_id else kelurahan


def angka_siapkan(proses_id: int) -> list[int]:
    """Freeze the figures of the run's kelurahan; returns the ids of the kelurahan reports whose files
    are still to be made (this run's and those an earlier, interrupted run left). A fixed number of
    queries whatever the number of kelurahan."""
    with transaction.atomic():
        proses = ProsesLaporan.objects.select_for_update().get(pk=proses_id)
        if proses.status in (ProsesLaporan.Status.SELESAI, ProsesLaporan.Status.GAGAL):
            return []
        if proses.status == ProsesLaporan.Status.BERJALAN:  # a second delivery: the figures are frozen
            return list(
                LaporanBulanan.objects.filter(proses=proses, tingkat=Tingkat.KELURAHAN, status=LaporanBulanan.Status.ANTRI)
                .values_list("pk", flat=True)
            )
        tahun, bulan = proses.tahun, proses.bulan
        kelurahan = {pk: (kode, kec) for pk, kode, kec in _kelurahan_proses(proses).values_list("pk", "kode", "kecamatan_id")}
        bulan_ini = LaporanBulanan.objects.filter(tingkat=Tingkat.KELURAHAN, tahun=tahun, bulan=bulan)
        if proses.kelurahan_id:
            bulan_ini = bulan_ini.filter(kelurahan_id=proses.kelurahan_id)
        versi_terakhir = dict(bulan_ini.order_by().values_list("kelurahan_id").annotate(Max("versi")))
        ada = defaultdict(list)  # the unfinished reports an interrupted run left (a handful)
        for lap in bulan_ini.exclude(status=LaporanBulanan.Status.SELESAI):
            ada[lap.kelurahan_id].append(lap)

        lengkap = kelengkapan(tahun, bulan, kelurahan)
        sekarang = timezone.now()
        isi_ulang, dibuat = [], []
        for kel_id, (kode, kecamatan_id) in kelurahan.items():
            belum = ada.get(kel_id)
            if belum:  # an interrupted earlier run: freeze its figures again, keep its version
                for lap in belum:
                    lap.proses, lap.status, lap.pesan = proses, LaporanBulanan.Status.ANTRI, ""
                    lap.kelengkapan, lap.angka_pada = _kelengkapan_kelurahan(lengkap, kel_id), sekarang
                isi_ulang.extend(belum)
                continue
            if kel_id in versi_terakhir and not proses.ulang:
                continue
            versi = versi_terakhir.get(kel_id, 0) + 1
            dibuat.append(LaporanBulanan(
                tingkat=Tingkat.KELURAHAN, kelurahan_id=kel_id, kecamatan_id=kecamatan_id, kunci_wilayah=kode,
                tahun=tahun, bulan=bulan, versi=versi, proses=proses, sumber=proses.sumber, dibuat_oleh_id=proses.dibuat_oleh_id,
                kelengkapan=_kelengkapan_kelurahan(lengkap, kel_id), angka_pada=sekarang,
            ))
        baru = LaporanBulanan.objects.bulk_create(dibuat, batch_size=2000)
        if isi_ulang:  # a handful at most: what a killed run left; their figures are frozen again below
            LaporanBulanan.objects.bulk_update(isi_ulang, ["proses", "status", "pesan", "kelengkapan", "angka_pada"])
            AngkaBulanan.objects.filter(laporan__in=isi_ulang).delete()
        laporan = baru + isi_ulang
        if baru and baru[0].pk is None:  # backends that do not return ids from bulk_create
            laporan = list(LaporanBulanan.objects.filter(proses=proses, tingkat=Tingkat.KELURAHAN, status=LaporanBulanan.Status.ANTRI))
        per_kelurahan = {lap.kelurahan_id: lap for lap in laporan}
        # every kelurahan of the tree: the programmes compute all at once (no list of ids sent to the database)
        _bekukan_kelurahan(per_kelurahan, tahun, bulan, semua=proses.kelurahan_id is None)
        proses.status = ProsesLaporan.Status.BERJALAN
        proses.jumlah_laporan = len(per_kelurahan)
        proses.save(update_fields=["status", "jumlah_laporan", "diperbarui"])
        return sorted(lap.pk for lap in per_kelurahan.values())


def _kelengkapan_kelurahan(lengkap, kel_id: int) -> dict:
    """One kelurahan's completeness as its report freezes it."""
    konfirmasi = lengkap.dikonfirmasi.get(kel_id)
    return {
        "diharapkan": 1, "aktual": int(konfirmasi is not None), "tepat_waktu": int(bool(konfirmasi and konfirmasi[1])),
        "dikonfirmasi_pada": konfirmasi[0].isoformat() if konfirmasi else None,
    }


def _bekukan_kelurahan(per_kelurahan: dict[int, LaporanBulanan], tahun: int, bulan: int, *, semua: bool = False) -> None:
    """Write the frozen rows of these kelurahan reports: every programme's figures, computed at once
    (for every kelurahan of the tree when ``semua``, else for these)."""
    if not per_kelurahan:
        return
    kelurahan_ids = None if semua else list(per_kelurahan)
    angka = []
    for program in terdaftar():
        hasil = program.ringkasan_bulanan(tahun, bulan, kelurahan_ids=kelurahan_ids)
        tindakan = [ind for ind in program.indikator if ind.tindakan]
        for kel_id, lap in per_kelurahan.items():
            baris = hasil.get(kel_id)
            if baris is None:
                continue
            angka.append(AngkaBulanan(
                laporan_id=lap.pk, program=program.app, nilai=baris.nilai_indikator(), baris=_beku(baris),
                target=_target_kelurahan(program.indikator, baris),
                tindakan=[t for t in (ind.perlu_tindakan(baris) for ind in tindakan) if t],
            ))
    AngkaBulanan.objects.bulk_create(angka, batch_size=2000)


def _target_kelurahan(indikator, baris) -> dict:
    """A kelurahan's targets: [minimum, maximum] of an indicator with bounds ("5–10" KPM); a share of
    kelurahan meeting a target is, for one kelurahan, 100 or 0, read against 100."""
    target = {}
    for ind in indikator:
        if ind.agregasi == Agregasi.CAPAIAN_TARGET:
            target[ind.kode] = ind.nilai_target_kota([baris])
        elif ind.target:
            target[ind.kode] = list(ind.batas_target(baris))
    return target


def _beku(baris) -> dict:
    """A programme row as stored: its ``as_dict()`` (plain JSON values)."""
    data = baris.as_dict() if hasattr(baris, "as_dict") else dict(vars(baris))
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()}


# --------------------------------------------------------------------------- 3. a report's files


def berkas_buat(laporan_id: int) -> bool:
    """Make one report's PDF and xlsx and publish it as the month's version of its region.
    Returns False when it was done already (a second delivery)."""
    from .berkas import pdf_laporan, xlsx_laporan
    from .isi import isi_laporan

    with transaction.atomic():
        laporan = LaporanBulanan.objects.select_for_update(of=("self",)).select_related("kelurahan", "kecamatan").get(pk=laporan_id)
        if laporan.status == LaporanBulanan.Status.SELESAI:
            return False
        isi = isi_laporan(laporan)
        laporan.pdf.save("laporan.pdf", ContentFile(pdf_laporan(isi)), save=False)
        laporan.xlsx.save("laporan.xlsx", ContentFile(xlsx_laporan(isi)), save=False)
        LaporanBulanan.objects.filter(kunci_wilayah=laporan.kunci_wilayah, tahun=laporan.tahun, bulan=laporan.bulan, terbaru=True).update(
            terbaru=False
        )
        laporan.status = LaporanBulanan.Status.SELESAI
        laporan.terbaru = True
        laporan.selesai = timezone.now()
        laporan.pesan = ""
        laporan.save(update_fields=["pdf", "xlsx", "status", "terbaru", "selesai", "pesan"])
        if laporan.proses_id:
            ProsesLaporan.objects.filter(pk=laporan.proses_id).update(jumlah_selesai=F("jumlah_selesai") + 1, diperbarui=timezone.now())
    return True


def laporan_gagal(laporan_id: int, pesan: str) -> None:
    LaporanBulanan.objects.filter(pk=laporan_id).exclude(status=LaporanBulanan.Status.SELESAI).update(
        status=LaporanBulanan.Status.GAGAL, pesan=pesan[:2000]
    )


# --------------------------------------------------------------------------- 4. kecamatan and city


def wilayah_rekap(proses_id: int) -> list[int]:
    """Freeze the kecamatan and city reports of the run from their kelurahan reports' frozen rows;
    returns the ids of the group reports whose files are to be made, the kecamatan first and the city
    last (the city report lists the kecamatan reports: ``pisah_kota``). A group report is made when one
    of its kelurahan reports was made by this run, or when the month has none yet; none is made while
    a kelurahan report of the run failed (the run ends failed, the next one completes it)."""
    with transaction.atomic():
        proses = ProsesLaporan.objects.select_for_update().get(pk=proses_id)
        if proses.status != ProsesLaporan.Status.BERJALAN:
            return []
        sudah = list(
            LaporanBulanan.objects.filter(proses=proses).exclude(tingkat=Tingkat.KELURAHAN)
            .order_by("tingkat", "kunci_wilayah").values_list("pk", "status")
        )
        if sudah:  # a second delivery: the group reports exist ("kecamatan" sorts before "kota")
            return [pk for pk, status in sudah if status != LaporanBulanan.Status.SELESAI]
        if LaporanBulanan.objects.filter(proses=proses, tingkat=Tingkat.KELURAHAN).exclude(status=LaporanBulanan.Status.SELESAI).exists():
            return []
        tahun, bulan = proses.tahun, proses.bulan
        kelurahan_lap = list(
            LaporanBulanan.objects.terbaru().periode(tahun, bulan).filter(tingkat=Tingkat.KELURAHAN)
            .values("pk", "kelurahan_id", "kecamatan_id", "proses_id", "kelengkapan")
        )
        baris = defaultdict(dict)  # program -> {kelurahan id: frozen row}
        for a in AngkaBulanan.objects.filter(
            laporan__terbaru=True, laporan__tahun=tahun, laporan__bulan=bulan, laporan__tingkat=Tingkat.KELURAHAN
        ).values("laporan__kelurahan_id", "program", "baris"):
            baris[a["program"]][a["laporan__kelurahan_id"]] = a["baris"]
        kecamatan_dari = {r["kelurahan_id"]: r["kecamatan_id"] for r in kelurahan_lap}
        diubah_kec = {r["kecamatan_id"] for r in kelurahan_lap if r["proses_id"] == proses.pk}
        ada = {
            r["kunci_wilayah"]: r for r in LaporanBulanan.objects.periode(tahun, bulan).exclude(tingkat=Tingkat.KELURAHAN)
            .values("kunci_wilayah").annotate(versi=Max("versi"))
        }
        anggota_kec = defaultdict(list)  # kecamatan id -> its kelurahan ids (one pass: no scan per kecamatan)
        for kel, kec in kecamatan_dari.items():
            anggota_kec[kec].append(kel)
        lengkap_kel = {r["kelurahan_id"]: r["kelengkapan"] for r in kelurahan_lap}
        kecamatan = {k.pk: k for k in Kecamatan.objects.filter(pk__in=list(anggota_kec)).order_by("kode")}
        kelompok = [(Tingkat.KECAMATAN, kec, anggota_kec[kec.pk]) for kec in kecamatan.values()]
        kelompok.append((Tingkat.KOTA, None, list(kecamatan_dari)))
        dibuat = []
        for tingkat, kec, anggota in kelompok:
            kunci = kec.kode if kec else KUNCI_KOTA
            perlu = kunci not in ada or (kec.pk in diubah_kec if kec else bool(diubah_kec))
            if not perlu:
                continue
            lap = LaporanBulanan(
                tingkat=tingkat, kecamatan=kec, kunci_wilayah=kunci, tahun=tahun, bulan=bulan,
                versi=(ada[kunci]["versi"] + 1) if kunci in ada else 1, proses=proses, sumber=proses.sumber,
                dibuat_oleh_id=proses.dibuat_oleh_id, angka_pada=timezone.now(),
                kelengkapan=_kelengkapan_kelompok([lengkap_kel[kel] for kel in anggota]),
            )
            dibuat.append((lap, anggota))
        LaporanBulanan.objects.bulk_create([lap for lap, _a in dibuat])
        if dibuat and dibuat[0][0].pk is None:
            simpan = {lap.kunci_wilayah: lap for lap in LaporanBulanan.objects.filter(proses=proses).exclude(tingkat=Tingkat.KELURAHAN)}
            dibuat = [(simpan[lap.kunci_wilayah], anggota) for lap, anggota in dibuat]
        angka = []
        for lap, anggota in dibuat:
            for program in terdaftar():
                per_kel = baris.get(program.app, {})
                daftar = [b for kel in anggota if (b := per_kel.get(kel)) is not None]
                angka.append(AngkaBulanan(
                    laporan_id=lap.pk, program=program.app, nilai=rekap(program.indikator, daftar),
                    target={ind.kode: t for ind in program.indikator if (t := ind.nilai_target_kota(daftar)) is not None},
                ))
        AngkaBulanan.objects.bulk_create(angka, batch_size=2000)
        proses.jumlah_laporan = F("jumlah_laporan") + len(dibuat)
        proses.save(update_fields=["jumlah_laporan", "diperbarui"])
        return [lap.pk for lap, _a in dibuat]


def pisah_kota(ids: list[int]) -> tuple[list[int], list[int]]:
    """Group report ids split into (kecamatan, city): the city's files are made after the kecamatan's."""
    kota = set(LaporanBulanan.objects.filter(pk__in=ids, tingkat=Tingkat.KOTA).values_list("pk", flat=True))
    return [pk for pk in ids if pk not in kota], [pk for pk in ids if pk in kota]


def _kelengkapan_kelompok(daftar: list[dict]) -> dict:
    return {
        "diharapkan": len(daftar),
        "aktual": sum(d.get("aktual", 0) for d in daftar),
        "tepat_waktu": sum(d.get("tepat_waktu", 0) for d in daftar),
    }


# --------------------------------------------------------------------------- 5. close


def proses_tutup(proses_id: int, *, kirim_surel: bool = True) -> bool:
    """Mark the run finished (once) and, when the city report was made, e-mail its link."""
    with transaction.atomic():
        proses = ProsesLaporan.objects.select_for_update().get(pk=proses_id)
        if proses.status != ProsesLaporan.Status.BERJALAN:
            return False
        gagal = LaporanBulanan.objects.filter(proses=proses, status=LaporanBulanan.Status.GAGAL).count()
        proses.status = ProsesLaporan.Status.GAGAL if gagal else ProsesLaporan.Status.SELESAI
        proses.pesan = _("%(n)s laporan gagal dibuat; mulai lagi untuk melengkapinya.") % {"n": gagal} if gagal else ""
        proses.selesai = timezone.now()
        proses.save(update_fields=["status", "pesan", "selesai", "diperbarui"])
        kota = LaporanBulanan.objects.filter(proses=proses, tingkat=Tingkat.KOTA, status=LaporanBulanan.Status.SELESAI).first()
        if kota is not None:  # the first published month puts the month lock in force (wilayah.kunci)
            kunci_mulai_bila_kosong(tahun=proses.tahun, bulan=proses.bulan)
        if kota is not None and kirim_surel:
            from .surel import kirim_laporan_kota

            transaction.on_commit(lambda: kirim_laporan_kota(kota.pk))
    return True


def proses_gagal(proses_id: int, pesan: str) -> None:
    ProsesLaporan.objects.filter(pk=proses_id, status__in=["antri", "berjalan"]).update(
        status=ProsesLaporan.Status.GAGAL, pesan=pesan[:2000], selesai=timezone.now()
    )


def jalankan_langsung(proses_id: int, *, kirim_surel: bool = True) -> ProsesLaporan:
    """Every step of a run, in this process, one after the other (the demo data; the tasks do the
    same through Celery)."""
    for laporan_id in angka_siapkan(proses_id):
        berkas_buat(laporan_id)
    for laporan_id in wilayah_rekap(proses_id):
        berkas_buat(laporan_id)
    proses_tutup(proses_id, kirim_surel=kirim_surel)
    return ProsesLaporan.objects.get(pk=proses_id)
