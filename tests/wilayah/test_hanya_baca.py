"""Issue 8: a read-only role never writes, through any URL, whatever else it is named as.

The world has at least one row of every model (inside the camat's kecamatan). The walk covers the whole
URLconf, the Django admin included (add, change, delete, history, revert, changelist actions, password),
and POSTs to every endpoint a payload that would write for a user allowed to: a valid form filled from
the world, real files (an .xlsx built with openpyxl, a PNG with Pillow, a PDF with reportlab), a confirm
token for the two-step imports, and for the admin the form exactly as the superuser's browser would send
it. It does so as Kantor Wali Kota and as Camat, both also staff (so the admin is reached) and both jury
members of the KPM Berprestasi round. After every POST it compares a fingerprint of every table (row
count and a hash of all rows in pk order) with the one before; only the session table may change (and,
on the user's own account pages, the user's own password and last login). Every POST runs in a savepoint
that is rolled back, so each URL starts from the same world; the world and the admin forms are built once
for the module.

A URL whose parameters cannot be filled from the world, an admin page of an unknown kind, or a portal view
that handles POST without a payload here fails the walk, so a new URL cannot slip past it: give it a
payload in ``PAYLOAD``/``IMPOR`` (and a user allowed to in ``BUKTI_PORTAL``), or its row in
``PARAMETER_KHUSUS``/``bangun_dunia``. ``test_payload_menulis_bagi_yang_berhak`` posts the same payloads
as users who ARE allowed and asserts that the fingerprint does change: the walk cannot pass by posting
something that writes for nobody.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import SimpleNamespace
from typing import Callable

import openpyxl
import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from django_celery_beat.models import ClockedSchedule, CrontabSchedule, IntervalSchedule, PeriodicTask, SolarSchedule

from kader.models import (
    AnggotaForkom, BidangKerja, Kader, KepengurusanForkom, KriteriaLomba, LombaKPM, NilaiLomba, NominasiLomba, PengaturanKader,
    StatusKader,
)  # fmt: skip
from kader.resources import KaderResource
from laporan import services as laporan_services
from laporan import tasks as laporan_tasks
from laporan.models import AngkaBulanan, LaporanBulanan, ProsesLaporan
from lkk.models import JenisLembaga, Lembaga, Pengurus
from lkk.resources import LembagaResource, PengurusResource
from pud.models import (
    UMKM, FotoUMKM, KategoriKosong, KategoriPUD, KriteriaPUD, LangkahPUD, NilaiUsulan, PengajuanPUD, PeranPeserta, PesertaFGD, Siklus,
    StatusPengajuan, StatusSiklus, Usulan,
)  # fmt: skip
from pud.resources import UMKMResource
from tests.berkas import jpeg_bytes, pdf_bytes, png_bytes
from tests.factories import PASSWORD, KecamatanFactory, KelurahanFactory, RTFactory, UserFactory, make_user
from tests.kader.factories import KaderFactory, buat_nik, kepengurusan_kelurahan, lomba
from tests.lkk.factories import LembagaFactory, PengurusFactory, jenis
from pelatihan.models import (
    CetakSertifikat, Diklat, Evaluasi, Instansi, Kehadiran, Materi, Narasumber, NilaiMateri, Peserta, RencanaTindakLanjut, SesiDiklat,
)
from tests.pelatihan.factories import diklat_di, hadir_semua, narasumber, peserta_di, sesi_di
from pelatihan.resources import PesertaResource
from tests.pud.factories import UMKMFactory, pengajuan_berstatus, siklus_terbuka
from tests.wilayah.test_scoping_matrix import SCOPED_FACTORIES
from tests.wisata.factories import DestinasiFactory, EventFactory, kategori, rw_baru
from wilayah.impor import _folder_sementara, baca_berkas, berkas_ke_bytes
from wilayah.models import RT, RW, AksesNIK, ImporLatar, Kecamatan, Kelurahan, KonfirmasiBulan, Lingkup, PengaturanBulan, PengecualianKunci
from wilayah.nik import catat_akses_nik
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN, PORTAL_APPS
from wilayah.scoping import boleh
from wisata.models import Destinasi, Event, FotoDestinasi, KategoriWisata, TargetProgram
from wisata.resources import EventResource

User = get_user_model()

SANDI_BARU = "Sandi-baru-yang-cukup-panjang-4821"
# What a request may legitimately write for a reader: its session. Nothing else is excluded
# (django_admin_log included: an admin page that logs a change has written).
TABEL_DIKECUALIKAN = {Session}
# The user's own account pages: here the user's own password and last login may change, nothing else.
AKUN_SENDIRI = {
    "login", "logout", "password_change", "password_change_done",
    "admin:login", "admin:logout", "admin:password_change", "admin:password_change_done",
}  # fmt: skip
STATUS_SAH = {200, 204, 301, 302, 303, 400, 403, 404, 405}


# --------------------------------------------------------------------------- files





def xlsx_dari(baris: list[dict]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    headers = list(baris[0])
    ws.append(headers)
    for b in baris:
        ws.append([b.get(h, "") for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def unggah_pdf(nama="sk.pdf"):
    return SimpleUploadedFile(nama, pdf_bytes(), content_type="application/pdf")


def unggah_png(nama="foto.png"):
    return SimpleUploadedFile(nama, png_bytes(), content_type="image/png")


# --------------------------------------------------------------------------- the world


class Dunia:
    """Every object the walk needs, as attributes; ``objek`` maps a model to the row its URLs use."""

    def __init__(self):
        self.objek: dict[type, object] = {}


@contextmanager
def dunia_sekali(django_db_blocker, media_root):
    """The world of ``bangun_dunia`` for a module's fixture: built once, inside a transaction rolled back at
    the module's end, its files under ``media_root`` (test_formulir, test_parameter_kueri)."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        with transaction.atomic():
            yield bangun_dunia()
            transaction.set_rollback(True)


