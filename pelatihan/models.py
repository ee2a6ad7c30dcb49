"""Diklat and pembinaan: sessions, modules and speakers, participants, daily attendance,
certificates with a public verification code, the follow-up each participant commits to, and the
participants' evaluation.

- ``Instansi`` and ``Narasumber``: city-wide lists (organisers and speakers' institutions; the
  speaker directory), so the same speaker is chosen, not retyped.
- ``Diklat``: one programme (title, kind, organiser and co-organisers, target group, quota, the
  region it covers, status, the attendance rate that completes it, the certificate's signer).
  Its coverage is the city (no region), one kecamatan or one kelurahan; it decides who sees the
  diklat and who organises it (``DiklatQuerySet.scope_q``).
- ``SesiDiklat``: where and when it is held. A series (the same pembinaan kecamatan by kecamatan)
  is one diklat with several sessions; ``Diklat.tanggal_mulai``/``tanggal_selesai`` span them.
- ``Materi``: a module of a session (day, time, speaker).
- ``Peserta``: a participant of one session: from the portal's people (a cadre, an LKK board
  member) or entered fresh. The same person once per diklat (``kunci_orang``, a unique
  constraint), within the quota (``pelatihan.services.peserta_simpan``, under the diklat's row
  lock). The certificate (number, verification code, issue time) lives on the participant.
- ``Kehadiran``: one participant on one day of their session (hadir, izin, sakit, alpa).
  A participant completes the diklat when present on at least ``persen_hadir_minimal`` percent
  of their session's days (``PesertaQuerySet.dengan_kehadiran``: the one place that says so).
- ``RencanaTindakLanjut``: a commitment with a due date, in a kelurahan; measurable ones link to
  the destination (``wisata.Destinasi``) or the new cadres (``kader.Kader``) that fulfil them.
- ``Evaluasi`` and ``NilaiMateri``: the questionnaire after the diklat (a rating per module and
  per speaker, comments).
- ``CetakSertifikat``: a job that renders every certificate of a diklat as one PDF (Celery when a
  broker is set), with its progress.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, ExpressionWrapper, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
from wilayah.scoping import CityWideQuerySet, ScopedQuerySet, Tingkat

#: Longest session: a diklat runs days, not months (a typo in a year would make a 365-day session).
HARI_SESI_MAKS = 31

DAFTAR_BERSAMA = {
    OPERATOR_KELURAHAN: {"view"},
    CAMAT: {"view", "add", "change"},
    BAPPEDA: {"view", "add", "change", "delete"},
    KANTOR_WALI_KOTA: {"view"},
}


# --- Organisers and speakers (city-wide lists) -------------------------------------------------


class Instansi(models.Model):
    """An organiser or a speaker's institution (BKPSDM, Bappeda, DPMD, BPSDM Jatim, DPRD...)."""

    nama = models.CharField(_("nama instansi"), max_length=150, unique=True)
    singkatan = models.CharField(_("singkatan"), max_length=30, blank=True)

    history = HistoricalRecords()
    objects = CityWideQuerySet.as_manager()
    role_actions = DAFTAR_BERSAMA

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["nama"]

    def __str__(self):
        return f"{self.nama} ({self.singkatan})" if self.singkatan else self.nama

    @property
    def nama_pendek(self) -> str:
        return self.singkatan or self.nama


class Narasumber(models.Model):
    """A speaker in the directory: chosen for each module, so the same person is not retyped."""

    nama = models.CharField(_("nama narasumber"), max_length=100)
    jabatan = models.CharField(_("jabatan"), max_length=150, blank=True)
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="narasumber_set", verbose_name=_("instansi"))
    telepon = models.CharField(_("telepon"), max_length=20, blank=True)
    kunci_nama = models.CharField(max_length=100, editable=False)

    history = HistoricalRecords()
    objects = CityWideQuerySet.as_manager()
    role_actions = DAFTAR_BERSAMA

    class Meta:
        verbose_name = _("narasumber")
        verbose_name_plural = _("narasumber")
        ordering = ["nama", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kunci_nama", "instansi"], name="narasumber_sekali_per_instansi",
                violation_error_message=_("Narasumber dengan nama ini dari instansi ini sudah ada di daftar. Pilih dari daftar."),
            ),
        ]

    def __str__(self):
        return f"{self.nama} ({self.instansi.nama_pendek})"

    def isi_kunci_nama(self) -> None:
        """The name as every lookup compares it (case, spacing, invisible characters do not count)."""
        from wilayah.sel import kunci_nama

        self.kunci_nama = kunci_nama(self.nama)[:100]

    def clean(self):
        self.isi_kunci_nama()  # before the unique constraint is checked

    def save(self, *args, **kwargs):
        self.isi_kunci_nama()
        super().save(*args, **kwargs)


