"""Lembaga Kemasyarakatan Kelurahan (LKK): institutions, their boards (pengurus), decrees and terms.

The Permendagri 18/2018 rules are data on ``JenisLembaga`` (Bappeda edits them in the admin,
because the city's Perwal may differ): term length, maximum terms per person in the same
lembaga, whether a post in another LKK at the same time is forbidden, whether the
no-party declaration is required. The rules themselves are enforced in ``services.py``
(they read several rows); what a single row must satisfy is in constraints and ``clean()``.

How a person is recognised across boards (``Pengurus.kunci_orang``): by NIK when it is
given; without a NIK, by the same normalised name *and* the same normalised phone number.
Without NIK and phone a person cannot be recognised, so the cross-board rules cannot apply.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wilayah.berkas import BerkasField, validasi_pdf_atau_gambar
from wilayah.nik import JenisKelamin, bersihkan_nik, periksa_nik
from wilayah.periode import tambah_tahun, tanggal_id
from wilayah.roles import BAPPEDA, CAMAT, KANTOR_WALI_KOTA, OPERATOR_KELURAHAN
from wilayah.scoping import CityWideQuerySet, ScopedQuerySet

HARI_PERINGATAN = 90  # a term ending within this many days is flagged


def akhir_masa_bakti(mulai: dt.date, tahun: int) -> dt.date:
    """A term of ``tahun`` years from ``mulai``: 1 Jan 2025 -> 31 Dec 2029, so the next term starts the day after."""
    return tambah_tahun(mulai, tahun) - dt.timedelta(days=1)


def usulkan_masa_bakti(lembaga: "Lembaga") -> None:
    """A decree starts a term: with an SK date and no term start, the term starts on the SK date, and without an
    end it ends after the type's term length (``JenisLembaga.masa_bakti_tahun``; ``akhir_masa_bakti``). A term the
    user typed is kept. Called by the one write door (``services.lembaga_simpan``: forms, imports, the admin);
    the form proposes the same dates as the user types (``static/js/lkk_masa_bakti.js``)."""
    if lembaga.tanggal_sk and not lembaga.masa_bakti_mulai:
        lembaga.masa_bakti_mulai = lembaga.tanggal_sk
    if lembaga.masa_bakti_mulai and not lembaga.masa_bakti_selesai and lembaga.jenis_id:
        lembaga.masa_bakti_selesai = akhir_masa_bakti(lembaga.masa_bakti_mulai, lembaga.jenis.masa_bakti_tahun)


def _sebut(teks: str, bagian: str) -> bool:
    """Whether ``teks`` names ``bagian`` already ("RW 01 Kebonsari Wetan" names "RW 01"; "rw 1" too): case,
    punctuation, spacing and leading zeros of numbers do not count."""
    def kata(t):
        return [k.lstrip("0") or "0" if k.isdigit() else k for k in normalkan_nama(t).split()]

    isi, cari = kata(teks), kata(bagian)
    return bool(cari) and any(isi[i : i + len(cari)] == cari for i in range(len(isi) - len(cari) + 1))


def normalkan_nama(nama: str) -> str:
    """'  H. Ahmad  Fauzi, S.Pd ' -> 'h ahmad fauzi s pd' (case, punctuation and spacing do not count)."""
    return " ".join(re.sub(r"[^\w]+", " ", (nama or "").lower()).split())


def normalkan_telepon(telepon: str) -> str:
    """'+62 812-3456-789' and '0812 3456 789' -> '08123456789'."""
    angka = re.sub(r"\D", "", telepon or "")
    if angka.startswith("62"):
        angka = "0" + angka[2:]
    return angka


def hari_ini() -> dt.date:
    return timezone.localdate()


class JenisLembagaQuerySet(CityWideQuerySet):
    """The managed list of types: city-wide reference rows (readable with any scope, not region-bound)."""


class JenisLembaga(models.Model):
    class Tingkat(models.TextChoices):
        KELURAHAN = "kelurahan", _("Kelurahan")
        RW = "rw", _("RW")
        RT = "rt", _("RT")

    kode = models.SlugField(_("kode"), max_length=30, unique=True)
    nama = models.CharField(_("nama"), max_length=100, unique=True)
    singkatan = models.CharField(_("singkatan"), max_length=30, blank=True)
    tingkat = models.CharField(
        _("tingkat"), max_length=10, choices=Tingkat.choices, default=Tingkat.KELURAHAN,
        help_text=_("Lembaga jenis ini milik kelurahan, satu RW, atau satu RT."),
    )
    satu_per_wilayah = models.BooleanField(
        _("hanya satu per wilayah"), default=False,
        help_text=_("Misalnya satu lembaga RW per RW, satu LPM per kelurahan. Posyandu dan Pokmas boleh lebih dari satu."),
    )
    masa_bakti_tahun = models.PositiveSmallIntegerField(_("masa bakti (tahun)"), default=5)
    maks_periode = models.PositiveSmallIntegerField(
        _("paling banyak periode per orang"), default=2, help_text=_("Di lembaga yang sama, berturut-turut atau tidak. 0: tanpa batas.")
    )
    larang_rangkap = models.BooleanField(_("dilarang merangkap jabatan di LKK lain"), default=True)
    wajib_pernyataan_nonpartai = models.BooleanField(_("wajib pernyataan bukan anggota partai politik"), default=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=100)

    objects = JenisLembagaQuerySet.as_manager()
    history = HistoricalRecords()
    role_actions = {
        OPERATOR_KELURAHAN: {"view"},
        CAMAT: {"view"},
        BAPPEDA: {"view", "add", "change", "delete"},
        KANTOR_WALI_KOTA: {"view"},
    }

    class Meta:
        verbose_name = _("jenis lembaga")
        verbose_name_plural = _("jenis lembaga")
        ordering = ["urutan", "nama"]
        constraints = [
            models.CheckConstraint(condition=Q(masa_bakti_tahun__gte=1), name="lkk_jenis_masa_bakti_positif"),
        ]

    def __str__(self):
        return self.singkatan or self.nama

    def clean(self):
        # Turning "one per region" on must not contradict institutions already recorded.
        if self.pk and self.satu_per_wilayah:
            ganda = (
                Lembaga.objects.filter(jenis=self, status=Status.AKTIF)
                .order_by()
                .values("kelurahan__nama", "rw__nomor", "rt__nomor")
                .annotate(n=models.Count("id"))
                .filter(n__gt=1)
                .order_by("-n")
                .first()
            )
            if ganda is not None:
                tempat = ganda["kelurahan__nama"]
                if ganda["rw__nomor"]:
                    tempat += f" RW {ganda['rw__nomor']:02d}"
                if ganda["rt__nomor"]:
                    tempat += f" RT {ganda['rt__nomor']:02d}"
                raise ValidationError({"satu_per_wilayah": _(
                    "Sudah ada %(n)s lembaga aktif jenis ini di %(tempat)s; nonaktifkan yang lebih dulu."
                ) % {"n": ganda["n"], "tempat": tempat}})



class Status(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    TIDAK_AKTIF = "tidak_aktif", _("Tidak aktif")


class LembagaQuerySet(ScopedQuerySet):
    def aktif(self):
        return self.filter(status=Status.AKTIF)

    def sk_berlaku(self, pada: dt.date | None = None):
        return self.filter(sk_berlaku_q(pada or hari_ini()))

    def perlu_perhatian(self, pada: dt.date | None = None):
        """Active lembaga whose term has ended or ends within 90 days (or has no term recorded)."""
        pada = pada or hari_ini()
        batas = pada + dt.timedelta(days=HARI_PERINGATAN)
        return self.aktif().filter(Q(masa_bakti_selesai__isnull=True) | Q(masa_bakti_selesai__lte=batas))


def sk_berlaku_q(pada: dt.date, prefix: str = "") -> Q:
    """An SK is valid on ``pada`` when it has a number and date and the term has started and not ended."""
    p = prefix
    return (
        Q(**{f"{p}status": Status.AKTIF})
        & ~Q(**{f"{p}nomor_sk": ""})
        & Q(**{f"{p}tanggal_sk__isnull": False, f"{p}masa_bakti_mulai__lte": pada, f"{p}masa_bakti_selesai__gte": pada})
    )


def validasi_berkas_sk(berkas):
    """Named by migration 0001; the field's check is now ``BerkasField(terima="pdf_atau_gambar")``."""
    validasi_pdf_atau_gambar(berkas)