def bangun_dunia() -> Dunia:
    """At least one row of every model, inside kecamatan Kanigaran (the camat's scope)."""
    d = Dunia()
    d.kec = KecamatanFactory(kode="35.74.04", nama="Kanigaran")
    d.kel = KelurahanFactory(kode="35.74.04.1004", nama="Kebonsari Wetan", kecamatan=d.kec)
    # Every scoped model gets a row from its factory (so a new model is in the world too) ...
    for buat in SCOPED_FACTORIES.values():
        buat(d.kel)
    # ... and the rows the URLs below act on.
    d.rw = rw_baru(d.kel)
    d.rt = RTFactory(rw=d.rw, nomor=1)

    d.operator = make_user(OPERATOR_KELURAHAN, kelurahan=d.kel, username="operator_kebonsari")
    d.camat = make_user(CAMAT, kecamatan=d.kec, username="camat_kanigaran", is_staff=True)
    d.walikota = make_user(KANTOR_WALI_KOTA, username="kantor_walikota", is_staff=True)
    d.bappeda = make_user(BAPPEDA, username="bappeda_juri")
    d.superuser = UserFactory(username="admin_utama", is_superuser=True, is_staff=True)
    d.tanpa_lingkup = UserFactory(username="belum_berlingkup")
    d.tanpa_lingkup.user_permissions.add(Permission.objects.get(codename="view_kader"))  # a row in that table too

    d.pengaturan = PengaturanKader.objects.create(target_minimal=5, target_maksimal=10)
    d.bidang = BidangKerja.objects.order_by("pk").first()
    d.kader = KaderFactory(
        kelurahan=d.kel, rw=d.rw, nomor_sk="188/3/425.304.1/2024", tanggal_sk=dt.date(2024, 1, 2),
        scan_sk=ContentFile(pdf_bytes(), name="sk.pdf"), foto=ContentFile(jpeg_bytes(), name="foto.jpg"),
    )  # fmt: skip
    d.kader.bidang_kerja.add(d.bidang)
    d.kader_bebas = KaderFactory(kelurahan=d.kel, rw=d.rw)
    d.kader_nonaktif = KaderFactory(
        kelurahan=d.kel, status=StatusKader.NONAKTIF, alasan_nonaktif="Pindah", tanggal_nonaktif=dt.date(2024, 6, 1)
    )
    d.forkom = kepengurusan_kelurahan(d.kel, nomor_sk="188/9/2024")
    d.anggota = AnggotaForkom.objects.create(kepengurusan=d.forkom, kader=d.kader, jabatan="anggota")

    d.lomba = lomba(2025)
    # "Whatever it is named as": both read-only users sit on the jury, beside a Bappeda user.
    d.lomba.juri.add(d.walikota, d.camat, d.bappeda)
    d.kriteria = [
        KriteriaLomba.objects.create(lomba=d.lomba, nama="Keaktifan", bobot=60, urutan=1),
        KriteriaLomba.objects.create(lomba=d.lomba, nama="Dampak", bobot=40, urutan=2),
    ]
    d.nominasi = NominasiLomba.objects.create(lomba=d.lomba, kader=d.kader, prestasi="Bank sampah RW 03.", diusulkan_oleh=d.operator)
    for k in d.kriteria:
        NilaiLomba.objects.create(nominasi=d.nominasi, kriteria=k, juri=d.bappeda, nilai=50)

    d.jenis = jenis("pokmas")
    d.jenis.save()  # the seeded types have no history yet; the admin's revert page needs a version
    d.lembaga = LembagaFactory(kelurahan=d.kel, nama="Pokmas Sumber Rejeki", berkas_sk=ContentFile(pdf_bytes(), name="sk-lembaga.pdf"))
    d.pengurus = PengurusFactory(lembaga=d.lembaga, nama="Sutrisno")

    d.kategori = kategori("kuliner")
    d.destinasi = DestinasiFactory(kelurahan=d.kel, rw=d.rw, nama="Kampung Kuliner")
    d.foto = FotoDestinasi.objects.create(
        destinasi=d.destinasi, gambar=ContentFile(jpeg_bytes(), name="foto.jpg"), thumbnail=ContentFile(jpeg_bytes(), name="kecil.jpg")
    )
    d.event = EventFactory(kelurahan=d.kel, rw=d.rw, destinasi=d.destinasi)
    d.target = TargetProgram.objects.create(tahun=2025)
    # PUD (issue 12): a closed round in which the kelurahan's PUD is determined, and a photo of a determined
    # UMKM, for the printed files and the public pages (the open round's draf rows come from SCOPED_FACTORIES).
    d.siklus_pud = Siklus.objects.create(tahun=2024, nama="Penetapan PUD 2024", status=StatusSiklus.DITUTUP, ditutup_pada=timezone.now())
    d.pengajuan_pud = pengajuan_berstatus(d.kel, StatusPengajuan.DITETAPKAN, siklus=d.siklus_pud)
    d.usulan_pud = d.pengajuan_pud.usulan_set.get(kategori=KategoriPUD.AGRO)
    d.foto_umkm = FotoUMKM.objects.create(
        umkm=d.usulan_pud.umkm, gambar=ContentFile(jpeg_bytes(), name="foto.jpg"), thumbnail=ContentFile(jpeg_bytes(), name="kecil.jpg")
    )
    # What the berita acara prints: a participant, a score, a step taken; saved one by one, so each has its
    # history (the open round's draf declares Budaya empty, below).
    PesertaFGD.objects.create(pengajuan=d.pengajuan_pud, peran=PeranPeserta.LURAH, nama="Bambang Sulistyo")
    kriteria_pud = KriteriaPUD.objects.create(siklus=d.siklus_pud, nama="Kekhasan daerah", bobot=2)
    NilaiUsulan.objects.create(usulan=d.usulan_pud, kriteria=kriteria_pud, skor=4)
    LangkahPUD.objects.create(pengajuan=d.pengajuan_pud, aksi="tetapkan", dari_status=StatusPengajuan.DIVERIFIKASI, ke_status=StatusPengajuan.DITETAPKAN, oleh=d.bappeda)
    # A month's reports (issue 11): the kelurahan, kecamatan and city reports, their files and the run.
    d.proses = laporan_services.laporan_mulai(tahun=2025, bulan=6, sumber="perintah")
    laporan_tasks.siapkan.delay(d.proses.pk)
    d.laporan = LaporanBulanan.objects.get(kunci_wilayah=d.kel.kode, tahun=2025, bulan=6, terbaru=True)
    # Rows nothing protects, for the admin's delete page and delete action (a protected row would
    # refuse a delete for everyone, so refusing it would prove nothing).
    d.hapus = {
        Kecamatan: KecamatanFactory(kode="35.74.05", nama="Kecamatan Kosong"),
        Kelurahan: KelurahanFactory(kode="35.74.04.1098", nama="Kelurahan Kosong", kecamatan=d.kec),
        RW: rw_baru(d.kel),
        Kader: d.kader_nonaktif,
        LombaKPM: lomba(2024),
        JenisLembaga: jenis("rt"),
        Lembaga: LembagaFactory(kelurahan=d.kel, nama="Pokmas Bubar"),
        KategoriWisata: kategori("buatan"),
        Siklus: Siklus.objects.create(tahun=2020, nama="PUD 2020", status=StatusSiklus.DITUTUP, ditutup_pada=timezone.now()),
        KriteriaPUD: KriteriaPUD.objects.create(siklus=d.siklus_pud, nama="Kriteria tak terpakai", bobot=1, urutan=99),
        UMKM: UMKMFactory(kelurahan=d.kel, nama_usaha="UMKM Tutup"),
        User: d.tanpa_lingkup,
    }
    terpakai = set(RW.objects.filter(kelurahan=d.kel).values_list("nomor", flat=True))
    d.nomor_rw_bebas = [n for n in range(1, 1000) if n not in terpakai][:3]  # for the RW create, import and admin add

    # Tables nothing above fills: an admin log entry and the Celery beat schedules.
    LogEntry.objects.create(
        user=d.superuser, content_type=ContentType.objects.get_for_model(Kader), object_id=str(d.kader.pk),
        object_repr=str(d.kader), action_flag=ADDITION, change_message="[]",
    )  # fmt: skip
    catat_akses_nik(d.bappeda, AksesNIK.Jenis.LIHAT, d.kader, keterangan="Halaman detail KPM")
    ImporLatar.objects.create(
        pemilik=d.operator, jenis_data="kader.Kader", resource="kader.resources.KaderResource", tahap=ImporLatar.Tahap.PERIKSA, token="0" * 32
    )
    interval = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    # Login records (django-axes): the operator is locked out (Bappeda's unlock acts on it).
    d.percobaan = AccessAttempt.objects.create(
        username=d.operator.username, ip_address="203.0.113.7", user_agent="uji", http_accept="*/*", path_info="/masuk/",
        get_data="", post_data="username=operator_kebonsari", failures_since_start=5,
    )  # fmt: skip
    AccessAttemptExpiration.objects.create(access_attempt=d.percobaan, expires_at=timezone.now() + dt.timedelta(minutes=30))
    d.kegagalan = AccessFailureLog.objects.create(
        username=d.operator.username, ip_address="203.0.113.7", user_agent="uji", http_accept="*/*", path_info="/masuk/", locked_out=True
    )
    AccessLog.objects.create(username=d.operator.username, ip_address="203.0.113.7", user_agent="uji", http_accept="*/*", path_info="/masuk/")
    # The report run above put the month lock in force from its month; the payloads write older and newer
    # dates, so the world has the lock off (the lock has its own tests: tests/wilayah/test_kunci.py).
    d.pengaturan_bulan = PengaturanBulan.aktif()
    d.pengaturan_bulan.kunci_mulai = None
    d.pengaturan_bulan.save()
    d.objek.update({KonfirmasiBulan: KonfirmasiBulan.objects.get(), PengecualianKunci: PengecualianKunci.objects.get(), PengaturanBulan: d.pengaturan_bulan})
    d.objek.update({
        # The admin's user, scope and group pages act on the camat's own account, scope and the Kantor
        # Wali Kota group: a self-promotion attempt for one reader, a change to the other's for the other.
        User: d.camat, Lingkup: d.camat.lingkup, Group: Group.objects.get(name=KANTOR_WALI_KOTA),
        IntervalSchedule: interval, AccessAttempt: d.percobaan, AccessFailureLog: d.kegagalan,
        CrontabSchedule: CrontabSchedule.objects.create(minute="0", hour="1"),
        SolarSchedule: SolarSchedule.objects.create(event="sunrise", latitude=-7.75, longitude=113.21),
        ClockedSchedule: ClockedSchedule.objects.create(clocked_time=timezone.now()),
        PeriodicTask: PeriodicTask.objects.create(name="bersihkan-pratinjau", task="wilayah.bersihkan_pratinjau_impor", interval=interval),
        Kecamatan: d.kec, Kelurahan: d.kel, RW: d.rw, RT: d.rt, AksesNIK: AksesNIK.objects.get(),
        PengaturanKader: d.pengaturan, BidangKerja: d.bidang, Kader: d.kader, KepengurusanForkom: d.forkom, AnggotaForkom: d.anggota,
        LombaKPM: d.lomba, KriteriaLomba: d.kriteria[0], NominasiLomba: d.nominasi,
        JenisLembaga: d.jenis, Lembaga: d.lembaga, Pengurus: d.pengurus,
        KategoriWisata: d.kategori, Destinasi: d.destinasi, FotoDestinasi: d.foto, Event: d.event, TargetProgram: d.target,
        ProsesLaporan: d.proses, LaporanBulanan: d.laporan, AngkaBulanan: d.laporan.angka.first(),
    })  # fmt: skip
    # PUD (issue 12): the open round the factories made (its kelurahan part is draf: schedulable), and a
    # closed earlier round with the kelurahan verified (what the bulk decree acts on).
    d.siklus = siklus_terbuka()
    d.siklus_lama = Siklus.objects.create(tahun=2025, nama="Penetapan PUD 2025", status=StatusSiklus.DITUTUP, ditutup_pada=timezone.now())
    d.pengajuan_lama = pengajuan_berstatus(d.kel, StatusPengajuan.DIVERIFIKASI, siklus=d.siklus_lama)
    d.objek.update({Siklus: d.siklus, KriteriaPUD: d.siklus.kriteria_set.first(), PengajuanPUD: PengajuanPUD.objects.get(siklus=d.siklus, kelurahan=d.kel)})
    # PUD, the kelurahan's pages (issue 12): its pengajuan of the open round (draf, with the main agro
    # nomination of SCOPED_FACTORIES), a participant, a score, "none" in budaya, a UMKM still free to
    # nominate; and its pengajuan of last year's closed round (above), verified, which Bappeda determines.
    d.pengajuan = PengajuanPUD.objects.get(kelurahan=d.kel, siklus__status=StatusSiklus.DIBUKA)
    d.usulan = Usulan.objects.get(pengajuan=d.pengajuan)
    d.umkm_bebas = UMKMFactory(kelurahan=d.kel, nama_usaha="Batik Kebonsari")
    d.peserta = PesertaFGD.objects.create(pengajuan=d.pengajuan, peran="lurah", nama="Pak Lurah")
    d.kosong = KategoriKosong.objects.create(pengajuan=d.pengajuan, kategori="budaya", alasan="Belum ada sanggar yang aktif.")
    NilaiUsulan.objects.create(usulan=d.usulan, kriteria=KriteriaPUD.objects.filter(siklus=d.pengajuan.siklus).first(), skor=4)
    d.pengajuan_terverifikasi = d.pengajuan_lama
    LangkahPUD.objects.create(pengajuan=d.pengajuan_terverifikasi, aksi="verifikasi", dari_status="diajukan", ke_status="diverifikasi", oleh=d.camat)
    # The UMKM pages act on the determined UMKM with its photo; the rubric's criterion was made by
    # bulk_create, so it is saved once to have a version for the admin's history pages.
    d.umkm = d.foto_umkm.umkm
    d.objek[KriteriaPUD].save()
    d.objek.update({
        PengajuanPUD: d.pengajuan, Usulan: d.usulan, UMKM: d.umkm, FotoUMKM: d.foto_umkm,
        LangkahPUD: LangkahPUD.objects.filter(pengajuan=d.pengajuan_terverifikasi).first(),
    })  # fmt: skip
    # Pelatihan (issue 13): a city diklat of three days with a co-organiser and a module by a speaker
    # of the directory; a kelurahan participant present every day, with a certificate, an evaluation
    # and a commitment that links new cadres; a finished certificate batch.
    d.diklat = diklat_di(status="terlaksana")
    d.diklat.penyelenggara_lain.add(Instansi.objects.exclude(pk=d.diklat.penyelenggara_id).first())
    d.sesi_diklat = d.diklat.sesi_set.get()
    d.narasumber = narasumber()
    d.materi = Materi.objects.create(sesi=d.sesi_diklat, judul="Strategi Pengembangan Wisata Unggulan", tanggal=d.sesi_diklat.tanggal_mulai, narasumber=d.narasumber)
    d.peserta_diklat = hadir_semua(peserta_di(d.diklat, d.kel, nama="Siti Aminah"))
    Peserta.objects.filter(pk=d.peserta_diklat.pk).update(
        nomor_urut_sertifikat=1, nomor_sertifikat="001/DIKLAT/2025", kode_verifikasi="ABCDEFGHJKMN", sertifikat_terbit=timezone.now()
    )
    d.peserta_diklat.refresh_from_db()
    d.peserta_bebas = peserta_di(d.diklat, d.kel, nama="Budi Santoso")  # nothing recorded: removable
    d.evaluasi = Evaluasi.objects.create(peserta=d.peserta_diklat, nilai_umum=5, saran="Materi sangat aplikatif.")
    NilaiMateri.objects.create(evaluasi=d.evaluasi, materi=d.materi, nilai_materi=5, nilai_narasumber=4)
    d.rencana = RencanaTindakLanjut.objects.create(
        peserta=d.peserta_diklat, kelurahan=d.kel, jenis="kader", uraian="Dua KPM baru", target_jumlah=2, tenggat=dt.date(2025, 12, 31)
    )
    d.rencana.kader_baru.add(d.kader)
    # A camat adds and deletes commitments in its own kecamatan (RencanaTindakLanjut.role_actions), so
    # Bappeda's add and delete payloads are posted for a participant and a commitment of another kecamatan.
    d.kel_luar = KelurahanFactory(kode="35.74.01.1001", nama="Ketapang", kecamatan=KecamatanFactory(kode="35.74.01", nama="Kademangan"))
    d.peserta_luar = peserta_di(d.diklat, d.kel_luar, nama="Peserta Kademangan")
    d.rencana_luar = RencanaTindakLanjut.objects.create(
        peserta=d.peserta_luar, kelurahan=d.kel_luar, jenis="lainnya", uraian="Rapat warga", tenggat=dt.date(2025, 12, 31)
    )
    d.diklat.penyelenggara.save()  # the seeded list and bulk-made attendance get a version for the history pages
    d.peserta_diklat.kehadiran_set.first().save()
    d.cetak = CetakSertifikat.objects.create(diklat=d.diklat, pemilik=d.bappeda, status="selesai", jumlah=1, selesai=1, berkas=ContentFile(pdf_bytes(), name="sertifikat.pdf"))
    d.objek.update({
        Instansi: d.diklat.penyelenggara, Narasumber: d.narasumber, Diklat: d.diklat, SesiDiklat: d.sesi_diklat, Materi: d.materi,
        Peserta: d.peserta_diklat, Kehadiran: d.peserta_diklat.kehadiran_set.first(), RencanaTindakLanjut: d.rencana,
        Evaluasi: d.evaluasi, NilaiMateri: d.evaluasi.nilai_set.first(), CetakSertifikat: d.cetak,
    })  # fmt: skip
    # Pelatihan, the diklat pages: a planned city series of two sessions without participants, with an
    # unrated module (status, session and module deletes act on it); an organiser and a speaker nothing uses.
    d.diklat_rangkaian = diklat_di(judul="Pembinaan KPM per kecamatan", status="rencana", mulai=dt.date(2025, 8, 4), hari=1)
    d.sesi_rangkaian = sesi_di(d.diklat_rangkaian, mulai=dt.date(2025, 8, 11), hari=1, nama="Kecamatan Mayangan")
    d.materi_lepas = Materi.objects.create(sesi=d.sesi_rangkaian, judul="Peran KPM", tanggal=d.sesi_rangkaian.tanggal_mulai)
    d.hapus.update({
        Diklat: d.diklat_rangkaian, Instansi: Instansi.objects.create(nama="Instansi Tak Terpakai"),
        Narasumber: Narasumber.objects.create(nama="Narasumber Tak Terpakai", instansi=d.diklat.penyelenggara),
    })  # fmt: skip
    # The stored city figures (wilayah.angka), as the Celery beat leaves them: a city page only reads them.
    from wilayah.angka import perbarui

    perbarui()
    return d