# --- Diklat ----------------------------------------------------------------------------------


class JenisDiklat(models.TextChoices):
    DIKLAT = "diklat", _("Diklat")
    PELATIHAN = "pelatihan", _("Pelatihan")
    PEMBINAAN = "pembinaan", _("Pembinaan")
    SOSIALISASI = "sosialisasi", _("Sosialisasi")


class StatusDiklat(models.TextChoices):
    RENCANA = "rencana", _("Direncanakan")
    PENDAFTARAN = "pendaftaran", _("Pendaftaran dibuka")
    TERLAKSANA = "terlaksana", _("Terlaksana")
    BATAL = "batal", _("Dibatalkan")


class DiklatQuerySet(ScopedQuerySet):
    def scope_q(self, lingkup, *, user, action) -> Q:
        """Viewing: a diklat of the whole city is seen by everyone; a kecamatan's by its camat and
        its kelurahan; a kelurahan's by that kelurahan and its camat. Organising (add, change,
        delete): only a diklat whose coverage lies inside the user's own region (a camat their
        kecamatan's and its kelurahan's; an operator their kelurahan's; the city every one)."""
        if lingkup is None or lingkup.tingkat == Tingkat.KOTA:
            return Q()
        if lingkup.tingkat == Tingkat.KELURAHAN:
            if action == "view":
                return Q(kecamatan__isnull=True) | Q(kecamatan_id=lingkup.kelurahan.kecamatan_id, kelurahan__isnull=True) | Q(kelurahan_id=lingkup.kelurahan_id)
            return Q(kelurahan_id=lingkup.kelurahan_id)
        if action == "view":
            return Q(kecamatan__isnull=True) | Q(kecamatan_id=lingkup.kecamatan_id)
        return Q(kecamatan_id=lingkup.kecamatan_id)


