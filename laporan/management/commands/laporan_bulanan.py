"""``python manage.py laporan_bulanan --periode 2026-05 [--kelurahan 35.74.04.1004] [--ulang] [--eager]``

Makes a month's reports (every kelurahan, or one, then its kecamatan and the city) and shows their
progress until the run ends. The run goes to the Celery workers through the broker; ``--eager``
makes it in this process instead (no broker, no worker needed). Exit code 0 when every report was
made; 1 with an Indonesian message for a bad period or kelurahan code, a run of the month still
going, a broker that does not answer, or a run that ended failed.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

from celery.signals import task_postrun, task_prerun
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError
from django.utils.translation import gettext as _

from laporan import services, tasks
from laporan.models import ProsesLaporan, Sumber
from wilayah.models import Kelurahan

LEBAR_BAR = 30
# Without a worker the run stays queued: say so once after this many seconds.
PERINGATAN_ANTRI = 30


def _pesan(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


@contextmanager
def _eager(aktif: bool):
    """Run the tasks in-process for the duration (the Celery app's ``task_always_eager``)."""
    if not aktif:
        yield
        return
    conf = tasks.siapkan.app.conf
    simpan, conf.task_always_eager = conf.task_always_eager, True
    try:
        yield
    finally:
        conf.task_always_eager = simpan


class Command(BaseCommand):
    help = "Membuat laporan bulanan (semua kelurahan atau satu), lalu laporan kecamatan dan kota, dengan bilah kemajuan."

    # Seconds between two looks at the run's progress (tests make it shorter).
    selang = 1.0

    def add_arguments(self, parser):
        parser.add_argument("--periode", required=True, help="Bulan laporan, TTTT-BB, misalnya 2026-05.")
        parser.add_argument("--kelurahan", metavar="KODE", help="Hanya satu kelurahan (kode Kemendagri, misalnya 35.74.04.1004).")
        parser.add_argument("--ulang", action="store_true", help="Buat versi baru walaupun laporan bulan itu sudah ada.")
        parser.add_argument("--eager", action="store_true", help="Jalankan di proses ini, tanpa broker dan pekerja Celery.")

    def handle(self, *args, periode, kelurahan=None, ulang=False, eager=False, **options):
        try:
            tahun, bulan = services.periode_dari_teks(periode)
        except ValidationError as exc:
            raise CommandError(_pesan(exc)) from exc
        kel = None
        if kelurahan:
            kel = Kelurahan.objects.filter(kode=kelurahan.strip()).first()
            if kel is None:
                raise CommandError(_("Kelurahan dengan kode %(kode)s tidak ada.") % {"kode": kelurahan.strip()})

        with _eager(eager):
            if tasks.eager():
                proses = self._mulai_eager(tahun=tahun, bulan=bulan, kelurahan=kel, ulang=ulang)
            else:
                proses = self._mulai(tahun=tahun, bulan=bulan, kelurahan=kel, ulang=ulang)
                self.stdout.write(_("Laporan %(periode)s diantrikan ke pekerja Celery (proses #%(pk)s).") % {"periode": proses.periode, "pk": proses.pk})
                proses = self._tunggu(proses)
        self._akhir(proses)

    # ------------------------------------------------------------------ starting

    def _mulai(self, **kwargs) -> ProsesLaporan:
        try:
            return tasks.mulai_dan_antrikan(sumber=Sumber.PERINTAH, **kwargs)
        except tasks.BrokerTidakTersedia as exc:
            url = tasks.siapkan.app.connection_for_write().as_uri()  # the password masked
            raise CommandError(
                _("%(pesan)s (broker: %(url)s) Jalankan dengan --eager untuk membuat laporan di proses ini tanpa broker.")
                % {"pesan": _pesan(exc), "url": url}
            ) from exc
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError(_pesan(exc) if isinstance(exc, ValidationError) else str(exc)) from exc

    def _mulai_eager(self, **kwargs) -> ProsesLaporan:
        """In-process: the whole run happens inside ``mulai_dan_antrikan``; the bar moves after each
        report (the tasks' ``task_postrun`` signal) instead of by polling."""
        self.stdout.write(_("Menjalankan di proses ini (tanpa broker)..."))
        dipantau = {}

        def setelah_tugas(sender=None, **_kw):
            if getattr(sender, "name", None) == tasks.berkas.name and dipantau.get("pk"):
                self._gambar(ProsesLaporan.objects.get(pk=dipantau["pk"]))

        def catat_proses(sender=None, args=None, **_kw):
            if getattr(sender, "name", None) == tasks.siapkan.name and args:
                dipantau["pk"] = args[0]

        task_postrun.connect(setelah_tugas, weak=False)
        task_prerun.connect(catat_proses, weak=False)
        try:
            proses = self._mulai(**kwargs)
        except CommandError:
            raise
        except Exception as exc:  # a bug in a step: the run was marked failed; say what happened
            raise CommandError(_("Laporan gagal dibuat: %(galat)s") % {"galat": exc}) from exc
        finally:
            task_postrun.disconnect(setelah_tugas)
            task_prerun.disconnect(catat_proses)
        proses.refresh_from_db()
        return proses

    # ------------------------------------------------------------------ progress

    def _tunggu(self, proses: ProsesLaporan) -> ProsesLaporan:
        mulai = time.monotonic()
        diperingatkan = False
        terakhir = None
        try:
            while True:
                try:
                    proses.refresh_from_db(fields=["status", "jumlah_laporan", "jumlah_selesai", "pesan", "selesai"])
                except OperationalError:  # a busy database: look again next time
                    self._jeda()
                    continue
                keadaan = (proses.status, proses.jumlah_selesai, proses.jumlah_laporan)
                if keadaan != terakhir:
                    self._gambar(proses)
                    terakhir = keadaan
                if not proses.berjalan:
                    return proses
                if proses.status == ProsesLaporan.Status.ANTRI and not diperingatkan and time.monotonic() - mulai > PERINGATAN_ANTRI:
                    self.stderr.write(
                        "\nBelum ada pekerja Celery yang mengambil proses ini. Nyalakan pekerja "
                        "(celery -A probolinggo_portal worker) atau hentikan dengan Ctrl+C dan jalankan lagi dengan --eager."
                    )
                    diperingatkan = True
                self._jeda()
        except KeyboardInterrupt:
            self.stdout.write("")
            raise CommandError(
                f"Tampilan kemajuan dihentikan; proses #{proses.pk} tetap berjalan di pekerja Celery."
            ) from None

    def _jeda(self) -> None:
        time.sleep(self.selang)

    def _gambar(self, proses: ProsesLaporan) -> None:
        total, selesai = proses.jumlah_laporan, proses.jumlah_selesai
        isi = round(LEBAR_BAR * selesai / total) if total else 0
        bar = "#" * isi + "-" * (LEBAR_BAR - isi)
        if total:
            keterangan = _("%(selesai)s/%(total)s laporan") % {"selesai": selesai, "total": total}
        else:
            keterangan = _("menyiapkan angka...") if proses.berjalan else _("tidak ada laporan yang perlu dibuat")
        baris = f"[{bar}] {proses.persen:3d}% {keterangan}"
        if self.stdout.isatty():
            self.stdout.write("\r" + baris, ending="")
            self.stdout.flush()
        else:
            self.stdout.write(baris)

    def _akhir(self, proses: ProsesLaporan) -> None:
        if self.stdout.isatty():
            self.stdout.write("")
        if proses.status == ProsesLaporan.Status.SELESAI:
            self.stdout.write(self.style.SUCCESS(
                f"Selesai: {proses.jumlah_selesai} laporan {proses.periode} dibuat."
                if proses.jumlah_laporan else f"Laporan {proses.periode} sudah lengkap; tidak ada yang perlu dibuat (pakai --ulang untuk versi baru)."
            ))
            return
        raise CommandError(_("Laporan %(periode)s gagal: %(pesan)s") % {"periode": proses.periode, "pesan": proses.pesan or proses.get_status_display()})