def model_kosong() -> list[str]:
    return [m._meta.label for m in apps.get_models(include_auto_created=True) if not m._base_manager.exists()]


# --------------------------------------------------------------------------- fingerprint of every table


def _kueri_tabel():
    """(model, SELECT of every column in pk order, the columns) for every table but the excluded ones."""
    qn = connection.ops.quote_name
    hasil = []
    for model in apps.get_models(include_auto_created=True):
        if model in TABEL_DIKECUALIKAN:
            continue
        kolom = [f.column for f in model._meta.concrete_fields]
        sql = f"SELECT {', '.join(map(qn, kolom))} FROM {qn(model._meta.db_table)} ORDER BY {qn(model._meta.pk.column)}"
        hasil.append((model, sql, kolom))
    return hasil


def sidik_tabel(*, akun_sendiri: int | None = None) -> dict[str, tuple[int, str]]:
    """Per table: (rows, sha256 of every row's values in pk order). With ``akun_sendiri``, that user's
    password and last login are left out (what their own account pages may change)."""
    hasil = {}
    with connection.cursor() as cursor:
        for model, sql, kolom in _kueri_tabel():
            cursor.execute(sql)
            baris = cursor.fetchall()
            if akun_sendiri is not None and model is User:
                pk, buang = kolom.index(User._meta.pk.column), {kolom.index("password"), kolom.index("last_login")}
                baris = [tuple(None if i in buang else v for i, v in enumerate(b)) if b[pk] == akun_sendiri else b for b in baris]
            hasil[model._meta.db_table] = (len(baris), hashlib.sha256(repr(baris).encode()).hexdigest())
    return hasil


def tabel_berubah(sebelum: dict, sesudah: dict) -> list[str]:
    return sorted(t for t in sebelum.keys() | sesudah.keys() if sebelum.get(t) != sesudah.get(t))


# --------------------------------------------------------------------------- walking the URLconf


@dataclass
class Ujung:
    """One endpoint of the URLconf with its parameters filled from the world."""

    nama: str  # the namespaced URL name, or the route when the URL has none
    rute: str
    url: str
    callback: Callable
    di_admin: bool = False
    model_admin: admin.ModelAdmin | None = None  # the model's admin, for the URLs under it


class ParameterTakTerisi(Exception):
    pass


def _daun(patterns, prefix="", namespace=(), rantai=(), model_admin=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace + ((pattern.namespace,) if pattern.namespace else ())
            ma = model_admin
            cocok = re.fullmatch(r"(\w+)/(\w+)/", str(pattern.pattern))
            if ns and ns[0] == "admin" and cocok:
                ma = next((a for m, a in admin.site._registry.items() if (m._meta.app_label, m._meta.model_name) == cocok.groups()), ma)
            yield from _daun(pattern.url_patterns, prefix + str(pattern.pattern), ns, rantai + (pattern.pattern,), ma)
        elif isinstance(pattern, URLPattern):
            nama = ":".join(namespace + (pattern.name,)) if pattern.name else None
            yield prefix + str(pattern.pattern), nama, namespace[:1] == ("admin",), rantai + (pattern.pattern,), pattern.callback, model_admin


def _parameter(rantai) -> tuple[list[str], int]:
    bernama, tanpa_nama = [], 0
    for pola in rantai:
        if isinstance(pola, RoutePattern):
            bernama += list(pola.converters)
        else:
            bernama += list(pola.regex.groupindex)
            tanpa_nama += pola.regex.groups - len(pola.regex.groupindex)
    return bernama, tanpa_nama


# A portal parameter whose row is not the view model's (or a view without a model): named here.
PARAMETER_KHUSUS: dict[str, dict[str, Callable[[Dunia], object]]] = {
    "pelatihan:rencana-create": {"peserta_pk": lambda d: d.peserta_luar},
    "pelatihan:rencana-delete": {"pk": lambda d: d.rencana_luar},
    "kader:lomba-usulkan": {"pk": lambda d: d.lomba},
    "kader:kader-aktifkan": {"pk": lambda d: d.kader_nonaktif},
    "lkk:cetak": {"kode": lambda d: d.kel},
    "laporan:detail": {"pk": lambda d: d.laporan},
    "pud:kriteria-create": {"pk": lambda d: d.siklus},
    "pud:siklus-tetapkan": {"pk": lambda d: d.siklus_lama},
    "wisata:publik-destinasi": {"pk": lambda d: d.destinasi},
    "wisata:publik-event": {"pk": lambda d: d.event},
    "wisata:publik-foto-kecil": {"pk": lambda d: d.foto},
    "wisata:publik-foto-besar": {"pk": lambda d: d.foto},
    # PUD printing and public pages (issue 12): the determined round, its pengajuan, nomination and photo.
    "pud:pengajuan-berita-acara-pdf": {"pk": lambda d: d.pengajuan_pud},
    "pud:lampiran-pdf": {"pk": lambda d: d.siklus_pud},
    "pud:lampiran-xlsx": {"pk": lambda d: d.siklus_pud},
    "pud:publik-produk": {"pk": lambda d: d.usulan_pud},
    "pud:publik-foto-kecil": {"pk": lambda d: d.foto_umkm},
    "pud:publik-foto-besar": {"pk": lambda d: d.foto_umkm},
    **{f"pud:umkm-foto-{n}": {"pk": lambda d: d.foto_umkm} for n in ("berkas", "thumbnail", "hapus")},
    # Certificates (issue 13): the public check of the world's participant's certificate.
    "pelatihan:sertifikat-verifikasi": {"kode": lambda d: SimpleNamespace(kode=d.peserta_diklat.kode_verifikasi)},
    # The accounts pages act on the operator's account (a user, not the view's scope-row model).
    "wilayah:kelurahan-konfirmasi": {"kode": lambda d: d.kel},
    **{f"wilayah:akun-{n}": {"pk": lambda d: d.operator} for n in ("detail", "update", "status", "sandi", "buka-kunci")},
    # PUD: a participant and a "none" are reached through their pengajuan; the step page is Bappeda's decree.
    "pud:peserta-hapus": {"pk": lambda d: d.peserta},
    "pud:kosong-hapus": {"pk": lambda d: d.kosong},
    "pud:pengajuan-langkah": {"pk": lambda d: d.pengajuan_terverifikasi, "aksi": lambda d: SimpleNamespace(pk="tetapkan")},
    # Pelatihan, the diklat pages: the planned series (a status step, a delete) and its unused session and module.
    "pelatihan:diklat-status": {"pk": lambda d: d.diklat_rangkaian},
    "pelatihan:diklat-delete": {"pk": lambda d: d.diklat_rangkaian},
    "pelatihan:sesi-delete": {"pk": lambda d: d.sesi_rangkaian},
    "pelatihan:materi-delete": {"pk": lambda d: d.materi_lepas},
    # Pelatihan, participants: registration pages are the diklat's; removal needs a participant with nothing recorded.
    **{f"pelatihan:peserta-{n}": {"pk": lambda d: d.diklat} for n in ("create", "import", "template")},
    "pelatihan:peserta-delete": {"pk": lambda d: d.peserta_bebas},
}


def _model_bernama(awalan: str):
    """``lembaga_pk`` -> Lembaga, ``anggota_pk`` -> AnggotaForkom: the one model whose name is or starts with it."""
    semua = [m for m in apps.get_models() if m._meta.app_label in PORTAL_APPS]
    persis = [m for m in semua if m._meta.model_name == awalan]
    calon = persis or [m for m in semua if m._meta.model_name.startswith(awalan)]
    return calon[0] if len(calon) == 1 else None


def _objek(d: Dunia, model, keterangan: str):
    if model not in d.objek:
        raise ParameterTakTerisi(f"{keterangan}: dunia uji tidak punya baris {model._meta.label}; tambahkan ke bangun_dunia().")
    return d.objek[model]


def _isi_portal(nama, rute, param, callback, d: Dunia) -> dict:
    view_model = getattr(getattr(callback, "view_class", None), "model", None)
    nilai = {}
    for p in param:
        khusus = PARAMETER_KHUSUS.get(nama, {}).get(p)
        if khusus is not None:
            obj = khusus(d)
        elif p == "pk" and view_model is not None:
            obj = _objek(d, view_model, rute)
        elif p.endswith("_pk") and _model_bernama(p.removesuffix("_pk")) is not None:
            obj = _objek(d, _model_bernama(p.removesuffix("_pk")), rute)
        elif p == "kode" and view_model in (Kecamatan, Kelurahan):
            obj = _objek(d, view_model, rute)
        else:
            raise ParameterTakTerisi(f"{rute}: parameter '{p}' tidak dapat diisi dari dunia uji; tambahkan ke PARAMETER_KHUSUS.")
        nilai[p] = obj.kode if p == "kode" else obj.pk
    return nilai


def _isi_admin(rute, param, tanpa_nama, model_admin, d: Dunia) -> list:
    """Admin parameters: inside a model's admin every parameter is that model's row (the second unnamed
    one of simple_history's revert page its latest version); on the site level the known few."""
    if model_admin is not None:
        obj = _objek(d, model_admin.model, rute)
        if rute.endswith("/delete/"):
            obj = d.hapus.get(model_admin.model, obj)
        if tanpa_nama:
            if tanpa_nama != 2 or param:
                raise ParameterTakTerisi(f"{rute}: pola admin tak dikenal.")
            versi = obj.history.order_by("-history_id").values_list("history_id", flat=True).first()
            if versi is None:
                raise ParameterTakTerisi(f"{rute}: {model_admin.model._meta.label} di dunia uji tidak punya riwayat.")
            return [[obj.pk, versi]]
        return [{p: obj.pk for p in param}]
    if tanpa_nama:
        raise ParameterTakTerisi(f"{rute}: pola admin tak dikenal.")
    if not param:
        return [{}]
    if param == ["app_label"]:
        return [{"app_label": label} for label in sorted({m._meta.app_label for m in admin.site._registry})]
    if param == ["content_type_id", "object_id"]:
        return [{"content_type_id": ContentType.objects.get_for_model(Kader).pk, "object_id": d.kader.pk}]
    if param == ["url"]:
        return [{"url": "tidak-ada/"}]
    raise ParameterTakTerisi(f"{rute}: parameter {param} tidak dapat diisi dari dunia uji.")


def _bangun_url(nama, rute, nilai) -> str:
    if nama:
        return reverse(nama, args=nilai) if isinstance(nilai, list) else reverse(nama, kwargs=nilai)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(nilai[m.group(1)]), rute)
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(nilai[m.group(1)]), url)
    return "/" + url.replace("^", "").replace("$", "")