class Diklat(models.Model):
    """A training programme: one or more sessions (``SesiDiklat``)."""

    judul = models.CharField(_("judul"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=12, choices=JenisDiklat.choices, default=JenisDiklat.PELATIHAN)
    penyelenggara = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="diklat_diselenggarakan", verbose_name=_("penyelenggara"))
    penyelenggara_lain = models.ManyToManyField(Instansi, blank=True, related_name="diklat_bersama", verbose_name=_("penyelenggara bersama"))
    sasaran = models.CharField(_("sasaran peserta"), max_length=200, help_text=_("Misalnya: Kasi Pemberdayaan Masyarakat kelurahan dan kecamatan; pengurus LKK."))
    deskripsi = models.TextField(_("keterangan"), blank=True)
    kuota = models.PositiveIntegerField(_("kuota peserta"), validators=[MinValueValidator(1), MaxValueValidator(5000)])
    kecamatan = models.ForeignKey(
        "wilayah.Kecamatan", on_delete=models.PROTECT, null=True, blank=True, related_name="diklat_set", related_query_name="diklat",
        verbose_name=_("kecamatan"), help_text=_("Kosongkan bila untuk seluruh kota."),
    )
    kelurahan = models.ForeignKey(
        "wilayah.Kelurahan", on_delete=models.PROTECT, null=True, blank=True, related_name="diklat_set", related_query_name="diklat",
        verbose_name=_("kelurahan"), help_text=_("Isi bila hanya untuk satu kelurahan."),
    )
    status = models.CharField(_("status"), max_length=12, choices=StatusDiklat.choices, default=StatusDiklat.RENCANA)
    persen_hadir_minimal = models.PositiveSmallIntegerField(
        _("kehadiran minimal untuk lulus (%)"), default=100, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("100: hadir setiap hari. Peserta yang memenuhi ini berhak atas sertifikat."),
    )
    awalan_nomor_sertifikat = models.CharField(
        _("format nomor sertifikat"), max_length=80, blank=True,
        help_text=_("Bagian nomor sesudah nomor urut, misalnya 800/BKPSDM/2025. Kosongkan: DIKLAT-<nomor diklat>/<tahun>."),
    )
    ttd_nama = models.CharField(_("nama penanda tangan sertifikat"), max_length=100, blank=True)
    ttd_jabatan = models.CharField(_("jabatan penanda tangan"), max_length=150, blank=True)
    ttd_nip = models.CharField(_("NIP penanda tangan"), max_length=30, blank=True)
    # The span of the sessions, kept by pelatihan.services (lists, filters and the monthly figures read it).
    tanggal_mulai = models.DateField(_("tanggal mulai"), null=True, blank=True, editable=False)
    tanggal_selesai = models.DateField(_("tanggal selesai"), null=True, blank=True, editable=False)
    dibuat = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["dibuat"])
    objects = DiklatQuerySet.as_manager()
    scope_kelurahan_lookup = "kelurahan"
    scope_kecamatan_lookup = "kecamatan"
    list_url_name = "pelatihan:diklat-list"
    role_actions = {
        OPERATOR_KELURAHAN: {"view", "add", "change"},
        CAMAT: {"view", "add", "change"},
        BAPPEDA: {"view", "add", "change", "delete"},
        KANTOR_WALI_KOTA: {"view"},
    }

    class Meta:
        verbose_name = _("diklat")
        verbose_name_plural = _("diklat")
        ordering = ["-tanggal_mulai", "-pk"]
        indexes = [models.Index(fields=["tanggal_mulai"], name="diklat_tanggal_mulai")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kelurahan__isnull=True) | Q(kecamatan__isnull=False), name="diklat_kelurahan_berkecamatan",
                violation_error_message=_("Diklat satu kelurahan juga mencatat kecamatannya."),
            ),
            models.CheckConstraint(condition=Q(kuota__gte=1), name="diklat_kuota_positif", violation_error_message=_("Kuota minimal 1 peserta.")),
            models.CheckConstraint(
                condition=Q(persen_hadir_minimal__gte=1, persen_hadir_minimal__lte=100), name="diklat_persen_hadir_1_100",
                violation_error_message=_("Kehadiran minimal antara 1 dan 100 persen."),
            ),
        ]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("pelatihan:diklat-detail", kwargs={"pk": self.pk})

    @property
    def tingkat(self) -> str:
        if self.kelurahan_id:
            return Tingkat.KELURAHAN
        if self.kecamatan_id:
            return Tingkat.KECAMATAN
        return Tingkat.KOTA

    @property
    def rentang(self) -> str:
        """Its days as written: "26–28 Mei 2025"."""
        from wilayah.periode import rentang_tanggal

        return rentang_tanggal(self.tanggal_mulai, self.tanggal_selesai)

    @property
    def cakupan_label(self) -> str:
        if self.kelurahan_id:
            return _("Kelurahan %(nama)s") % {"nama": self.kelurahan.nama}
        if self.kecamatan_id:
            return _("Kecamatan %(nama)s") % {"nama": self.kecamatan.nama}
        return _("Seluruh kota")

    def clean(self):
        if self.kelurahan_id and self.kecamatan_id and self.kelurahan.kecamatan_id != self.kecamatan_id:
            raise ValidationError({"kelurahan": _("Kelurahan ini tidak berada di kecamatan yang dipilih.")})