class Lembaga(models.Model):
    jenis = models.ForeignKey(JenisLembaga, on_delete=models.PROTECT, related_name="lembaga_set", verbose_name=_("jenis"))
    nama = models.CharField(_("nama lembaga"), max_length=150)
    kelurahan = models.ForeignKey("wilayah.Kelurahan", on_delete=models.PROTECT, related_name="lkk_set", verbose_name=_("kelurahan"))
    rw = models.ForeignKey("wilayah.RW", on_delete=models.PROTECT, null=True, blank=True, related_name="lkk_set", verbose_name=_("RW"))
    rt = models.ForeignKey("wilayah.RT", on_delete=models.PROTECT, null=True, blank=True, related_name="lkk_set", verbose_name=_("RT"))
    alamat = models.CharField(_("alamat sekretariat"), max_length=200, blank=True)
    tanggal_berdiri = models.DateField(_("tanggal berdiri"), null=True, blank=True)
    nomor_sk = models.CharField(_("nomor SK pembentukan/pengukuhan"), max_length=100, blank=True)
    tanggal_sk = models.DateField(_("tanggal SK"), null=True, blank=True)
    berkas_sk = BerkasField(
        _("pindaian SK (PDF atau gambar)"), upload_to="lkk/sk/%Y/", blank=True, terima="pdf_atau_gambar",
        help_text=_("PDF, JPEG, PNG atau WEBP, paling besar 5 MB."),
    )
    masa_bakti_mulai = models.DateField(_("awal masa bakti"), null=True, blank=True)
    masa_bakti_selesai = models.DateField(
        _("akhir masa bakti"), null=True, blank=True, help_text=_("Kosongkan untuk memakai masa bakti bawaan jenis lembaga.")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.AKTIF)
    kontak_nama = models.CharField(_("nama kontak"), max_length=100, blank=True)
    kontak_telepon = models.CharField(_("telepon kontak"), max_length=20, blank=True)
    kontak_email = models.EmailField(_("surel kontak"), blank=True)
    # Copied from the type on save, so a database constraint can hold "one per RT/RW/kelurahan".
    satu_per_wilayah = models.BooleanField(default=False, editable=False)

    objects = LembagaQuerySet.as_manager()
    history = HistoricalRecords()
    scope_kelurahan_lookup = "kelurahan"
    list_url_name = "lkk:lembaga-list"

    class Meta:
        verbose_name = _("lembaga")
        verbose_name_plural = _("lembaga")
        ordering = ["kelurahan__kode", "jenis__urutan", "rw__nomor", "rt__nomor", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(masa_bakti_mulai__isnull=True) | Q(masa_bakti_selesai__isnull=True) | Q(masa_bakti_selesai__gt=F("masa_bakti_mulai")),
                name="lkk_lembaga_masa_bakti_urut",
                violation_error_message=_("Akhir masa bakti harus sesudah awal masa bakti."),
            ),
            models.CheckConstraint(
                condition=Q(rt__isnull=True) | Q(rw__isnull=False), name="lkk_lembaga_rt_perlu_rw",
                violation_error_message=_("Lembaga tingkat RT harus menyebut RW-nya juga."),
            ),
            models.UniqueConstraint(
                fields=["jenis", "rt"], condition=Q(satu_per_wilayah=True, status="aktif", rt__isnull=False),
                name="lkk_lembaga_satu_per_rt", violation_error_message=_("RT ini sudah mempunyai lembaga jenis ini."),
            ),
            models.UniqueConstraint(
                fields=["jenis", "rw"], condition=Q(satu_per_wilayah=True, status="aktif", rt__isnull=True, rw__isnull=False),
                name="lkk_lembaga_satu_per_rw", violation_error_message=_("RW ini sudah mempunyai lembaga jenis ini."),
            ),
            models.UniqueConstraint(
                fields=["jenis", "kelurahan"], condition=Q(satu_per_wilayah=True, status="aktif", rw__isnull=True),
                name="lkk_lembaga_satu_per_kelurahan", violation_error_message=_("Kelurahan ini sudah mempunyai lembaga jenis ini."),
            ),
        ]
        indexes = [
            models.Index(fields=["kelurahan", "jenis"]),
            models.Index(fields=["masa_bakti_selesai"]),
            # /lkk/masa-bakti/: active lembaga by end of term, pk last (a unique order); the page's keys and
            # its count read this index alone (an index-only scan), whatever the page.
            models.Index(fields=["masa_bakti_selesai", "id"], condition=Q(status="aktif"), name="lkk_lembaga_perhatian_idx"),
            # /lkk/pengurus/ (kelurahan code, lembaga name, ...): a kelurahan's lembaga by name, read index-only.
            models.Index(fields=["kelurahan", "nama", "id"], name="lkk_lembaga_kel_nama_idx"),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("lkk:lembaga-detail", kwargs={"pk": self.pk})

    @property
    def wilayah_label(self) -> str:
        if self.rt_id:
            return f"RT {self.rt.nomor:02d}/RW {self.rw.nomor:02d}"
        if self.rw_id:
            return f"RW {self.rw.nomor:02d}"
        return ""

    @property
    def nama_berwilayah(self) -> str:
        """The name with its RW/RT when the name does not say it already: "Posyandu Melati (RW 02)", but
        "RW 01 Kebonsari Wetan", not "RW 01 Kebonsari Wetan (RW 01)" (the printed list, refusals)."""
        label = self.wilayah_label
        if not label or _sebut(self.nama, label):
            return self.nama
        return f"{self.nama} ({label})"

    @property
    def nama_berjenis(self) -> str:
        """The name with its type when the name does not say it already: "LPM Kebonsari Wetan", "Posyandu
        Melati" for a Posyandu named "Melati" (headings: "Ubah lembaga ...", "Tambah pengurus ...")."""
        jenis = str(self.jenis) if self.jenis_id else ""
        if not jenis or _sebut(self.nama, jenis) or (self.jenis.nama and _sebut(self.nama, self.jenis.nama)):
            return self.nama
        return f"{jenis} {self.nama}"

    def clean(self):
        errors = {}
        jenis = self.jenis if self.jenis_id else None
        if self.rt_id and self.rw_id is None:
            self.rw = self.rt.rw
        if jenis is not None:
            self.satu_per_wilayah = jenis.satu_per_wilayah
            if jenis.tingkat == JenisLembaga.Tingkat.RW and not self.rw_id:
                errors["rw"] = _("Lembaga %(jenis)s harus memilih RW.") % {"jenis": jenis}
            if jenis.tingkat == JenisLembaga.Tingkat.RT and not self.rt_id:
                errors["rt"] = _("Lembaga %(jenis)s harus memilih RT.") % {"jenis": jenis}
            if jenis.tingkat == JenisLembaga.Tingkat.KELURAHAN and (self.rw_id or self.rt_id) and jenis.satu_per_wilayah:
                errors["rw"] = _("Lembaga %(jenis)s milik kelurahan, bukan milik satu RW/RT.") % {"jenis": jenis}
            if jenis.tingkat == JenisLembaga.Tingkat.RW and self.rt_id:
                errors["rt"] = _("Lembaga %(jenis)s milik RW; kosongkan RT.") % {"jenis": jenis}
        if self.rw_id and self.kelurahan_id and self.rw.kelurahan_id != self.kelurahan_id:
            errors["rw"] = _("%(rw)s bukan bagian dari kelurahan yang dipilih.") % {"rw": self.rw}
        if self.rt_id and self.rw_id and self.rt.rw_id != self.rw_id:
            errors["rt"] = _("RT yang dipilih bukan bagian dari RW yang dipilih.")
        if self.masa_bakti_mulai and self.masa_bakti_selesai is None and jenis is not None:
            self.masa_bakti_selesai = akhir_masa_bakti(self.masa_bakti_mulai, jenis.masa_bakti_tahun)
        if self.masa_bakti_selesai and not self.masa_bakti_mulai:
            errors["masa_bakti_mulai"] = _("Isi awal masa bakti.")
        if self.masa_bakti_mulai and self.masa_bakti_selesai and self.masa_bakti_selesai <= self.masa_bakti_mulai:
            errors["masa_bakti_selesai"] = _("Akhir masa bakti (%(akhir)s) harus sesudah awal masa bakti (%(awal)s).") % {
                "akhir": tanggal_id(self.masa_bakti_selesai), "awal": tanggal_id(self.masa_bakti_mulai),
            }
        if self.nomor_sk and not self.tanggal_sk:
            errors["tanggal_sk"] = _("Isi tanggal SK.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.jenis_id:
            self.satu_per_wilayah = self.jenis.satu_per_wilayah
        super().save(*args, **kwargs)

    # Flags -----------------------------------------------------------------
    def sk_berlaku_pada(self, pada: dt.date | None = None) -> bool:
        pada = pada or hari_ini()
        return bool(
            self.status == Status.AKTIF and self.nomor_sk and self.tanggal_sk
            and self.masa_bakti_mulai and self.masa_bakti_selesai
            and self.masa_bakti_mulai <= pada <= self.masa_bakti_selesai
        )

    def tanda_masa_bakti(self, pada: dt.date | None = None) -> str:
        """'habis', 'segera' (within 90 days), 'tanpa' (no term recorded) or ''."""
        pada = pada or hari_ini()
        if self.status != Status.AKTIF:
            return ""
        if not self.masa_bakti_selesai:
            return "tanpa"
        if self.masa_bakti_selesai < pada:
            return "habis"
        if self.masa_bakti_selesai <= pada + dt.timedelta(days=HARI_PERINGATAN):
            return "segera"
        return ""


class Jabatan(models.TextChoices):
    KETUA = "ketua", _("Ketua")
    WAKIL_KETUA = "wakil_ketua", _("Wakil Ketua")
    SEKRETARIS = "sekretaris", _("Sekretaris")
    BENDAHARA = "bendahara", _("Bendahara")
    SEKSI = "seksi", _("Seksi/Bidang")
    ANGGOTA = "anggota", _("Anggota")


URUTAN_JABATAN = {j.value: i for i, j in enumerate(Jabatan)}


class PengurusQuerySet(ScopedQuerySet):
    def menjabat_pada(self, pada: dt.date | None = None):
        pada = pada or hari_ini()
        return self.filter(masa_mulai__lte=pada, akhir_efektif__gte=pada)

    def tumpang_tindih(self, mulai: dt.date, akhir: dt.date):
        """Appointments whose period shares at least one day with [mulai, akhir]."""
        return self.filter(masa_mulai__lte=akhir, akhir_efektif__gte=mulai)


class Pengurus(models.Model):
    lembaga = models.ForeignKey(Lembaga, on_delete=models.PROTECT, related_name="pengurus_set", verbose_name=_("lembaga"))
    nama = models.CharField(_("nama"), max_length=100)
    nik = models.CharField(_("NIK"), max_length=16, blank=True, help_text=_("Boleh dikosongkan; bila diisi harus 16 angka yang sah."))
    nik_luar_wilayah = models.BooleanField(
        _("NIK dari luar wilayah sudah diperiksa"),
        default=False,
        help_text=_("Dicentang operator bila 6 angka pertama NIK bukan kode kecamatan di wilayah ini (misalnya pendatang)."),
    )
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices, blank=True)
    tanggal_lahir = models.DateField(_("tanggal lahir"), null=True, blank=True)
    telepon = models.CharField(_("telepon"), max_length=20, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=12, choices=Jabatan.choices)
    nama_seksi = models.CharField(_("nama seksi/bidang"), max_length=100, blank=True)
    nomor_sk_pengangkatan = models.CharField(_("nomor SK pengangkatan"), max_length=100, blank=True)
    tanggal_sk_pengangkatan = models.DateField(_("tanggal SK pengangkatan"), null=True, blank=True)
    masa_mulai = models.DateField(_("awal masa jabatan"))
    masa_selesai = models.DateField(_("akhir masa jabatan"), blank=True, help_text=_("Kosongkan: masa bakti bawaan jenis lembaga (5 tahun)."))
    nomor_sk_pemberhentian = models.CharField(_("nomor SK pemberhentian"), max_length=100, blank=True)
    tanggal_sk_pemberhentian = models.DateField(_("tanggal berhenti (SK pemberhentian)"), null=True, blank=True)
    pernyataan_nonpartai = models.BooleanField(_("menyatakan bukan anggota partai politik"), default=False)
    tanggal_pernyataan = models.DateField(_("tanggal surat pernyataan"), null=True, blank=True)
    # Derived on save (see the module docstring).
    akhir_efektif = models.DateField(editable=False)
    kunci_nama_telepon = models.CharField(max_length=140, blank=True, editable=False, db_index=True)
    # At most one ketua per lembaga is the current one (the others are past boards): a DB constraint.
    riwayat = models.BooleanField(default=False, editable=False)

    objects = PengurusQuerySet.as_manager()
    history = HistoricalRecords()
    scope_kelurahan_lookup = "lembaga__kelurahan"
    list_url_name = "lkk:pengurus-list"

    class Meta:
        verbose_name = _("pengurus")
        verbose_name_plural = _("pengurus")
        ordering = ["lembaga_id", "-masa_mulai", "jabatan", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(masa_selesai__gt=F("masa_mulai")), name="lkk_pengurus_masa_urut",
                violation_error_message=_("Akhir masa jabatan harus sesudah awal masa jabatan."),
            ),
            models.CheckConstraint(
                condition=Q(tanggal_sk_pemberhentian__isnull=True) | Q(tanggal_sk_pemberhentian__gte=F("masa_mulai")),
                name="lkk_pengurus_berhenti_sesudah_mulai",
                violation_error_message=_("Tanggal berhenti tidak boleh sebelum awal masa jabatan."),
            ),
            models.CheckConstraint(
                condition=Q(nik="") | Q(nik__regex=r"^[0-9]{16}$"), name="lkk_pengurus_nik_16_angka",
                violation_error_message=_("NIK harus terdiri dari 16 angka."),
            ),
            models.UniqueConstraint(
                fields=["lembaga"], condition=Q(jabatan="ketua", riwayat=False), name="lkk_pengurus_satu_ketua",
                violation_error_message=_("Lembaga ini sudah mempunyai ketua."),
            ),
        ]
        indexes = [
            models.Index(fields=["nik"]),
            models.Index(fields=["lembaga", "akhir_efektif"]),
            # /lkk/pengurus/'s order inside a lembaga (-masa_mulai, nama, pk), read index-only: a deep page's keys
            # come from a walk kelurahan (by code) -> lembaga -> pengurus in order, no sort of every row on disk.
            models.Index(fields=["lembaga", "-masa_mulai", "nama", "id"], name="lkk_pengurus_urutan_idx"),
        ]

    def __str__(self):
        return f"{self.nama} ({self.jabatan_label})"

    def get_absolute_url(self):
        return reverse("lkk:pengurus-detail", kwargs={"pk": self.pk})

    @property
    def jabatan_label(self) -> str:
        if self.jabatan == Jabatan.SEKSI and self.nama_seksi:
            return f"Seksi {self.nama_seksi}"
        if self.jabatan in Jabatan.values:  # one label translated (get_jabatan_display translates every choice)
            return str(Jabatan(self.jabatan).label)
        return self.get_jabatan_display()

    def hitung_turunan(self):
        self.nik = bersihkan_nik(self.nik)
        if self.masa_mulai and not self.masa_selesai and self.lembaga_id:
            self.masa_selesai = akhir_masa_bakti(self.masa_mulai, self.lembaga.jenis.masa_bakti_tahun)
        self.akhir_efektif = min(filter(None, [self.masa_selesai, self.tanggal_sk_pemberhentian]), default=self.masa_selesai)
        telepon = normalkan_telepon(self.telepon)
        self.kunci_nama_telepon = f"{normalkan_nama(self.nama)}|{telepon}" if telepon else ""

    def menjabat_pada(self, pada: dt.date | None = None) -> bool:
        pada = pada or hari_ini()
        return self.masa_mulai <= pada <= self.akhir_efektif

    def clean(self):
        errors = {}
        if self.masa_mulai and self.masa_selesai and self.masa_selesai <= self.masa_mulai:
            errors["masa_selesai"] = _("Akhir masa jabatan harus sesudah awal masa jabatan.")
        if self.tanggal_sk_pemberhentian and self.masa_mulai and self.tanggal_sk_pemberhentian < self.masa_mulai:
            errors["tanggal_sk_pemberhentian"] = _("Tanggal berhenti tidak boleh sebelum awal masa jabatan.")
        if self.tanggal_sk_pemberhentian and not self.nomor_sk_pemberhentian:
            errors["nomor_sk_pemberhentian"] = _("Isi nomor SK pemberhentian.")
        if self.nomor_sk_pemberhentian and not self.tanggal_sk_pemberhentian:
            errors["tanggal_sk_pemberhentian"] = _("Isi tanggal SK pemberhentian.")
        if self.jabatan == Jabatan.SEKSI and not self.nama_seksi:
            errors["nama_seksi"] = _("Sebutkan nama seksi/bidang.")
        if self.nomor_sk_pengangkatan and not self.tanggal_sk_pengangkatan:
            errors["tanggal_sk_pengangkatan"] = _("Isi tanggal SK pengangkatan.")
        if self.nik:
            self.nik = bersihkan_nik(self.nik)
            try:
                periksa_nik(self.nik, tanggal_lahir=self.tanggal_lahir, jenis_kelamin=self.jenis_kelamin or None, luar_wilayah_dikonfirmasi=self.nik_luar_wilayah)
            except ValidationError as exc:
                errors.update(exc.message_dict)
        if self.lembaga_id and self.lembaga.jenis.wajib_pernyataan_nonpartai:
            if not self.pernyataan_nonpartai:
                errors["pernyataan_nonpartai"] = _(
                    "Pengurus %(jenis)s wajib menyatakan bukan anggota partai politik saat diangkat (Permendagri 18/2018)."
                ) % {"jenis": self.lembaga.jenis}
            elif not self.tanggal_pernyataan:
                errors["tanggal_pernyataan"] = _("Isi tanggal surat pernyataan bukan anggota partai politik.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.hitung_turunan()
        super().save(*args, **kwargs)