def semua_ujung(d: Dunia, urlconf=None) -> list[Ujung]:
    """Every endpoint, parameters filled; raises ParameterTakTerisi naming every one that cannot be."""
    hasil, gagal = [], []
    for rute, nama, di_admin, rantai, callback, model_admin in _daun(get_resolver(urlconf).url_patterns):
        param, tanpa_nama = _parameter(rantai)
        try:
            if di_admin:
                pilihan = _isi_admin(rute, param, tanpa_nama, model_admin, d)
            elif tanpa_nama:
                raise ParameterTakTerisi(f"{rute}: grup regex tanpa nama tidak dapat diisi.")
            else:
                pilihan = [_isi_portal(nama, rute, param, callback, d)]
        except ParameterTakTerisi as exc:
            gagal.append(str(exc))
            continue
        for nilai in pilihan:
            hasil.append(Ujung(nama or rute, rute, _bangun_url(nama, rute, nilai), callback, di_admin, model_admin))
    if gagal:
        raise ParameterTakTerisi("\n".join(gagal))
    return hasil


# --------------------------------------------------------------------------- payloads of the portal


def _senin_depan() -> dt.date:
    tanggal = timezone.localdate() + dt.timedelta(days=7)
    return tanggal + dt.timedelta(days=(7 - tanggal.weekday()) % 7)


def _tanggal(tanggal) -> str:
    return tanggal.isoformat() if tanggal else ""


def data_kader(d: Dunia, kader=None) -> dict:
    """A valid KaderForm: a new cadre, or ``kader`` renamed; with an SK scan (PDF) and a photo (PNG)."""
    lahir = kader.tanggal_lahir if kader else dt.date(1990, 5, 25)
    jk = kader.jenis_kelamin if kader else "P"
    return {
        "nik": kader.nik if kader else buat_nik(d.kel, lahir, jk, 9001),
        "nama": f"{kader.nama} (diubah)" if kader else "Siti Aminah Baru",
        "jenis_kelamin": jk, "tempat_lahir": "Probolinggo", "tanggal_lahir": lahir.isoformat(), "alamat": "Jl. Suroyo 10",
        "kelurahan": d.kel.pk, "rw": d.rw.pk, "telepon": "081234567890", "pendidikan": "sma", "pekerjaan": "Wiraswasta",
        "bidang_kerja": [d.bidang.pk], "peran_kpm": ["penggerak", "perencana"], "tanggal_mulai": "2024-01-02",
        "nomor_sk": "188/12/425.304.1/2024", "tanggal_sk": "2024-01-02", "scan_sk": unggah_pdf(), "foto": unggah_png(),
    }  # fmt: skip


def data_lembaga(d: Dunia, lembaga=None) -> dict:
    return {
        "jenis": d.jenis.pk, "nama": f"{lembaga.nama} (diubah)" if lembaga else "Pokmas Sumber Makmur", "kelurahan": d.kel.pk,
        "rw": "", "rt": "", "alamat": "Jl. Brantas 10", "tanggal_berdiri": "", "nomor_sk": "188/7/425.103/2024",
        "tanggal_sk": "2024-01-02", "berkas_sk": unggah_pdf("sk-lembaga.pdf"), "masa_bakti_mulai": "2024-01-02",
        "masa_bakti_selesai": "", "status": "aktif", "kontak_nama": "Bu Sri", "kontak_telepon": "081234567890", "kontak_email": "",
    }  # fmt: skip


def data_pengurus(d: Dunia, pengurus=None) -> dict:
    return {
        "nama": f"{pengurus.nama} Diubah" if pengurus else "Bambang Anggota", "nik": "", "jenis_kelamin": "L", "tanggal_lahir": "",
        "telepon": "", "jabatan": "anggota", "nama_seksi": "", "nomor_sk_pengangkatan": "", "tanggal_sk_pengangkatan": "",
        "masa_mulai": "2024-01-02", "masa_selesai": _tanggal(pengurus.masa_selesai) if pengurus else "",
        "pernyataan_nonpartai": "on", "tanggal_pernyataan": "2024-01-02", "nomor_sk_pemberhentian": "", "tanggal_sk_pemberhentian": "",
    }  # fmt: skip


def data_destinasi(d: Dunia, destinasi=None) -> dict:
    return {
        "nama": f"{destinasi.nama} (diubah)" if destinasi else "Kampung Batik", "kelurahan": d.kel.pk, "rw": d.rw.pk,
        "kategori": d.kategori.pk, "deskripsi": "", "alamat": "", "lintang": "", "bujur": "",
        "status": destinasi.status if destinasi else "potensi", "tanggal_potensi": "", "tanggal_pengembangan": "",
        "tanggal_aktif": _tanggal(destinasi.tanggal_aktif) if destinasi else "", "baru": "on",
        "pengelola_jenis": "perorangan", "pengelola_lembaga": "", "pengelola_nama": "Pak Budi", "pengelola_telepon": "",
        "kontak_publik": "", "jam_buka": "", "harga_tiket": 0, "fasilitas": "",
    }  # fmt: skip


def data_umkm(d: Dunia, umkm=None) -> dict:
    return {
        "nama_usaha": f"{umkm.nama_usaha} (diubah)" if umkm else "Batik Tulis Melati", "pemilik_nama": "Sri Wahyuni", "nik": "",
        "pemilik_telepon": "081234567890", "alamat": "Jl. Brantas 10", "kelurahan": d.kel.pk, "rw": d.rw.pk, "kategori": "kerajinan",
        "produk": "Batik tulis", "tahun_mulai": "2015", "tenaga_kerja": "4", "omzet_bulanan": "", "nib": "", "kontak_publik": "", "aktif": "on",
    }  # fmt: skip


def data_event(d: Dunia, event=None) -> dict:
    return {
        "nama": f"{event.nama} (diubah)" if event else "Festival Kuliner", "kelurahan": d.kel.pk, "rw": d.rw.pk, "destinasi": "",
        "kategori": d.kategori.pk, "tanggal_mulai": "2025-09-01", "tanggal_selesai": "2025-09-02", "penyelenggara": "Karang Taruna",
        "lokasi": "Lapangan RW 03", "deskripsi": "", "status": "rencana", "pengunjung": "", "umkm_terlibat": "", "transaksi": "",
        "catatan_dampak": "",
    }  # fmt: skip


def data_diklat(d: Dunia, diklat=None) -> dict:
    """A city diklat (new, with its first session; or ``diklat`` renamed)."""
    data = {
        "judul": f"{diklat.judul} (diubah)" if diklat else "Diklat Baru", "jenis": "pelatihan", "penyelenggara": d.diklat.penyelenggara_id,
        "sasaran": "Kasi Pemmas", "deskripsi": "", "kuota": "40", "kecamatan": "", "kelurahan": "", "persen_hadir_minimal": "100",
        "awalan_nomor_sertifikat": "", "ttd_nama": "", "ttd_jabatan": "", "ttd_nip": "",
    }  # fmt: skip
    if diklat is None:
        data |= {"tempat": "Aula Bappeda", "tanggal_mulai": "2026-02-02", "tanggal_selesai": "2026-02-03"}
    return data