class SesiDiklat(models.Model):
    """Where and when a diklat (or one session of a series) is held. Reached through its diklat."""

    diklat = models.ForeignKey(Diklat, on_delete=models.CASCADE, related_name="sesi_set", verbose_name=_("diklat"))
    nama = models.CharField(_("nama sesi"), max_length=100, blank=True, help_text=_("Untuk rangkaian, misalnya: Kecamatan Kanigaran. Boleh kosong."))
    tempat = models.CharField(_("tempat"), max_length=200)
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    jumlah_hari = models.PositiveSmallIntegerField(_("jumlah hari"), editable=False, default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sesi diklat")
        verbose_name_plural = _("sesi diklat")
        ordering = ["diklat", "tanggal_mulai", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=F("tanggal_mulai")), name="sesi_diklat_tanggal_urut",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(condition=Q(jumlah_hari__gte=1), name="sesi_diklat_minimal_sehari", violation_error_message=_("Sesi minimal satu hari.")),
        ]

    def __str__(self):
        return f"{self.nama or self.tempat}, {self.rentang}"

    @property
    def rentang(self) -> str:
        """Its days as written: "26–28 Mei 2025"."""
        from wilayah.periode import rentang_tanggal

        return rentang_tanggal(self.tanggal_mulai, self.tanggal_selesai)

    def clean(self):
        if self.tanggal_mulai and self.tanggal_selesai:
            if self.tanggal_selesai < self.tanggal_mulai:
                raise ValidationError({"tanggal_selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
            hari = (self.tanggal_selesai - self.tanggal_mulai).days + 1
            if hari > HARI_SESI_MAKS:
                raise ValidationError({"tanggal_selesai": _("Satu sesi paling lama %(n)s hari. Periksa tahunnya, atau catat sebagai beberapa sesi.") % {"n": HARI_SESI_MAKS}})

    def save(self, *args, **kwargs):
        self.jumlah_hari = (self.tanggal_selesai - self.tanggal_mulai).days + 1
        super().save(*args, **kwargs)

    def hari(self) -> list:
        """Every day of the session, in order."""
        import datetime as dt

        return [self.tanggal_mulai + dt.timedelta(days=i) for i in range(self.jumlah_hari)]

    def berisi_tanggal(self, tanggal) -> bool:
        return self.tanggal_mulai <= tanggal <= self.tanggal_selesai


class Materi(models.Model):
    """A module of a session: title, day and time, speaker (from the directory)."""

    sesi = models.ForeignKey(SesiDiklat, on_delete=models.CASCADE, related_name="materi_set", verbose_name=_("sesi"))
    judul = models.CharField(_("judul materi"), max_length=200)
    tanggal = models.DateField(_("hari"))
    jam_mulai = models.TimeField(_("jam mulai"), null=True, blank=True)
    jam_selesai = models.TimeField(_("jam selesai"), null=True, blank=True)
    narasumber = models.ForeignKey(Narasumber, on_delete=models.PROTECT, null=True, blank=True, related_name="materi_set", verbose_name=_("narasumber"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("materi")
        verbose_name_plural = _("materi")
        ordering = ["sesi", "tanggal", "jam_mulai", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jam_selesai__isnull=True) | Q(jam_mulai__isnull=True) | Q(jam_selesai__gt=F("jam_mulai")), name="materi_jam_urut",
                violation_error_message=_("Jam selesai harus sesudah jam mulai."),
            ),
        ]

    def __str__(self):
        return self.judul

    def clean(self):
        if self.sesi_id and self.tanggal and not self.sesi.berisi_tanggal(self.tanggal):
            raise ValidationError({"tanggal": _("Hari materi harus di antara tanggal sesi (%(sesi)s).") % {"sesi": self.sesi}})


# --- Participants ------------------------------------------------------------------------------


class UnsurPeserta(models.TextChoices):
    KPM = "kpm", _("Kader Pemberdayaan Masyarakat (KPM)")
    LKK = "lkk", _("Pengurus LKK")
    KELURAHAN = "kelurahan", _("Perangkat kelurahan")
    KECAMATAN = "kecamatan", _("Perangkat kecamatan")
    LAINNYA = "lainnya", _("Lainnya")


class JenisKelaminPeserta(models.TextChoices):
    LAKI_LAKI = "L", _("Laki-laki")
    PEREMPUAN = "P", _("Perempuan")


class PesertaQuerySet(ScopedQuerySet):
    # Attendance, certificates and evaluations are the organiser's: whoever may change the diklat.
    izin_aksi_khusus = {"kelola": "pelatihan.change_diklat"}

    def scope_q(self, lingkup, *, user, action) -> Q:
        """Viewing: the participants of the user's region (a kecamatan official: their kecamatan),
        and every participant of a diklat the user organises. Registering and editing
        (add/change/delete): the organiser, in any status but cancelled; or a user of the
        participant's region while the diklat's registration is open. ``kelola`` (attendance,
        certificates, evaluation): the organiser only."""
        dikelola = Q(diklat__in=Diklat.objects.filter(Diklat.objects.all().scope_q(lingkup, user=user, action="change")))
        wilayah = self.wilayah_q(lingkup)
        if action == "view":
            return wilayah | dikelola
        aktif = ~Q(diklat__status=StatusDiklat.BATAL)
        if action == "kelola":
            return dikelola & aktif
        return (dikelola & aktif) | (wilayah & Q(diklat__status=StatusDiklat.PENDAFTARAN))

    def dengan_kehadiran(self):
        """``hari_hadir`` (days present) and ``lulus``: present on at least the diklat's
        ``persen_hadir_minimal`` percent of the session's days. The one place the rule lives."""
        return self.annotate(
            hari_hadir=Count("kehadiran", filter=Q(kehadiran__status=StatusHadir.HADIR), distinct=True),
        ).annotate(
            lulus=ExpressionWrapper(
                Q(hari_hadir__gt=0) & Q(hari_hadir__gte=(F("sesi__jumlah_hari") * F("diklat__persen_hadir_minimal") + 99) / 100),
                output_field=models.BooleanField(),
            )
        )

    def bersertifikat(self):
        return self.filter(kode_verifikasi__isnull=False)


class Peserta(models.Model):
    """A participant of one session of a diklat."""

    diklat = models.ForeignKey(Diklat, on_delete=models.PROTECT, related_name="peserta_set", verbose_name=_("diklat"))
    sesi = models.ForeignKey(SesiDiklat, on_delete=models.PROTECT, related_name="peserta_set", verbose_name=_("sesi"))
    nama = models.CharField(_("nama lengkap"), max_length=100)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelaminPeserta.choices, blank=True)
    unsur = models.CharField(_("unsur"), max_length=10, choices=UnsurPeserta.choices, default=UnsurPeserta.LAINNYA)
    jabatan = models.CharField(_("jabatan"), max_length=150, blank=True, help_text=_("Misalnya: Kasi Pemberdayaan Masyarakat, Ketua LPM."))
    lembaga_asal = models.CharField(_("instansi/lembaga asal"), max_length=150, blank=True, help_text=_("Misalnya: Kelurahan Kebonsari Wetan, Karang Taruna RW 03."))
    kecamatan = models.ForeignKey("wilayah.Kecamatan", on_delete=models.PROTECT, related_name="peserta_diklat_set", related_query_name="peserta_diklat", verbose_name=_("kecamatan"))
    kelurahan = models.ForeignKey(
        "wilayah.Kelurahan", on_delete=models.PROTECT, null=True, blank=True, related_name="peserta_diklat_set", related_query_name="peserta_diklat",
        verbose_name=_("kelurahan"), help_text=_("Kosongkan untuk peserta dari kantor kecamatan."),
    )
    telepon = models.CharField(_("telepon/WA"), max_length=20, blank=True)
    # From the portal's own people: a foreign key by label only (the programmes stay apart).
    kader = models.ForeignKey("kader.Kader", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("KPM terdaftar"))
    pengurus = models.ForeignKey("lkk.Pengurus", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("pengurus LKK terdaftar"))
    kunci_orang = models.CharField(max_length=140, editable=False)
    # The certificate, issued by pelatihan.services.sertifikat_terbitkan.
    nomor_urut_sertifikat = models.PositiveIntegerField(_("nomor urut sertifikat"), null=True, blank=True, editable=False)
    nomor_sertifikat = models.CharField(_("nomor sertifikat"), max_length=120, blank=True, editable=False)
    kode_verifikasi = models.CharField(_("kode verifikasi"), max_length=20, null=True, blank=True, unique=True, editable=False)
    sertifikat_terbit = models.DateTimeField(_("sertifikat terbit"), null=True, blank=True, editable=False)
    dibuat = models.DateTimeField(_("didaftarkan"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["dibuat"])
    objects = PesertaQuerySet.as_manager()
    scope_kelurahan_lookup = "kelurahan"
    scope_kecamatan_lookup = "kecamatan"
    list_url_name = "pelatihan:peserta-list"
    role_actions = {
        OPERATOR_KELURAHAN: {"view", "add", "change", "delete"},
        CAMAT: {"view", "add", "change", "delete"},
        BAPPEDA: {"view", "add", "change", "delete"},
        KANTOR_WALI_KOTA: {"view"},
    }

    class Meta:
        verbose_name = _("peserta diklat")
        verbose_name_plural = _("peserta diklat")
        ordering = ["diklat", "nama", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["diklat", "kunci_orang"], name="peserta_sekali_per_diklat",
                violation_error_message=_("Orang ini sudah terdaftar sebagai peserta diklat ini."),
            ),
            models.UniqueConstraint(
                fields=["diklat", "kader"], condition=Q(kader__isnull=False), name="peserta_kader_sekali_per_diklat",
                violation_error_message=_("KPM ini sudah terdaftar sebagai peserta diklat ini."),
            ),
            models.UniqueConstraint(
                fields=["diklat", "pengurus"], condition=Q(pengurus__isnull=False), name="peserta_pengurus_sekali_per_diklat",
                violation_error_message=_("Pengurus LKK ini sudah terdaftar sebagai peserta diklat ini."),
            ),
            models.UniqueConstraint(
                fields=["diklat", "nomor_urut_sertifikat"], condition=Q(nomor_urut_sertifikat__isnull=False), name="peserta_nomor_sertifikat_unik",
                violation_error_message=_("Nomor sertifikat ini sudah dipakai di diklat ini."),
            ),
            models.CheckConstraint(
                condition=(Q(kode_verifikasi__isnull=True) & Q(nomor_urut_sertifikat__isnull=True) & Q(sertifikat_terbit__isnull=True))
                | (Q(kode_verifikasi__isnull=False) & Q(nomor_urut_sertifikat__isnull=False) & Q(sertifikat_terbit__isnull=False) & ~Q(nomor_sertifikat="")),
                name="peserta_sertifikat_lengkap",
                violation_error_message=_("Sertifikat harus mempunyai nomor, kode verifikasi dan waktu terbit."),
            ),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("pelatihan:peserta-detail", kwargs={"pk": self.pk})

    @property
    def wilayah_label(self) -> str:
        if self.kelurahan_id:
            return self.kelurahan.nama
        return _("Kecamatan %(nama)s") % {"nama": self.kecamatan.nama}

    @property
    def bersertifikat(self) -> bool:
        return self.kode_verifikasi is not None

    def hitung_kunci_orang(self) -> str:
        """Who this person is within a diklat: the name as compared everywhere (case, spacing and
        invisible characters do not count) and the kelurahan (or kecamatan office) they come from."""
        from wilayah.sel import kunci_nama

        wilayah = f"kel{self.kelurahan_id}" if self.kelurahan_id else f"kec{self.kecamatan_id}"
        return f"{kunci_nama(self.nama)}|{wilayah}"[:140]

    def clean(self):
        errors = {}
        if self.kelurahan_id and self.kecamatan_id and self.kelurahan.kecamatan_id != self.kecamatan_id:
            errors["kelurahan"] = _("Kelurahan ini tidak berada di kecamatan yang dipilih.")
        if self.sesi_id and self.diklat_id and self.sesi.diklat_id != self.diklat_id:
            errors["sesi"] = _("Sesi ini bukan sesi diklat ini.")
        if self.diklat_id and self.kecamatan_id and not errors:
            diklat = self.diklat
            if diklat.kecamatan_id and diklat.kecamatan_id != self.kecamatan_id:
                errors["kecamatan"] = _("Diklat ini hanya untuk %(cakupan)s.") % {"cakupan": diklat.cakupan_label}
            elif diklat.kelurahan_id and diklat.kelurahan_id != self.kelurahan_id:
                errors["kelurahan"] = _("Diklat ini hanya untuk %(cakupan)s.") % {"cakupan": diklat.cakupan_label}
        if errors:
            raise ValidationError(errors)
        self.kunci_orang = self.hitung_kunci_orang()


def buat_kode_verifikasi() -> str:
    """A certificate's public code: 12 characters of an alphabet without look-alikes (0/O, 1/I/L),
    about 58 bits drawn by ``secrets``, so guessing a valid code is hopeless. Shown as XXXX-XXXX-XXXX."""
    huruf = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(huruf) for _ in range(12))


class StatusHadir(models.TextChoices):
    HADIR = "hadir", _("Hadir")
    IZIN = "izin", _("Izin")
    SAKIT = "sakit", _("Sakit")
    ALPA = "alpa", _("Tidak hadir")


class Kehadiran(models.Model):
    """One participant on one day of their session. Reached through the participant."""

    peserta = models.ForeignKey(Peserta, on_delete=models.CASCADE, related_name="kehadiran_set", related_query_name="kehadiran", verbose_name=_("peserta"))
    tanggal = models.DateField(_("tanggal"))
    status = models.CharField(_("kehadiran"), max_length=6, choices=StatusHadir.choices, default=StatusHadir.HADIR)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        ordering = ["peserta", "tanggal"]
        constraints = [
            models.UniqueConstraint(fields=["peserta", "tanggal"], name="kehadiran_sekali_per_hari", violation_error_message=_("Kehadiran peserta ini pada hari itu sudah dicatat.")),
        ]

    def __str__(self):
        return f"{self.peserta} {self.tanggal}: {self.get_status_display()}"

    def clean(self):
        if self.peserta_id and self.tanggal:
            sesi = self.peserta.sesi
            if not sesi.berisi_tanggal(self.tanggal):
                raise ValidationError({"tanggal": _("Tanggal ini di luar hari diklat (%(sesi)s).") % {"sesi": sesi}})
            if self.tanggal > timezone.localdate():
                raise ValidationError({"tanggal": _("Kehadiran hari yang belum tiba tidak dapat dicatat.")})


# --- Follow-up ---------------------------------------------------------------------------------


class JenisTindakLanjut(models.TextChoices):
    DESTINASI = "destinasi", _("Destinasi wisata di RW")
    KADER = "kader", _("KPM baru")
    LAINNYA = "lainnya", _("Lainnya")


class RencanaQuerySet(ScopedQuerySet):
    def terbuka(self, pada=None):
        """Not yet done (as of ``pada``, today by default)."""
        if pada is None:
            return self.filter(selesai_pada__isnull=True)
        return self.filter(Q(selesai_pada__isnull=True) | Q(selesai_pada__gt=pada))

    def terlambat(self, pada=None):
        """Open past their due date."""
        pada = pada or timezone.localdate()
        return self.terbuka(pada).filter(tenggat__lt=pada)


class RencanaTindakLanjut(models.Model):
    """A participant's commitment (rencana tindak lanjut) in a kelurahan, with its due date.
    Measurable ones are fulfilled by a link: a destination in the RW (``wisata.Destinasi``), or
    the new cadres (``kader.Kader``) up to the target; the others are marked done by hand."""

    peserta = models.ForeignKey(Peserta, on_delete=models.PROTECT, related_name="rencana_set", verbose_name=_("peserta"))
    kelurahan = models.ForeignKey("wilayah.Kelurahan", on_delete=models.PROTECT, related_name="rencana_tindak_lanjut_set", related_query_name="rencana_tindak_lanjut", verbose_name=_("kelurahan"))
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisTindakLanjut.choices, default=JenisTindakLanjut.LAINNYA)
    uraian = models.CharField(_("uraian komitmen"), max_length=300)
    rw = models.ForeignKey("wilayah.RW", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("RW"))
    target_jumlah = models.PositiveSmallIntegerField(_("target jumlah"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)], help_text=_("Untuk KPM baru: berapa orang."))
    tenggat = models.DateField(_("tenggat"))
    destinasi = models.ForeignKey("wisata.Destinasi", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("destinasi yang terwujud"))
    kader_baru = models.ManyToManyField("kader.Kader", blank=True, related_name="+", verbose_name=_("KPM baru yang terwujud"))
    selesai_pada = models.DateField(_("selesai pada"), null=True, blank=True)
    catatan = models.TextField(_("catatan perkembangan"), blank=True)
    dibuat = models.DateField(_("dicatat"), default=timezone.localdate)

    history = HistoricalRecords()
    objects = RencanaQuerySet.as_manager()
    scope_kelurahan_lookup = "kelurahan"
    list_url_name = "pelatihan:rencana-list"
    role_actions = {
        OPERATOR_KELURAHAN: {"view", "change"},
        CAMAT: {"view", "add", "change", "delete"},
        BAPPEDA: {"view", "add", "change", "delete"},
        KANTOR_WALI_KOTA: {"view"},
    }

    class Meta:
        verbose_name = _("rencana tindak lanjut")
        verbose_name_plural = _("rencana tindak lanjut")
        ordering = ["tenggat", "pk"]
        indexes = [models.Index(fields=["kelurahan", "tenggat"], name="rtl_kelurahan_tenggat")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(jenis=JenisTindakLanjut.KADER) | Q(target_jumlah__gte=1), name="rtl_kader_bertarget",
                violation_error_message=_("Komitmen KPM baru perlu target jumlah orang."),
            ),
        ]

    def __str__(self):
        return self.uraian

    def get_absolute_url(self):
        return reverse("pelatihan:rencana-detail", kwargs={"pk": self.pk})

    @property
    def terlambat(self) -> bool:
        return self.selesai_pada is None and self.tenggat < timezone.localdate()

    def clean(self):
        errors = {}
        if self.rw_id and self.kelurahan_id and self.rw.kelurahan_id != self.kelurahan_id:
            errors["rw"] = _("RW ini bukan RW kelurahan yang dipilih.")
        if self.peserta_id and self.kelurahan_id:
            peserta = self.peserta
            if peserta.kelurahan_id and peserta.kelurahan_id != self.kelurahan_id:
                errors["kelurahan"] = _("Komitmen peserta berlaku di kelurahannya sendiri (%(nama)s).") % {"nama": peserta.kelurahan.nama}
            elif not peserta.kelurahan_id and self.kelurahan.kecamatan_id != peserta.kecamatan_id:
                errors["kelurahan"] = _("Pilih kelurahan di Kecamatan %(nama)s.") % {"nama": peserta.kecamatan.nama}
        if self.destinasi_id and self.kelurahan_id:
            if self.destinasi.kelurahan_id != self.kelurahan_id:
                errors["destinasi"] = _("Destinasi ini bukan di kelurahan komitmen ini.")
            elif self.rw_id and self.destinasi.rw_id != self.rw_id:
                errors["destinasi"] = _("Destinasi ini bukan di RW komitmen ini.")
        if self.destinasi_id and self.jenis != JenisTindakLanjut.DESTINASI:
            errors["destinasi"] = _("Hanya komitmen destinasi wisata yang ditautkan ke destinasi.")
        if errors:
            raise ValidationError(errors)


