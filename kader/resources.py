"""Excel import and export of cadres.

Import (through ``wilayah.impor.ImporExcelView``): new cadres only (a NIK already active is a
row error, never an overwrite). Everything a row is checked against (kecamatan codes, the
user's kelurahan and their RWs, fields of work, the active NIKs) is loaded once in
``before_import``, so 10,000 rows run a fixed number of queries; rows are written with
``bulk_create`` (and their history rows) in batches.

NIK from outside the region tree: the row needs ``konfirmasi_nik_luar_wilayah`` = "ya",
else it is a row error (the form's checkbox, in a column).

Cells are read by ``wilayah.sel`` (the readers every import shares). The columns are declared once
(``KOLOM``, ``wilayah.templat.Kolom``): key, human header, kind, example; the template, the header
translation and the export follow from it.

Export: the filtered list, NIK in full or masked by ``wilayah.nik.boleh_lihat_nik_penuh``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources

from wilayah.models import RW, AksesNIK, Kelurahan
from wilayah.nik import BatasNikImporMixin, JenisKelamin, catat_akses_nik, kode_nik_kecamatan, nik_dalam_berkas, nik_untuk
from wilayah.sel import (
    Pilihan,
    SelTidakSah,
    baca_jenis_kelamin,
    baca_nik,
    baca_nomor,
    baca_tanggal,
    baca_telepon,
    baca_teks,
    baca_ya_tidak,
)
from wilayah.templat import (
    ANGKA,
    PENGENAL,
    PILIHAN,
    TANGGAL,
    TELEPON,
    YA_TIDAK,
    Kolom,
    KolomImporMixin,
    LembarEkspor,
    label_pilihan,
    pilihan_nama_kelurahan,
)

from . import services
from .aturan import periksa_kader
from .models import BidangKerja, Kader, Pendidikan, PeranKPM, StatusKader, peran_ke_teks

KOLOM = (
    Kolom("nik", gettext_lazy("NIK"), wajib=True, jenis=PENGENAL, petunjuk=gettext_lazy("16 digit, sesuai KTP atau KK."), contoh="3574046505900001"),
    Kolom("nama", gettext_lazy("Nama"), wajib=True, petunjuk=gettext_lazy("Nama lengkap sesuai KTP."), contoh="Siti Aminah"),
    Kolom("jenis_kelamin", gettext_lazy("Jenis kelamin"), wajib=True, jenis=PILIHAN, pilihan=("L", "P"),
          petunjuk=gettext_lazy("L = laki-laki, P = perempuan."), contoh="P"),
    Kolom("tempat_lahir", gettext_lazy("Tempat lahir"), wajib=True, contoh="Probolinggo"),
    Kolom("tanggal_lahir", gettext_lazy("Tanggal lahir"), wajib=True, jenis=TANGGAL, petunjuk=gettext_lazy("Harus cocok dengan NIK."), contoh="25/05/1990"),
    Kolom("alamat", gettext_lazy("Alamat"), wajib=True, contoh="Jl. Suroyo No. 10"),
    Kolom("kelurahan", gettext_lazy("Kelurahan"), wajib=True, jenis=PILIHAN, pilihan=pilihan_nama_kelurahan,
          petunjuk=gettext_lazy("Nama kelurahan atau kode Kemendagri (35.74.04.1004), di wilayah kerja Anda."), contoh="35.74.04.1004"),
    Kolom("nomor_rw", gettext_lazy("RW"), jenis=ANGKA, petunjuk=gettext_lazy("Nomor RW (1, 01 atau RW 01) yang sudah tercatat di kelurahan itu."), contoh=1),
    Kolom("telepon", gettext_lazy("Nomor telepon"), jenis=TELEPON, contoh="081234567890"),
    Kolom("pendidikan", gettext_lazy("Pendidikan terakhir"), jenis=PILIHAN, pilihan=Pendidikan, contoh="SMA"),
    Kolom("pekerjaan", gettext_lazy("Pekerjaan"), contoh="Wiraswasta"),
    Kolom("bidang_kerja", gettext_lazy("Bidang kerja"), jenis=PILIHAN, banyak=True,
          pilihan=lambda user: list(BidangKerja.objects.filter(aktif=True).values_list("nama", flat=True)), contoh="Ekonomi, Kesehatan"),
    Kolom("peran", gettext_lazy("Peran"), jenis=PILIHAN, banyak=True, pilihan=PeranKPM, contoh="Penggerak, Perencana"),
    Kolom("tanggal_mulai", gettext_lazy("Tanggal mulai"), wajib=True, jenis=TANGGAL,
          petunjuk=gettext_lazy("Mulai menjadi KPM; tidak boleh di masa depan."), contoh="02/01/2024"),
    Kolom("nomor_sk", gettext_lazy("Nomor SK"), jenis=PENGENAL, contoh="188/12/425.304.1/2024"),
    Kolom("tanggal_sk", gettext_lazy("Tanggal SK"), jenis=TANGGAL, contoh="02/01/2024"),
    Kolom("konfirmasi_nik_luar_wilayah", gettext_lazy("Konfirmasi NIK luar wilayah"), jenis=YA_TIDAK,
          petunjuk=gettext_lazy("Isi ya hanya bila NIK memang dari luar Kota Probolinggo dan sudah Anda periksa; selain itu kosongkan."), contoh=""),
)  # fmt: skip
# The model attribute of a column whose key differs from it.
ATRIBUT = {"nomor_rw": "rw", "konfirmasi_nik_luar_wilayah": "nik_luar_wilayah"}
WAJIB = tuple(k.kunci for k in KOLOM if k.wajib)
# The export: the import's columns (no confirmation) and the state of the cadre.
KOLOM_EKSPOR = tuple(k for k in KOLOM if k.kunci != "konfirmasi_nik_luar_wilayah") + (
    Kolom("status", gettext_lazy("Status"), jenis=PILIHAN, pilihan=StatusKader),
    Kolom("alasan_nonaktif", gettext_lazy("Alasan nonaktif")),
    Kolom("tanggal_nonaktif", gettext_lazy("Tanggal nonaktif"), jenis=TANGGAL),
)


class KaderResource(KolomImporMixin, BatasNikImporMixin, resources.ModelResource):
    nama_lembar = gettext_lazy("Data KPM")
    kolom_impor = KOLOM

    class Meta:
        model = Kader
        fields = tuple(k.kunci for k in KOLOM)
        import_id_fields = ()
        force_init_instance = True  # import only adds cadres; no per-row lookup of an existing one
        use_bulk = True
        batch_size = 1000
        skip_diff = True
        skip_html_diff = True
        report_skipped = False
        clean_model_instances = False  # periksa_kader checks each row against data loaded once

    def __init__(self, *, user, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        for k in KOLOM:
            self.fields[k.kunci] = fields.Field(attribute=ATRIBUT.get(k.kunci, k.kunci), column_name=k.kunci)
        self._siap = False

    def get_import_fields(self):
        return [self.fields[k.kunci] for k in KOLOM]

    # --- loading once ---

    def _muat(self, dataset=None):
        kelurahan = list(Kelurahan.objects.for_user(self.user).only("pk", "kode", "nama"))
        self._kelurahan = {}
        for k in kelurahan:
            self._kelurahan[k.kode] = k.pk
            self._kelurahan[k.nama.lower()] = k.pk
        self._rw = {
            (kel, nomor): pk
            for pk, kel, nomor in RW.objects.filter(kelurahan__in=[k.pk for k in kelurahan]).values_list("pk", "kelurahan_id", "nomor")
        }
        self._bidang = {nama.lower(): pk for pk, nama in BidangKerja.objects.filter(aktif=True).values_list("pk", "nama")}
        self._kode_kecamatan = kode_nik_kecamatan()
        self._nik_aktif: dict[str, Kader] = {}
        self._nik_bentrok: list[Kader] = []
        if dataset is not None:
            # Each lookup tells whether a NIK is an active cadre's anywhere in the city: counted per user
            # per day before any row (``BatasNikImporMixin``).
            niks = nik_dalam_berkas(dataset)
            for i in range(0, len(niks), 900):
                self._nik_aktif.update({k.nik: k for k in Kader.objects.aktif().filter(nik__in=niks[i : i + 900]).only("pk", "nik", "nama")})
        self._nik_berkas: dict[str, int] = {}
        self._bidang_baru: dict[int, list[int]] = {}
        self._pendidikan = Pilihan(Pendidikan, sinonim={"smk": "sma", "d1": "diploma", "d2": "diploma", "d3": "diploma", "d4": "s1"})
        self._peran = Pilihan(PeranKPM)
        # The cells read by a wilayah.sel reader; a refusal is that column's error.
        self._pembaca = (
            ("telepon", baca_telepon),
            ("jenis_kelamin", baca_jenis_kelamin),
            ("tanggal_lahir", baca_tanggal),
            ("tanggal_mulai", baca_tanggal),
            ("tanggal_sk", baca_tanggal),
            ("nomor_rw", baca_nomor),
            ("pendidikan", self._pendidikan.baca),
            ("konfirmasi_nik_luar_wilayah", baca_ya_tidak),
        )
        self._hari_ini = timezone.localdate()
        self._siap = True

    def before_import(self, dataset, **kwargs):
        self._muat(dataset)

    def after_import(self, dataset, result, **kwargs):
        # The active cadres whose NIK a row of this file hit (one query for all; kept after a preview's rollback).
        catat_akses_nik(self.user, AksesNIK.Jenis.BENTROK, getattr(self, "_nik_bentrok", []), keterangan=_("Impor KPM: NIK ini sudah terdaftar pada KPM aktif lain."))

    # --- one row ---

    def before_import_row(self, row, **kwargs):
        if not self._siap:
            self._muat()
        nomor_baris = kwargs.get("row_number", 0) + 1
        e: dict[str, list[str]] = {}

        def galat(kolom, pesan):
            e.setdefault(kolom, []).append(pesan)

        d = {}
        wajib = {kolom: baca_teks(row.get(kolom)) for kolom in WAJIB}
        for kolom, isi in wajib.items():
            if not isi:
                galat(kolom, _("Wajib diisi."))
        sel = {}
        for kolom, pembaca in self._pembaca:
            try:
                sel[kolom] = pembaca(row.get(kolom))
            except SelTidakSah as exc:
                sel[kolom] = None
                galat(kolom, str(exc))
        nik = baca_nik(wajib["nik"])
        d["nik"] = nik
        d["nama"] = wajib["nama"][:100]
        d["tempat_lahir"] = wajib["tempat_lahir"][:60]
        d["alamat"] = wajib["alamat"][:200]
        d["telepon"] = sel["telepon"] or ""
        d["pekerjaan"] = baca_teks(row.get("pekerjaan"))[:80]
        d["nomor_sk"] = baca_teks(row.get("nomor_sk"))[:80]
        d["jenis_kelamin"] = sel["jenis_kelamin"] or None
        d["pendidikan"] = sel["pendidikan"] or ""
        d["nik_luar_wilayah"] = bool(sel["konfirmasi_nik_luar_wilayah"])
        for kolom in ("tanggal_lahir", "tanggal_mulai", "tanggal_sk"):
            d[kolom] = sel[kolom]
        if d["tanggal_mulai"] and d["tanggal_mulai"] > self._hari_ini:
            galat("tanggal_mulai", _("Tanggal mulai tidak boleh di masa depan."))

        kel_teks = wajib["kelurahan"]
        kelurahan_id = self._kelurahan.get(kel_teks) or self._kelurahan.get(kel_teks.lower())
        if kel_teks and kelurahan_id is None:
            galat("kelurahan", _("Kelurahan %(k)s tidak ada atau di luar wilayah Anda.") % {"k": kel_teks})
        d["kelurahan_id"] = kelurahan_id

        nomor_rw = sel["nomor_rw"]
        d["rw_id"] = None
        if nomor_rw is not None and kelurahan_id is not None:
            d["rw_id"] = self._rw.get((kelurahan_id, nomor_rw))
            if d["rw_id"] is None:
                galat("nomor_rw", _("RW %(rw)s tidak tercatat di kelurahan ini.") % {"rw": baca_teks(row.get("nomor_rw"))})

        bidang = []
        for nama in filter(None, (b.strip().lower() for b in baca_teks(row.get("bidang_kerja")).split(","))):
            if nama in self._bidang:
                bidang.append(self._bidang[nama])
            else:
                galat("bidang_kerja", _("Bidang kerja tidak dikenal: %(b)s.") % {"b": nama})
        d["bidang"] = bidang

        peran = []
        for nama in filter(None, (p.strip() for p in baca_teks(row.get("peran")).split(","))):
            try:
                peran.append(self._peran.baca(nama))
            except SelTidakSah as exc:
                galat("peran", str(exc))
        d["peran"] = peran_ke_teks(peran)

        if nik:
            try:
                periksa_kader(
                    nik=nik,
                    tanggal_lahir=d["tanggal_lahir"],
                    jenis_kelamin=d["jenis_kelamin"],
                    kelurahan_id=kelurahan_id,
                    rw_kelurahan_id=None,
                    nik_luar_wilayah=d["nik_luar_wilayah"],
                    kode_kecamatan=self._kode_kecamatan,
                    tanggal_mulai=d["tanggal_mulai"],
                    hari_ini=self._hari_ini,
                )
            except ValidationError as exc:
                for field, pesan in exc.message_dict.items():
                    kolom = "konfirmasi_nik_luar_wilayah" if field == "nik_luar_wilayah" else field
                    for p in pesan:
                        if field == "nik_luar_wilayah":
                            p = _("%(pesan)s Di Excel: isi kolom konfirmasi_nik_luar_wilayah dengan \"ya\".") % {"pesan": p.split(" Periksa")[0]}
                        galat(kolom, p)
            if nik in self._nik_aktif:
                galat("nik", _("NIK ini sudah terdaftar pada KPM aktif lain."))
                self._nik_bentrok.append(self._nik_aktif[nik])
            elif nik in self._nik_berkas:
                galat("nik", _("NIK sama dengan baris %(n)s di berkas ini.") % {"n": self._nik_berkas[nik]})
            else:
                self._nik_berkas[nik] = nomor_baris
        if e:
            raise ValidationError(e)
        row["_kader"] = d

    def import_instance(self, instance, row, **kwargs):
        d = row["_kader"]
        for key, value in d.items():
            if key != "bidang":
                setattr(instance, key, value)
        instance.status = StatusKader.AKTIF
        if d["bidang"]:
            self._bidang_baru[id(instance)] = d["bidang"]

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """Write a batch through ``services.kader_tambah_massal`` (the door for many new cadres). The
        preview (dry run) writes nothing: every rule, the active-NIK uniqueness included, was checked
        against data loaded once, and the confirm runs in one transaction that a database refusal
        rolls back whole."""
        if dry_run:
            for obj in self.create_instances:
                self._bidang_baru.pop(id(obj), None)
            self.create_instances.clear()
            return
        if not self.create_instances:
            return
        objs = list(self.create_instances)
        self.create_instances.clear()
        try:
            services.kader_tambah_massal(acting_user=self.user, kader_list=objs, bidang_kerja=[self._bidang_baru.pop(id(o), []) for o in objs])
        except Exception as exc:  # a constraint the checks above missed (a race): nothing is kept
            self.handle_import_error(result, exc, raise_errors)

    def get_queryset(self):
        return Kader.objects.for_user(self.user)


def ekspor_kader(queryset, *, user) -> LembarEkspor:
    """The (filtered) list as a sheet with the import's columns plus status (``KOLOM_EKSPOR``), in the import's
    human headers so it goes back in: dates as date cells, NIK (as the user may see it) and phone as text."""
    data = LembarEkspor(str(KaderResource.nama_lembar), KOLOM_EKSPOR)
    jenis = dict(JenisKelamin.choices)
    for k in queryset.select_related("kelurahan", "rw").prefetch_related("bidang_kerja").iterator(chunk_size=2000):
        data.append(
            [
                nik_untuk(user, k.nik, k.kelurahan_id),
                k.nama,
                str(jenis.get(k.jenis_kelamin, "")),
                k.tempat_lahir,
                k.tanggal_lahir,
                k.alamat,
                k.kelurahan.kode,
                k.rw.nomor if k.rw_id else None,
                k.telepon,
                label_pilihan(k.pendidikan, Pendidikan),
                k.pekerjaan,
                ", ".join(b.nama for b in k.bidang_kerja.all()),
                ", ".join(str(p) for p in k.label_peran),
                k.tanggal_mulai,
                k.nomor_sk,
                k.tanggal_sk,
                k.get_status_display(),
                k.alasan_nonaktif,
                k.tanggal_nonaktif,
            ]
        )
    return data