# url name -> (world, acting user) -> the POST data of a form that writes for a user allowed to.
PAYLOAD: dict[str, Callable[[Dunia, object], dict]] = {
    "beranda": lambda d, u: {},
    "login": lambda d, u: {"username": u.username, "password": PASSWORD},
    "logout": lambda d, u: {},
    "password_change": lambda d, u: {"old_password": PASSWORD, "new_password1": SANDI_BARU, "new_password2": SANDI_BARU},
    "wilayah:rw-create": lambda d, u: {"kelurahan": d.kel.pk, "nomor": d.nomor_rw_bebas[0], "nama_ketua": "Ketua Baru"},
    "wilayah:rw-update": lambda d, u: {"kelurahan": d.kel.pk, "nomor": d.rw.nomor, "nama_ketua": "Ketua Diubah"},
    "wilayah:rt-create": lambda d, u: {"rw": d.rw.pk, "nomor": 77},
    "wilayah:akun-create": lambda d, u: {
        "username": "operator_baru", "nama_lengkap": "Operator Baru", "email": "", "peran": OPERATOR_KELURAHAN, "kelurahan": d.kel.pk,
        "kecamatan": "", "jabatan": "Kasi Pemmas",
    },  # fmt: skip
    "wilayah:akun-update": lambda d, u: {
        "nama_lengkap": "Operator Diubah", "email": "", "peran": OPERATOR_KELURAHAN, "kelurahan": d.kel.pk, "kecamatan": "", "jabatan": "Lurah",
    },  # fmt: skip
    "wilayah:akun-status": lambda d, u: {"aktif": "0"},
    "wilayah:akun-sandi": lambda d, u: {},
    "wilayah:akun-buka-kunci": lambda d, u: {},
    "wilayah:kelurahan-konfirmasi": lambda d, u: {"bulan": timezone.localdate().strftime("%Y-%m")},
    "wilayah:kelengkapan-pengaturan": lambda d, u: {"hari_tepat_waktu": 7, "hari_kunci": 15, "kunci_mulai": ""},
    "wilayah:target": lambda d, u: {"bagian": "kader", "target_minimal": 4, "target_maksimal": 9},
    "wilayah:pengecualian-beri": lambda d, u: {
        "kelurahan": d.kel.kode, "bulan": "2021-03", "berlaku_sampai": (timezone.localdate() + dt.timedelta(days=10)).isoformat(), "alasan": "Perbaikan data",
    },  # fmt: skip
    "wilayah:pengecualian-cabut": lambda d, u: {},
    "kader:kader-create": lambda d, u: data_kader(d),
    "kader:kader-update": lambda d, u: data_kader(d, d.kader),
    "kader:kader-nonaktif": lambda d, u: {"alasan": "Pindah domisili", "tanggal": "2025-01-15"},
    "kader:kader-aktifkan": lambda d, u: {},
    "kader:forkom-create": lambda d, u: {
        "tingkat": "kelurahan", "kelurahan": d.kel.pk, "kecamatan": "", "periode_mulai": "2029-01-01",
        "periode_selesai": "2033-12-31", "nomor_sk": "188/20/2029", "catatan": "",
    },  # fmt: skip
    "kader:forkom-update": lambda d, u: {
        "tingkat": "kelurahan", "kelurahan": d.kel.pk, "kecamatan": "", "periode_mulai": _tanggal(d.forkom.periode_mulai),
        "periode_selesai": _tanggal(d.forkom.periode_selesai), "nomor_sk": "188/9/2024 (ralat)", "catatan": "Diubah",
    },  # fmt: skip
    "kader:forkom-anggota": lambda d, u: {"kader": d.kader_bebas.pk, "jabatan": "sekretaris"},
    "kader:forkom-keluarkan": lambda d, u: {},
    "kader:lomba-create": lambda d, u: {"tahun": 2031, "tingkat": "kota", "skala": 100, "batas_nominasi": "", "jumlah_dikirim": 3},
    "kader:lomba-kriteria": lambda d, u: {"nama": "Inovasi", "bobot": 20, "urutan": 3},
    "kader:lomba-usulkan": lambda d, u: {"kader": d.kader_bebas.pk, "prestasi": "Menggerakkan posyandu balita RW 03."},
    "kader:lomba-kirim": lambda d, u: {},
    "kader:nominasi-nilai": lambda d, u: {f"kriteria_{k.pk}": 77 for k in d.kriteria},
    "lkk:lembaga-create": lambda d, u: data_lembaga(d),
    "lkk:lembaga-update": lambda d, u: data_lembaga(d, d.lembaga),
    "lkk:pengurus-create": lambda d, u: data_pengurus(d),
    "lkk:pengurus-update": lambda d, u: data_pengurus(d, d.pengurus),
    "lkk:pengurus-susunan": lambda d, u: {
        "sk-nomor_sk_pengangkatan": "188/30/425.103/2024", "sk-tanggal_sk_pengangkatan": "2024-01-02", "sk-masa_mulai": "", "sk-masa_selesai": "",
        "sk-tanggal_pernyataan": "", "baris-TOTAL_FORMS": "1", "baris-INITIAL_FORMS": "0", "baris-MIN_NUM_FORMS": "1", "baris-MAX_NUM_FORMS": "40",
        "baris-0-nama": "Dewi Susunan", "baris-0-jabatan": "anggota", "baris-0-jenis_kelamin": "P", "baris-0-pernyataan_nonpartai": "on",
    },  # fmt: skip
    "lkk:pengurus-berhenti": lambda d, u: {"nomor_sk": "188/99/425.103/2025", "tanggal": "2025-02-01"},
    "lkk:cetak": lambda d, u: {
        "penanda_tangan_nama": "Hadi", "penanda_tangan_jabatan": "Lurah", "penanda_tangan_nip": "",
        "mengetahui_nama": "Rina", "mengetahui_jabatan": "Camat", "mengetahui_nip": "", "tanggal": "2025-01-02",
    },  # fmt: skip
    "wisata:destinasi-create": lambda d, u: data_destinasi(d),
    "wisata:destinasi-update": lambda d, u: data_destinasi(d, d.destinasi),
    "wisata:foto-create": lambda d, u: {"gambar": unggah_png(), "keterangan": "Gapura kampung"},
    "wisata:foto-hapus": lambda d, u: {},
    "wisata:event-create": lambda d, u: data_event(d),
    "wisata:event-update": lambda d, u: data_event(d, d.event),
    "laporan:mulai": lambda d, u: {"periode": "2025-07", "kelurahan": "", "ulang": ""},
    "pud:siklus-create": lambda d, u: {"tahun": 2031, "nama": "", "batas_pengajuan": "", "catatan": ""},
    "pud:siklus-tutup": lambda d, u: {},
    "pud:siklus-buka": lambda d, u: {},
    "pud:siklus-jadwal": lambda d, u: {"mulai": _senin_depan().isoformat(), "kelurahan_per_hari": 3, "tempat": "Aula Kecamatan"},
    "pud:siklus-tetapkan": lambda d, u: {
        "pengajuan": [d.pengajuan_lama.pk], "nomor_keputusan": "100.3.3.3/45/KEP/425.012/2026", "tanggal_keputusan": timezone.localdate().isoformat(),
    },  # fmt: skip
    "pud:kriteria-create": lambda d, u: {"nama": "Kemasan", "keterangan": "", "bobot": 2, "urutan": 7},
    "pud:kriteria-update": lambda d, u: {"nama": "Kriteria diubah", "keterangan": "", "bobot": 3, "urutan": 1},
    "pud:pengajuan-jadwal": lambda d, u: {"jadwal_fgd": _senin_depan().isoformat(), "jadwal_tempat": "Kantor Kelurahan"},
    "pud:pengajuan-berita-acara": lambda d, u: {
        "tanggal_fgd": (timezone.localdate() - dt.timedelta(days=1)).isoformat(), "tempat_fgd": "Aula Kelurahan",
        "nomor_berita_acara": "005/BA-PUD/2026", "berita_acara": unggah_pdf("ba.pdf"),
    },  # fmt: skip
    "pud:peserta-create": lambda d, u: {"peran": "kasi_pemmas", "nama": "Ibu Kasi", "jabatan": "Kasi Pemmas"},
    "pud:peserta-hapus": lambda d, u: {},
    "pud:usulan-create": lambda d, u: {"kategori": "kerajinan", "umkm": d.umkm_bebas.pk, "produk": "Batik tulis", "alasan": "", "utama": "on"},
    "pud:usulan-update": lambda d, u: {"kategori": "agro", "umkm": d.usulan.umkm_id, "produk": "Keripik (diubah)", "alasan": "", "utama": "on"},
    "pud:usulan-hapus": lambda d, u: {},
    "pud:kosong-create": lambda d, u: {"kategori": "kerajinan", "alasan": "Belum ada perajin."},
    "pud:kosong-hapus": lambda d, u: {},
    "pud:pengajuan-langkah": lambda d, u: {"catatan": "", "nomor_keputusan": "100.3.3.3/1/KEP/2026", "tanggal_keputusan": timezone.localdate().isoformat()},
    "pud:umkm-create": lambda d, u: data_umkm(d),
    "pud:umkm-update": lambda d, u: data_umkm(d, d.umkm),
    "pud:umkm-foto-create": lambda d, u: {"gambar": unggah_png(), "keterangan": "Etalase"},
    "pud:umkm-foto-hapus": lambda d, u: {},
    # Pelatihan, the diklat pages (a city diklat: a camat only sees it; a new one of the whole city is not a camat's).
    "pelatihan:diklat-create": lambda d, u: data_diklat(d),
    "pelatihan:diklat-update": lambda d, u: data_diklat(d, d.diklat),
    "pelatihan:diklat-status": lambda d, u: {"status": "pendaftaran"},
    "pelatihan:diklat-delete": lambda d, u: {},
    "pelatihan:sesi-create": lambda d, u: {"nama": "Sesi kedua", "tempat": "Aula Kecamatan", "tanggal_mulai": "2025-06-02", "tanggal_selesai": "2025-06-03"},
    "pelatihan:sesi-update": lambda d, u: {
        "nama": "Sesi diubah", "tempat": d.sesi_diklat.tempat, "tanggal_mulai": _tanggal(d.sesi_diklat.tanggal_mulai), "tanggal_selesai": _tanggal(d.sesi_diklat.tanggal_selesai),
    },  # fmt: skip
    "pelatihan:sesi-delete": lambda d, u: {},
    "pelatihan:materi-create": lambda d, u: {"judul": "Materi baru", "tanggal": _tanggal(d.sesi_diklat.tanggal_mulai), "jam_mulai": "09:00", "jam_selesai": "10:00", "narasumber": d.narasumber.pk},
    "pelatihan:materi-update": lambda d, u: {"judul": "Materi diubah", "tanggal": _tanggal(d.materi.tanggal), "jam_mulai": "", "jam_selesai": "", "narasumber": d.narasumber.pk},
    "pelatihan:materi-delete": lambda d, u: {},
    "pelatihan:narasumber-create": lambda d, u: {"nama": "Narasumber Baru", "jabatan": "Kabid", "instansi": d.diklat.penyelenggara_id, "telepon": ""},
    "pelatihan:narasumber-update": lambda d, u: {"nama": "Narasumber Diubah", "jabatan": "", "instansi": d.narasumber.instansi_id, "telepon": ""},
    "pelatihan:instansi-create": lambda d, u: {"nama": "Instansi Baru", "singkatan": "IB"},
    "pelatihan:instansi-update": lambda d, u: {"nama": "Instansi Diubah", "singkatan": ""},
    # Pelatihan, participants (the world's diklat is held: only its organiser, Bappeda, registers now).
    "pelatihan:peserta-create": lambda d, u: {"nama": "Peserta Baru", "jenis_kelamin": "P", "unsur": "kpm", "kelurahan": d.kel.pk},
    "pelatihan:peserta-update": lambda d, u: {"nama": d.peserta_diklat.nama, "jenis_kelamin": "P", "unsur": "lkk", "jabatan": "Ketua LPM", "kelurahan": d.kel.pk},
    "pelatihan:peserta-delete": lambda d, u: {},
    # Pelatihan, attendance and evaluation (issue 13): the world's city diklat, organised by Bappeda.
    "pelatihan:kehadiran": lambda d, u: {
        "sesi": d.sesi_diklat.pk, "tanggal": d.sesi_diklat.tanggal_mulai.isoformat(), f"status_{d.peserta_diklat.pk}": "izin",
    },  # fmt: skip
    "pelatihan:evaluasi": lambda d, u: {
        "nilai_umum": "3", f"materi_{d.materi.pk}": "4", f"narasumber_{d.materi.pk}": "3", "manfaat": "", "saran": "Diubah",
    },  # fmt: skip
    "pelatihan:sertifikat-terbitkan": lambda d, u: {},
    "pelatihan:cetak-mulai": lambda d, u: {},
    # pelatihan follow-up: Bappeda adds and deletes a commitment, the kelurahan's operator records its progress
    "pelatihan:rencana-create": lambda d, u: {"jenis": "lainnya", "uraian": "Rapat warga tentang destinasi RW", "tenggat": "2025-12-31"},
    "pelatihan:rencana-update": lambda d, u: {"catatan": "Dua calon KPM sudah mengikuti orientasi."},
    "pelatihan:rencana-delete": lambda d, u: {},
}