# --- Evaluation --------------------------------------------------------------------------------


NILAI = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluasi(models.Model):
    """A participant's questionnaire after the diklat. Reached through the participant."""

    peserta = models.OneToOneField(Peserta, on_delete=models.CASCADE, related_name="evaluasi", verbose_name=_("peserta"))
    nilai_umum = models.PositiveSmallIntegerField(_("penilaian keseluruhan (1–5)"), validators=NILAI)
    manfaat = models.TextField(_("manfaat yang dirasakan"), blank=True)
    saran = models.TextField(_("saran dan komentar"), blank=True)
    dibuat = models.DateTimeField(_("diisi"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["dibuat"])

    class Meta:
        verbose_name = _("evaluasi peserta")
        verbose_name_plural = _("evaluasi peserta")
        constraints = [
            models.CheckConstraint(condition=Q(nilai_umum__gte=1, nilai_umum__lte=5), name="evaluasi_nilai_1_5", violation_error_message=_("Nilai antara 1 dan 5.")),
        ]

    def __str__(self):
        return _("Evaluasi %(nama)s") % {"nama": self.peserta.nama}


class NilaiMateri(models.Model):
    """A participant's rating of one module and of its speaker (1–5)."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="nilai_set", verbose_name=_("evaluasi"))
    materi = models.ForeignKey(Materi, on_delete=models.CASCADE, related_name="nilai_set", verbose_name=_("materi"))
    nilai_materi = models.PositiveSmallIntegerField(_("nilai materi (1–5)"), validators=NILAI)
    nilai_narasumber = models.PositiveSmallIntegerField(_("nilai narasumber (1–5)"), null=True, blank=True, validators=NILAI)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nilai materi")
        verbose_name_plural = _("nilai materi")
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "materi"], name="nilai_materi_sekali", violation_error_message=_("Materi ini sudah dinilai dalam evaluasi ini.")),
            models.CheckConstraint(
                condition=Q(nilai_materi__gte=1, nilai_materi__lte=5) & (Q(nilai_narasumber__isnull=True) | Q(nilai_narasumber__gte=1, nilai_narasumber__lte=5)),
                name="nilai_materi_1_5", violation_error_message=_("Nilai antara 1 dan 5."),
            ),
        ]

    def clean(self):
        if self.evaluasi_id and self.materi_id and self.materi.sesi_id != self.evaluasi.peserta.sesi_id:
            raise ValidationError({"materi": _("Materi ini bukan materi sesi peserta.")})


# --- Certificate batch -------------------------------------------------------------------------


class StatusCetak(models.TextChoices):
    ANTRI = "antri", _("Menunggu")
    BERJALAN = "berjalan", _("Sedang dibuat")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


class CetakSertifikatQuerySet(models.QuerySet):
    def milik(self, user):
        """The jobs ``user`` started (only they open them; the diklat's organisers start their own)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(pemilik=user)


class CetakSertifikat(models.Model):
    """Every issued certificate of a diklat rendered as one PDF (one page each), by the Celery task
    ``pelatihan.cetak_sertifikat`` (eager without a broker); ``selesai`` counts the pages drawn."""

    diklat = models.ForeignKey(Diklat, on_delete=models.CASCADE, related_name="cetak_set", verbose_name=_("diklat"))
    pemilik = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("dibuat oleh"))
    task_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=StatusCetak.choices, default=StatusCetak.ANTRI)
    jumlah = models.PositiveIntegerField(_("jumlah sertifikat"), default=0)
    selesai = models.PositiveIntegerField(_("sudah dibuat"), default=0)
    berkas = models.FileField(_("berkas"), upload_to="pelatihan/sertifikat/%Y/", blank=True)
    pesan = models.TextField(_("pesan"), blank=True)
    dibuat = models.DateTimeField(_("dimulai"), auto_now_add=True)
    rampung = models.DateTimeField(_("rampung"), null=True, blank=True)

    objects = CetakSertifikatQuerySet.as_manager()

    class Meta:
        verbose_name = _("cetak sertifikat")
        verbose_name_plural = _("cetak sertifikat")
        ordering = ["-dibuat"]

    def __str__(self):
        return _("Sertifikat %(diklat)s (%(status)s)") % {"diklat": self.diklat, "status": self.get_status_display()}

    @property
    def persen(self) -> int:
        return round(100 * self.selesai / self.jumlah) if self.jumlah else 0