# url name -> (world) -> the rows of an import that writes for a user allowed to (an .xlsx upload, then confirm).
IMPOR: dict[str, Callable[[Dunia], list[dict]]] = {
    "wilayah:rw-impor": lambda d: [{"kode_kelurahan": d.kel.kode, "nomor_rw": d.nomor_rw_bebas[1], "nama_ketua": "Ketua Impor"}],
    "kader:kader-impor": lambda d: [KaderResource.contoh_baris() | {
        "nik": buat_nik(d.kel, dt.date(1991, 7, 9), "L", 9101), "nama": "Kader Impor", "jenis_kelamin": "L", "tanggal_lahir": "09/07/1991",
        "kelurahan": d.kel.kode, "nomor_rw": d.rw.nomor, "bidang_kerja": d.bidang.nama,
    }],  # fmt: skip
    "lkk:lembaga-impor": lambda d: [LembagaResource.contoh_baris() | {"kode_kelurahan": d.kel.kode, "nama": "Posyandu Impor", "nomor_rw": d.rw.nomor}],
    "lkk:pengurus-impor": lambda d: [PengurusResource.contoh_baris() | {
        "kode_kelurahan": d.kel.kode, "jenis_lembaga": d.jenis.kode, "nama_lembaga": d.lembaga.nama, "nama": "Pengurus Impor",
        "jabatan": "anggota",
    }],  # fmt: skip
    "wisata:event-impor": lambda d: [EventResource.contoh_baris() | {"kelurahan": d.kel.kode, "rw": d.rw.nomor, "nama": "Event Impor"}],
    "pud:umkm-impor": lambda d: [UMKMResource.contoh_baris() | {"kelurahan": d.kel.kode, "rw": d.rw.nomor, "nama_usaha": "UMKM Impor"}],
    "pelatihan:peserta-import": lambda d: [PesertaResource.contoh_baris() | {"kelurahan": d.kel.kode, "nama": "Peserta Impor"}],
}

# POSTs that write for nobody by design (a PDF, a redirect, the login of someone already logged in).
# Opening a round and reopening one are refused while another round is open, as in this world (the PUD
# pages need one): tests/pud/test_halaman_kota.py proves that Bappeda's POSTs there write.
# The world's only diklat participant is certified and present every day: no attendance change keeps her
# complete, so the attendance save is refused for everyone here (tests/pelatihan/test_kehadiran_halaman.py
# proves that the organiser's save writes). Issuing certificates writes nothing here because that participant
# already holds one (issuing is idempotent): tests/pelatihan/test_sertifikat.py proves the organiser's POST writes.
TIDAK_MENULIS = {"beranda", "login", "logout", "lkk:cetak", "pud:siklus-create", "pud:siklus-buka", "pelatihan:kehadiran", "pelatihan:sertifikat-terbitkan"}
PAYLOAD_LAIN = {"catatan": "mencoba menulis"}  # for views that do not handle POST at all


def menangani_post(callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    return view_class is None or hasattr(view_class, "post")


# --------------------------------------------------------------------------- what a browser would submit (admin)


class PembacaFormulir(HTMLParser):
    """The fields a browser submits from the form with ``form_id`` (files left out)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.di_dalam = False
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._option = None
        self._textarea = None

    def _tambah(self, nama, nilai):
        self.data.setdefault(nama, []).append(nilai)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.di_dalam = self.di_dalam or a.get("id") == self.form_id
            return
        if not self.di_dalam:
            return
        nama, mati = a.get("name"), "disabled" in a
        if tag == "input":
            jenis_input = (a.get("type") or "text").lower()
            if not nama or mati or jenis_input in {"submit", "button", "reset", "file", "image"}:
                return
            if jenis_input in {"checkbox", "radio"}:
                if "checked" in a:
                    self._tambah(nama, a.get("value", "on"))
                return
            self._tambah(nama, a.get("value", ""))
        elif tag == "select":
            self._select = {"nama": nama, "mati": mati, "ganda": "multiple" in a, "opsi": []}
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, ""]
            self._select["opsi"].append(self._option)
        elif tag == "textarea":
            self._textarea = [nama, "", mati]

    def handle_endtag(self, tag):
        if tag == "form" and self.di_dalam:
            self.di_dalam = False
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            s, self._select = self._select, None
            if not s["nama"] or s["mati"]:
                return
            opsi = [(v if v is not None else teks.strip(), dipilih) for v, dipilih, teks in s["opsi"]]
            dipilih = [v for v, ya in opsi if ya]
            if not dipilih and not s["ganda"] and opsi:
                dipilih = [opsi[0][0]]
            for v in dipilih:
                self._tambah(s["nama"], v)
        elif tag == "textarea" and self._textarea is not None:
            nama, isi, mati = self._textarea
            self._textarea = None
            if nama and not mati:
                self._tambah(nama, isi[1:] if isi.startswith("\n") else isi)

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data
        if self._textarea is not None:
            self._textarea[1] += data


class HalamanAdmin:
    """Reads admin forms as the superuser sees them (the payload a user allowed to would send)."""

    def __init__(self, superuser):
        self.client = Client()
        self.client.force_login(superuser)
        self._halaman = {}

    def formulir(self, url: str, form_id: str, *, boleh_ditolak=False) -> dict[str, list[str]] | None:
        if url not in self._halaman:
            self._halaman[url] = self.client.get(url)
        response = self._halaman[url]
        if boleh_ditolak and response.status_code == 403:
            return None
        assert response.status_code == 200, f"GET {url} sebagai superuser: {response.status_code}"
        html = response.content.decode()
        awal = html.rfind("<form", 0, max(html.find(f'id="{form_id}"'), 0))
        pembaca = PembacaFormulir(form_id)
        pembaca.feed(html[awal : html.find("</form>", awal) + len("</form>")] if awal >= 0 else html)
        assert pembaca.data, f"{url}: formulir #{form_id} tidak ditemukan"
        return pembaca.data


# Admin "add": the change form of the world's row, made unique where the model requires it.
UNIK_TAMBAH: dict[str, Callable[[Dunia], dict]] = {
    "auth.Group": lambda d: {"name": "Grup Uji Baru"},
    "django_celery_beat.PeriodicTask": lambda d: {"name": "tugas-uji-baru"},
    "django_celery_beat.SolarSchedule": lambda d: {"latitude": "-7.700000"},
    "wilayah.Kecamatan": lambda d: {"kode": "35.74.09", "nama": "Kecamatan Baru"},
    "wilayah.Kelurahan": lambda d: {"kode": "35.74.04.1099", "nama": "Kelurahan Baru"},
    "wilayah.RW": lambda d: {"nomor": str(d.nomor_rw_bebas[2])},
    "wilayah.RT": lambda d: {"nomor": "88"},
    "wilayah.Lingkup": lambda d: {"user": str(d.tanpa_lingkup.pk)},
    "kader.BidangKerja": lambda d: {"nama": "Bidang Baru"},
    "kader.Kader": lambda d: {"nik": buat_nik(d.kel, d.kader.tanggal_lahir, d.kader.jenis_kelamin, 9201), "nama": "Kader Admin Baru"},
    "kader.LombaKPM": lambda d: {"tahun": "2031"},
    "lkk.JenisLembaga": lambda d: {"kode": "jenis-baru", "nama": "Jenis Lembaga Baru"},
    "wisata.KategoriWisata": lambda d: {"nama": "Kategori Baru", "slug": "kategori-baru"},
    "wisata.TargetProgram": lambda d: {"tahun": "2031"},
    "pud.KriteriaPUD": lambda d: {"nama": "Kriteria Admin Baru"},
    "pelatihan.Instansi": lambda d: {"nama": "Instansi Admin Baru"},
    "pelatihan.Narasumber": lambda d: {"nama": "Narasumber Admin Baru"},
}


def _tanpa_formset(data: dict) -> dict:
    return {k: v for k, v in data.items() if "-" not in k}


def _ubah_satu_angka(data: dict, kolom: list[str]) -> dict:
    """A changelist's list_editable form with one value changed (unchanged rows are not saved)."""
    for nama in kolom:
        kunci = f"form-0-{nama}"
        if kunci in data and data[kunci][0].isdigit():
            return data | {kunci: [str(int(data[kunci][0]) + 1)], "_save": ["Simpan"]}
    raise AssertionError(f"Kolom list_editable {kolom} tanpa angka untuk diubah; tambahkan cara mengubahnya.")


# --------------------------------------------------------------------------- steps


@dataclass
class Langkah:
    """One POST: ``data()`` is called per request (uploads are read once)."""

    nama: str
    url: str
    label: str
    data: Callable[[], dict]
    persiapan: Callable[[Client], None] | None = None
    impor: Impor | None = None


@dataclass
class Impor:
    view_class: type
    xlsx: bytes = field(repr=False)

    def tanam_token(self, client: Client) -> str:
        """A preview as if this user had uploaded the file (a token in their session, the rows on disk)."""
        token = uuid.uuid4().hex
        (_folder_sementara() / f"{token}.json").write_bytes(berkas_ke_bytes(baca_berkas(self.xlsx)))
        session = client.session
        session[self.view_class()._kunci_sesi(token)] = "impor.xlsx"
        session.save()
        return token


def rencana(ujung_list: list[Ujung], d: Dunia, aktor, halaman: HalamanAdmin) -> list[Langkah]:
    """Every POST of the walk; fails naming every portal view that handles POST without a payload here."""
    langkah, tanpa_payload = [], []
    for u in ujung_list:
        if u.di_admin:
            langkah += _langkah_admin(u, d, aktor, halaman)
        elif u.nama in IMPOR:
            isi = xlsx_dari(IMPOR[u.nama](d))
            impor = Impor(u.callback.view_class, isi)
            langkah.append(Langkah(u.nama, u.url, "unggah", lambda isi=isi: {"berkas": SimpleUploadedFile("impor.xlsx", isi)}, impor=impor))
            token = {}
            langkah.append(Langkah(
                u.nama, u.url, "konfirmasi", lambda token=token: {"token": token["nilai"]},
                persiapan=lambda client, impor=impor, token=token: token.update(nilai=impor.tanam_token(client)), impor=impor,
            ))  # fmt: skip
        elif u.nama in PAYLOAD:
            langkah.append(Langkah(u.nama, u.url, "formulir", lambda u=u: PAYLOAD[u.nama](d, aktor)))
        elif menangani_post(u.callback):
            tanpa_payload.append(u.nama)
        else:
            langkah.append(Langkah(u.nama, u.url, "tanpa POST", lambda: dict(PAYLOAD_LAIN)))
    assert not tanpa_payload, f"View yang menangani POST tanpa payload di PAYLOAD/IMPOR: {tanpa_payload}"
    return langkah


def _permintaan_superuser(d: Dunia):
    request = RequestFactory().get("/admin/")
    request.user = d.superuser
    return request


def _inline_kosong(model_admin, d: Dunia) -> dict:
    """The management forms of a new object's inlines, with no rows (the prefixes the admin gives them)."""
    data, terpakai = {}, {}
    for formset, _inline in model_admin.get_formsets_with_inlines(_permintaan_superuser(d)):
        prefix = formset.get_default_prefix()
        terpakai[prefix] = terpakai.get(prefix, 0) + 1
        if terpakai[prefix] > 1:
            prefix = f"{prefix}-{terpakai[prefix]}"
        data |= {f"{prefix}-TOTAL_FORMS": ["0"], f"{prefix}-INITIAL_FORMS": ["0"]}
    return data


def _langkah_admin(u: Ujung, d: Dunia, aktor, halaman: HalamanAdmin) -> list[Langkah]:
    if u.nama == "admin:login":
        return [Langkah(u.nama, u.url, "masuk", lambda: {"username": aktor.username, "password": PASSWORD})]
    if u.nama == "admin:password_change":
        return [Langkah(u.nama, u.url, "sandi sendiri", lambda: {"old_password": PASSWORD, "new_password1": SANDI_BARU, "new_password2": SANDI_BARU})]
    ma = u.model_admin
    if ma is None or u.nama == u.rute:  # site pages, the redirect of <object_id>/
        return [Langkah(u.nama, u.url, "tanpa formulir", lambda: dict(PAYLOAD_LAIN))]
    model = ma.model
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
    jenis_halaman = u.nama.removeprefix(info)
    obj = d.objek[model]
    form_id = f"{model._meta.model_name}_form"
    if jenis_halaman == "changelist":
        hapus = {"action": "delete_selected", "_selected_action": [str(d.hapus.get(model, obj).pk)], "post": "yes"}
        hasil = [Langkah(u.nama, u.url, "aksi hapus", lambda: dict(hapus))]
        if ma.list_editable:
            data = _ubah_satu_angka(halaman.formulir(u.url, "changelist-form"), list(ma.list_editable))
            hasil.append(Langkah(u.nama, u.url, "list_editable", lambda: dict(data)))
        return hasil
    if jenis_halaman == "change":
        data = halaman.formulir(u.url, form_id)
        return [Langkah(u.nama, u.url, "ubah", lambda: dict(data))]
    if jenis_halaman == "add":
        # The fields of the world's row as its change form shows them (also for an admin that refuses
        # adding to everyone: the form a browser would have sent), made unique, with empty inlines.
        if model is User:
            data = {"username": ["pengguna_admin_baru"], "password1": [SANDI_BARU], "password2": [SANDI_BARU], "usable_password": ["true"]}
        else:
            data = _tanpa_formset(halaman.formulir(reverse(f"{info}change", args=[obj.pk]), form_id))
            data |= {k: [v] for k, v in UNIK_TAMBAH.get(model._meta.label, lambda d: {})(d).items()}
        data |= _inline_kosong(ma, d)
        return [Langkah(u.nama, u.url, "tambah", lambda: dict(data))]
    if jenis_halaman == "delete":
        return [Langkah(u.nama, u.url, "hapus", lambda: {"post": "yes"})]
    if jenis_halaman == "simple_history":
        # Reverting to the latest version sends the row's current values: its change form without inlines;
        # an admin closed to changes shows no form there, so its revert page is read instead.
        if ma.has_change_permission(_permintaan_superuser(d), obj):
            data = _tanpa_formset(halaman.formulir(reverse(f"{info}change", args=[obj.pk]), form_id))
        else:
            data = halaman.formulir(u.url, f"historical{form_id}")
        return [Langkah(u.nama, u.url, "kembalikan versi", lambda: dict(data))]
    if jenis_halaman == "password_change":
        data = halaman.formulir(u.url, form_id) | {"password1": [SANDI_BARU], "password2": [SANDI_BARU]}
        return [Langkah(u.nama, u.url, "sandi orang", lambda: dict(data))]
    if jenis_halaman == "history":
        return [Langkah(u.nama, u.url, "riwayat", lambda: dict(PAYLOAD_LAIN))]
    raise AssertionError(f"{u.rute}: halaman admin '{jenis_halaman}' belum dikenal uji ini; tambahkan payload-nya.")


# --------------------------------------------------------------------------- posting inside a savepoint


@dataclass
class Hasil:
    status: int | None
    berubah: list[str]
    galat: str = ""
    response: object = None


def baris_diubah_sejauh_ini() -> int | None:
    """How many rows this connection has inserted, updated or deleted so far: SQLite's ``total_changes``,
    PostgreSQL's statistics of the current transaction. When the count did not move, the request wrote
    nothing and the fingerprint can be skipped. None on other databases (always fingerprint)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection.total_changes
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_all_tables")
            return int(cursor.fetchone()[0])
    return None


def kirim(client: Client, langkah: Langkah, awal: dict, *, akun_sendiri: int | None = None) -> Hasil:
    """POST inside a savepoint, fingerprint every table, roll back: each URL starts from the same world."""
    kunci_sesi = client.cookies[settings.SESSION_COOKIE_NAME].value
    try:
        with transaction.atomic():
            try:
                if langkah.persiapan:
                    langkah.persiapan(client)
                sebelum = baris_diubah_sejauh_ini()
                response = client.post(langkah.url, langkah.data())
            except Exception as exc:  # a 500: the walk reports it, nothing of it stays
                transaction.set_rollback(True)
                return Hasil(None, [], f"{type(exc).__name__}: {exc}")
            if sebelum is not None and baris_diubah_sejauh_ini() == sebelum:
                berubah = []  # not one row inserted, updated or deleted: no need to fingerprint
            else:
                berubah = tabel_berubah(awal, sidik_tabel(akun_sendiri=akun_sendiri))
            transaction.set_rollback(True)
    finally:
        # The rollback restored the session row; logout/login/password change may have replaced the cookie.
        client.cookies[settings.SESSION_COOKIE_NAME] = kunci_sesi
        client.cookies.pop("messages", None)
    return Hasil(response.status_code, berubah, response=response)


# --------------------------------------------------------------------------- the tests


@pytest.fixture(scope="module")
def media_modul(tmp_path_factory):
    return tmp_path_factory.mktemp("media_hanya_baca")


@pytest.fixture(autouse=True)
def _media_root(settings, media_modul):
    """Overrides the project-wide per-test folder: the world's files (SK scans, photos) are written once
    for the module, and its admin forms read them back."""
    settings.MEDIA_ROOT = media_modul


@pytest.fixture(scope="module")
def dunia(django_db_setup, django_db_blocker, media_modul):
    """The world, the admin forms as the superuser sees them and each reader's walk, built once for the
    module inside a transaction rolled back at its end; every test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_modul):
        with transaction.atomic():
            d = bangun_dunia()
            d.halaman = HalamanAdmin(d.superuser)
            d.ujung, d.langkah, d.galat_rencana = {}, {}, ""
            try:
                for aktor in (d.walikota, d.camat):
                    d.ujung[aktor.pk] = semua_ujung(d)
                    d.langkah[aktor.pk] = rencana(d.ujung[aktor.pk], d, aktor, d.halaman)
            except (ParameterTakTerisi, AssertionError) as exc:
                d.galat_rencana = str(exc)  # reported by the tests as a failure, naming every URL
            yield d
            transaction.set_rollback(True)


@pytest.fixture
def tanpa_log_403():
    """Hundreds of refusals: their "Forbidden"/"Not Found" warnings (with tracebacks) only cost time.
    Errors still log. (A global switch: some admin pages reconfigure logging on the way.)"""
    semula = logging.root.manager.disable
    logging.disable(logging.WARNING)
    yield
    logging.disable(semula)


def _ke_halaman_masuk(response) -> bool:
    if response is None or response.status_code not in (301, 302):
        return False
    return response["Location"].split("?")[0] in {reverse("login"), reverse("admin:login")}


# The Camat is not a read-only role: a model may grant it writes (``role_actions``). Such writes are not a
# violation of this walk, and are listed here with the model whose grant allows them (a test checks the grant):
# the city-wide lists of the diklat organisers and the speaker directory (``pelatihan.models.DAFTAR_BERSAMA``).
CAMAT_BERHAK_MENULIS = {
    **{f"pelatihan:{jenis}-{aksi}": (jenis, "add" if aksi == "create" else "change") for jenis in ("instansi", "narasumber") for aksi in ("create", "update")},
    **{f"admin:pelatihan_{jenis}_{halaman}": (jenis, "add" if halaman == "add" else "change") for jenis in ("instansi", "narasumber") for halaman in ("add", "change", "simple_history")},
}  # fmt: skip


def test_tulisan_camat_yang_dikecualikan_memang_haknya(dunia, db):
    for nama, (model_name, aksi) in CAMAT_BERHAK_MENULIS.items():
        assert boleh(dunia.camat, apps.get_model("pelatihan", model_name), aksi), nama


@pytest.mark.parametrize("peran", [KANTOR_WALI_KOTA, CAMAT])
def test_peran_hanya_baca_tidak_menulis_lewat_url_mana_pun(peran, dunia, db, tanpa_log_403):
    """Kantor Wali Kota / Camat, staff and on the jury, POST to every URL of the portal and the admin:
    no table but the sessions changes, no page answers 500."""
    d = dunia
    if d.galat_rencana:
        pytest.fail(d.galat_rencana)
    aktor = d.walikota if peran == KANTOR_WALI_KOTA else d.camat
    assert aktor.is_staff and d.lomba.juri.filter(pk=aktor.pk).exists(), f"{peran} harus staf dan juri"
    client = Client()
    client.force_login(aktor)
    assert model_kosong() == [], "Dunia uji harus berisi setidaknya satu baris setiap model."
    awal, awal_akun = sidik_tabel(), sidik_tabel(akun_sendiri=aktor.pk)

    langkah_list = d.langkah[aktor.pk]
    pelanggaran = []
    for langkah in langkah_list:
        akun = aktor.pk if langkah.nama in AKUN_SENDIRI else None
        hasil = kirim(client, langkah, awal_akun if akun else awal, akun_sendiri=akun)
        judul = f"POST {langkah.url} ({langkah.nama}, {langkah.label})"
        if hasil.galat:
            pelanggaran.append(f"{judul}: 500 {hasil.galat}")
        elif hasil.status not in STATUS_SAH:
            pelanggaran.append(f"{judul}: status {hasil.status}")
        if hasil.berubah and not (peran == CAMAT and langkah.nama in CAMAT_BERHAK_MENULIS):
            pelanggaran.append(f"{judul}: MENULIS ke {', '.join(hasil.berubah)} (status {hasil.status})")
        if langkah.nama not in {"logout", "admin:logout"} and _ke_halaman_masuk(hasil.response):
            pelanggaran.append(f"{judul}: sesi uji hilang (dialihkan ke halaman masuk); langkah berikutnya tidak menguji apa pun")
    assert not pelanggaran, f"{peran}, {len(langkah_list)} POST, {len(pelanggaran)} pelanggaran:\n" + "\n".join(pelanggaran)


# url name -> who is allowed to (Operator Kelurahan of the kelurahan, or Bappeda for Bappeda-only actions).
BUKTI_PORTAL = {
    "wilayah:rw-create": "operator", "wilayah:rw-update": "operator", "wilayah:rt-create": "operator", "wilayah:rw-impor": "operator",
    "kader:kader-create": "operator", "kader:kader-update": "operator", "kader:kader-nonaktif": "operator",
    "kader:kader-aktifkan": "operator", "kader:kader-impor": "operator",
    "kader:forkom-create": "operator", "kader:forkom-update": "operator", "kader:forkom-anggota": "operator",
    "kader:forkom-keluarkan": "operator", "kader:lomba-usulkan": "operator", "pelatihan:cetak-mulai": "bappeda",
    "kader:lomba-create": "bappeda", "kader:lomba-kriteria": "bappeda", "kader:lomba-kirim": "bappeda", "kader:nominasi-nilai": "bappeda",
    "lkk:lembaga-create": "operator", "lkk:lembaga-update": "operator", "lkk:lembaga-impor": "operator",
    "lkk:pengurus-create": "operator", "lkk:pengurus-susunan": "operator", "lkk:pengurus-update": "operator", "lkk:pengurus-berhenti": "operator",
    "lkk:pengurus-impor": "operator",
    "wisata:destinasi-create": "operator", "wisata:destinasi-update": "operator", "wisata:foto-create": "operator",
    "wisata:foto-hapus": "operator", "wisata:event-create": "operator", "wisata:event-update": "operator",
    "wisata:event-impor": "operator",
    "laporan:mulai": "bappeda",
    "pud:umkm-create": "operator", "pud:umkm-update": "operator", "pud:umkm-foto-create": "operator", "pud:umkm-foto-hapus": "operator",
    "pud:umkm-impor": "operator",
    "password_change": "operator",
    "wilayah:akun-create": "bappeda", "wilayah:akun-update": "bappeda", "wilayah:akun-status": "bappeda", "wilayah:akun-sandi": "bappeda",
    "wilayah:akun-buka-kunci": "bappeda",
    "wilayah:kelurahan-konfirmasi": "operator", "wilayah:kelengkapan-pengaturan": "bappeda", "wilayah:target": "bappeda", "wilayah:pengecualian-beri": "bappeda",
    "wilayah:pengecualian-cabut": "bappeda",
    "pud:siklus-tutup": "bappeda", "pud:siklus-jadwal": "bappeda", "pud:siklus-tetapkan": "bappeda", "pud:kriteria-create": "bappeda",
    "pud:kriteria-update": "bappeda", "pud:pengajuan-jadwal": "bappeda",
    "pud:pengajuan-berita-acara": "operator", "pud:peserta-create": "operator", "pud:peserta-hapus": "operator",
    "pud:usulan-create": "operator", "pud:usulan-update": "operator", "pud:usulan-hapus": "operator",
    "pud:kosong-create": "operator", "pud:kosong-hapus": "operator", "pud:pengajuan-langkah": "bappeda",
    **{f"pelatihan:{n}": "bappeda" for n in (
        "diklat-create", "diklat-update", "diklat-status", "diklat-delete", "sesi-create", "sesi-update", "sesi-delete",
        "materi-create", "materi-update", "materi-delete", "narasumber-create", "narasumber-update", "instansi-create", "instansi-update",
    )},
    "pelatihan:peserta-create": "bappeda", "pelatihan:peserta-update": "bappeda", "pelatihan:peserta-delete": "bappeda",
    "pelatihan:peserta-import": "bappeda",
    "pelatihan:evaluasi": "bappeda",
    "pelatihan:rencana-create": "bappeda", "pelatihan:rencana-update": "operator", "pelatihan:rencana-delete": "bappeda",
}  # fmt: skip
BUKTI_ADMIN_BAPPEDA = {"admin:kader_kader_change", "admin:lkk_lembaga_change", "admin:wisata_event_change"}


def _kirim_seperti_pengguna(client: Client, langkah: Langkah, awal: dict) -> Hasil:
    """The allowed user's real flow: an import is uploaded, then confirmed with the token it got."""
    if langkah.impor is None:
        return kirim(client, langkah, awal)
    kunci_sesi = client.cookies[settings.SESSION_COOKIE_NAME].value
    with transaction.atomic():
        unggah = client.post(langkah.url, {"berkas": SimpleUploadedFile("impor.xlsx", langkah.impor.xlsx)})
        hasil = unggah.context["hasil"]
        assert unggah.status_code == 200 and not hasil.ada_galat, f"{langkah.nama}: pratinjau bergalat {hasil.galat} {hasil.galat_berkas}"
        # Nothing but the NIK access log, which counts the preview's NIK lookups (issue 9).
        assert set(tabel_berubah(awal, sidik_tabel())) <= {AksesNIK._meta.db_table}, f"{langkah.nama}: pratinjau tidak boleh menulis"
        response = client.post(langkah.url, {"token": unggah.context["token"]})
        berubah = tabel_berubah(awal, sidik_tabel())
        transaction.set_rollback(True)
    client.cookies[settings.SESSION_COOKIE_NAME] = kunci_sesi
    return Hasil(response.status_code, berubah, response=response)


# Admin steps proven to write for the superuser, for every model. A change form is proven by the
# Bappeda pages above and by every "tambah" (the change form's fields made unique; the user admin has
# its own add form); the changelist's delete action deletes the row "hapus" proves deletable, so it is
# proven once (on the Kader admin).
LANGKAH_ADMIN_DIBUKTIKAN = {"tambah", "hapus", "list_editable", "kembalikan versi", "sandi orang", "sandi sendiri"}
AKSI_HAPUS_DIBUKTIKAN = "admin:kader_kader_changelist"


def test_payload_menulis_bagi_yang_berhak(dunia, db, tanpa_log_403):
    """The same payloads, posted by users who ARE allowed, do write: the walk above is not vacuous."""
    d = dunia
    if d.galat_rencana:
        pytest.fail(d.galat_rencana)
    semua = d.ujung[d.camat.pk]
    ujung = {u.nama: u for u in semua}
    halaman = d.halaman
    klien = {}
    for kunci, user in (("operator", d.operator), ("bappeda", d.bappeda), ("superuser", d.superuser)):
        klien[kunci] = Client()
        klien[kunci].force_login(user)
    awal = sidik_tabel()

    belum = (set(PAYLOAD) | set(IMPOR)) - set(BUKTI_PORTAL) - TIDAK_MENULIS
    assert not belum, f"Payload tanpa bukti bahwa ia menulis bagi yang berhak: tambahkan ke BUKTI_PORTAL: {sorted(belum)}"
    tidak_menulis = []
    for nama, siapa in BUKTI_PORTAL.items():
        aktor = d.operator if siapa == "operator" else d.bappeda
        for langkah in rencana([ujung[nama]], d, aktor, halaman):
            if langkah.label == "unggah":
                continue  # the import is proven by its upload-then-confirm flow below
            hasil = _kirim_seperti_pengguna(klien[siapa], langkah, awal)
            if not hasil.berubah:
                pesan = ""
                if hasil.response is not None and hasil.response.context and "form" in hasil.response.context:
                    pesan = hasil.response.context["form"].errors
                tidak_menulis.append(f"{nama} ({siapa}, {langkah.label}): status {hasil.status} {hasil.galat} {pesan}")
    for nama in sorted(BUKTI_ADMIN_BAPPEDA):
        for langkah in rencana([ujung[nama]], d, d.bappeda, halaman):
            hasil = kirim(klien["bappeda"], langkah, awal)
            if not hasil.berubah:
                tidak_menulis.append(f"{nama} (bappeda): status {hasil.status} {hasil.galat}")
    # Every admin form of the walk, as the superuser: only a page that refuses even the superuser
    # (an admin closed to everyone, e.g. read-only admins) may write nothing.
    for langkah in rencana([u for u in semua if u.di_admin], d, d.superuser, halaman):
        if langkah.label in LANGKAH_ADMIN_DIBUKTIKAN or (langkah.label, langkah.nama) == ("aksi hapus", AKSI_HAPUS_DIBUKTIKAN):
            hasil = kirim(klien["superuser"], langkah, awal)
            if not hasil.berubah and hasil.status != 403:
                tidak_menulis.append(f"{langkah.nama} (superuser, {langkah.label}): status {hasil.status} {hasil.galat}")
    assert not tidak_menulis, "Payload yang tidak menulis bagi pengguna yang berhak (perbaiki payload-nya):\n" + "\n".join(tidak_menulis)


def _tanpa_model(request):
    return None


urlpatterns = [path("rahasia/<int:nomor_ajaib>/", _tanpa_model, name="rahasia")]


def test_url_dengan_parameter_tak_dikenal_menggagalkan_penjelajahan():
    with pytest.raises(ParameterTakTerisi, match="nomor_ajaib"):
        semua_ujung(Dunia(), urlconf=__name__)
