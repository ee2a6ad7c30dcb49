"""Excel import and export of cadres.

Import (through ``wilayah.impor.ImporExcelView``), repeatable: the NIK is the natural key. A row
whose NIK is an active cadre the user may change updates that cadre ("diperbarui"), or is skipped
when it matches what is stored ("dilewati"), so the same file uploaded twice changes nothing; any
other row is a new cadre ("baru"). An update changes only the columns the file has (``UBAH_IMPOR``),
never the NIK, the kelurahan (moving a cadre is a row error: it is done on the cadre's page), the
status or the uploads; a blank ``konfirmasi_nik_luar_wilayah`` keeps a stored confirmation. A NIK
active on a cadre outside what the user may change is a row error (and logged, ``catat_akses_nik``);
a NIK twice in one file is a row error naming the earlier row.

Speed: ``impor_cepat`` checks the whole file itself (no django-import-export ``Row``/``RowResult``
per row) against data loaded once (``_muat``: a fixed number of queries, three more per 900 NIKs),
and writes through the bulk doors ``services.kader_tambah_massal`` / ``kader_ubah_massal`` (history
and fields of work as sets). ``benchmarks/kader_impor.py`` measures it.

NIK from outside the region tree: the row needs ``konfirmasi_nik_luar_wilayah`` = "ya",
else it is a row error (the form's checkbox, in a column).

Cells are read by ``wilayah.sel`` (the readers every import shares). The columns are declared once
(``KOLOM``, ``wilayah.templat.Kolom``): key, human header, kind, example; the template, the header
translation and the export follow from it.

Export: the filtered list, NIK in full or masked by ``wilayah.nik.boleh_lihat_nik_penuh``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources

from wilayah.kunci import PemeriksaKunci
from wilayah.impor import LANGKAH_KEMAJUAN, GalatBaris, HasilPemeriksaan, nomor_baris_excel
from wilayah.models import AksesNIK, Kelurahan
from wilayah.nik import BatasNikImporMixin, JenisKelamin, catat_akses_nik, kode_nik_kecamatan, nik_dalam_berkas, nik_untuk
from wilayah.pencari import PencariWilayah
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
    kunci_nama,
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

KONFIRMASI_NIK = Kolom(
    "konfirmasi_nik_luar_wilayah", gettext_lazy("Konfirmasi NIK luar wilayah"), jenis=YA_TIDAK,
    petunjuk=gettext_lazy("Isi ya hanya bila NIK memang dari luar Kota Probolinggo dan sudah Anda periksa; selain itu kosongkan."), contoh="",
)  # fmt: skip
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
    KONFIRMASI_NIK,
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

# What a row may change on a stored cadre (``services.KOLOM_UBAH_MASSAL``): model field, attribute, column.
UBAH_IMPOR = (
    ("nama", "nama", "nama"),
    ("jenis_kelamin", "jenis_kelamin", "jenis_kelamin"),
    ("tempat_lahir", "tempat_lahir", "tempat_lahir"),
    ("tanggal_lahir", "tanggal_lahir", "tanggal_lahir"),
    ("alamat", "alamat", "alamat"),
    ("rw", "rw_id", "nomor_rw"),
    ("telepon", "telepon", "telepon"),
    ("pendidikan", "pendidikan", "pendidikan"),
    ("pekerjaan", "pekerjaan", "pekerjaan"),
    ("peran", "peran", "peran"),
    ("tanggal_mulai", "tanggal_mulai", "tanggal_mulai"),
    ("nomor_sk", "nomor_sk", "nomor_sk"),
    ("tanggal_sk", "tanggal_sk", "tanggal_sk"),
    ("nik_luar_wilayah", "nik_luar_wilayah", "konfirmasi_nik_luar_wilayah"),
)



class KaderResource(KolomImporMixin, BatasNikImporMixin, resources.ModelResource):
    nama_lembar = gettext_lazy("Data KPM")
    kolom_impor = KOLOM

    class Meta:
        model = Kader
        fields = tuple(k.kunci for k in KOLOM)
        import_id_fields = ()

    def __init__(self, *, user, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        for k in KOLOM:
            self.fields[k.kunci] = fields.Field(attribute=ATRIBUT.get(k.kunci, k.kunci), column_name=k.kunci)

    def get_import_fields(self):
        return [self.fields[k.kunci] for k in KOLOM]

    # --- loading once ---

    def _muat(self, dataset, *, kunci: bool = False):
        """Everything a row is checked against, in a fixed number of queries (three more per 900 NIKs of
        the file): the user's kelurahan and their RWs, the fields of work, the kecamatan codes; the active
        cadres holding a NIK of the file anywhere in the city (a conflict: ``pk`` and ``nama`` only);
        and those of them the user may change, whole, with their fields of work (an update), locked
        until commit with ``kunci`` (the confirm), so nobody changes them between this look and the write."""
        self._wilayah = PencariWilayah(self.user)  # kelurahan by code or name, RW as "RW 03"/"3" (wilayah.pencari)
        self._nama_kelurahan = dict(Kelurahan.objects.for_user(self.user).values_list("pk", "nama"))
        self._bidang = {kunci_nama(nama): pk for pk, nama in BidangKerja.objects.filter(aktif=True).values_list("pk", "nama")}
        self._kode_kecamatan = kode_nik_kecamatan()
        # Each lookup tells whether a NIK is an active cadre's anywhere in the city: counted per user per day
        # before any row (``BatasNikImporMixin.periksa_berkas``).
        niks = nik_dalam_berkas(dataset)
        boleh_ubah = Kader.objects.for_user(self.user, "change").aktif().order_by()
        if kunci:
            boleh_ubah = boleh_ubah.select_for_update(of=("self",))
        self._nik_aktif: dict[str, tuple[int, str]] = {}  # NIK -> (pk, nama)
        self._tersimpan: dict[str, Kader] = {}
        for potong in services.potongan(niks):
            self._nik_aktif.update({nik: (pk, nama) for nik, pk, nama in Kader.objects.aktif().order_by().filter(nik__in=potong).values_list("nik", "pk", "nama")})
            self._tersimpan.update({k.nik: k for k in boleh_ubah.filter(nik__in=potong)})
        self._bidang_tersimpan: dict[int, set[int]] = {}
        through = Kader.bidang_kerja.through
        for potong in services.potongan([k.pk for k in self._tersimpan.values()]):
            for kader_id, bidang_id in through.objects.filter(kader_id__in=potong).values_list("kader_id", "bidangkerja_id"):
                self._bidang_tersimpan.setdefault(kader_id, set()).add(bidang_id)
        self._kolom_ada = set(dataset.headers or ())
        self._nik_bentrok: list[Kader] = []
        self._nik_berkas: dict[str, int] = {}
        self._pendidikan = Pilihan(Pendidikan, sinonim={"smk": "sma", "d1": "diploma", "d2": "diploma", "d3": "diploma", "d4": "s1"})
        self._peran = Pilihan(PeranKPM)
        # The cells read by a reader (``wilayah.sel``, or the lists below); a refusal is that column's error.
        self._pembaca = (
            ("telepon", baca_telepon),
            ("jenis_kelamin", baca_jenis_kelamin),
            ("tanggal_lahir", baca_tanggal),
            ("tanggal_mulai", baca_tanggal),
            ("tanggal_sk", baca_tanggal),
            ("pendidikan", self._pendidikan.baca),
            ("konfirmasi_nik_luar_wilayah", baca_ya_tidak),
            ("bidang_kerja", self._baca_bidang),
            ("peran", self._baca_peran),
        )
        # What each reader made of each value, per column: a file repeats most cells (dates of the SK, roles...).
        self._ingatan: dict[tuple, tuple] = {}
        self._hari_ini = timezone.localdate()
        # The month lock: settings and the exceptions valid today, once per file (a query only if a month is locked).
        self._kunci = PemeriksaKunci(hari_ini=self._hari_ini)

    def _baca_bidang(self, nilai) -> tuple[int, ...]:
        """"Ekonomi, Kesehatan" -> the ids of those fields of work (each once)."""
        bidang, asing = [], []
        for nama in filter(None, (kunci_nama(b) for b in baca_teks(nilai).split(","))):
            if nama not in self._bidang:
                asing.append(nama)
            elif self._bidang[nama] not in bidang:
                bidang.append(self._bidang[nama])
        if asing:
            raise SelTidakSah(_("Bidang kerja tidak dikenal: %(b)s.") % {"b": ", ".join(asing)})
        return tuple(bidang)

    def _baca_peran(self, nilai) -> str:
        """"Penggerak, pelopor" -> the roles as stored (``peran_ke_teks``)."""
        peran, pesan = [], []
        for nama in filter(None, (p.strip() for p in baca_teks(nilai).split(","))):
            try:
                peran.append(self._peran.baca(nama))
            except SelTidakSah as exc:
                pesan.append(str(exc))
        if pesan:
            raise SelTidakSah(" ".join(pesan))
        return peran_ke_teks(peran)

    def _baca_sel(self, kolom, pembaca, nilai) -> tuple:
        """(value, error message or None) of a cell, read once per column and value."""
        kunci = (kolom, type(nilai), nilai)
        hasil = self._ingatan.get(kunci)
        if hasil is None:
            try:
                hasil = (pembaca(nilai), None)
            except SelTidakSah as exc:
                hasil = (None, str(exc))
            self._ingatan[kunci] = hasil
        return hasil

    # --- one row ---

    def _baca_baris(self, row: dict, nomor_baris: int) -> tuple[dict, dict[str, list[str]], Kader | None]:
        """One row: its values as the model stores them (by attribute name, ``bidang`` the ids of its
        fields of work), its errors by column, and the stored cadre it is about (None: a new cadre)."""
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
            sel[kolom], pesan = self._baca_sel(kolom, pembaca, row.get(kolom))
            if pesan is not None:
                galat(kolom, pesan)
        nik = ""
        if wajib["nik"]:
            try:
                nik = baca_nik(row.get("nik"))  # the raw cell: a NIK in a number cell is refused, never rounded
            except SelTidakSah as exc:
                galat("nik", str(exc))
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

        kelurahan = None
        if wajib["kelurahan"]:
            kelurahan, pesan = self._baca_sel("kelurahan", self._wilayah.kelurahan, row.get("kelurahan"))
            if pesan is not None:
                galat("kelurahan", pesan)
        kelurahan_id = kelurahan.pk if kelurahan is not None else None
        d["kelurahan_id"] = kelurahan_id
        if kelurahan is not None:
            rw, pesan = self._baca_sel(("nomor_rw", kelurahan_id), lambda nilai: self._wilayah.rw(kelurahan, nilai), row.get("nomor_rw"))
        else:
            rw, pesan = None, self._baca_sel("nomor_rw", baca_nomor, row.get("nomor_rw"))[1]
        if pesan is not None:
            galat("nomor_rw", pesan)
        d["rw_id"] = rw.pk if rw is not None else None

        d["bidang"] = sel["bidang_kerja"] or ()
        d["peran"] = sel["peran"] or ""

        tersimpan = None
        if nik:
            # The natural key: an active cadre the user may change is this row's cadre; one outside what they
            # may change is a conflict (recorded by ``impor_cepat``); a NIK twice in the file is refused.
            tersimpan = self._tersimpan.get(nik)
            if tersimpan is None and nik in self._nik_aktif:
                galat("nik", _("NIK ini sudah terdaftar pada KPM aktif lain."))
                pk, nama = self._nik_aktif[nik]
                self._nik_bentrok.append(Kader(pk=pk, nik=nik, nama=nama))  # what the access log names
            elif nik in self._nik_berkas:
                galat("nik", _("NIK sama dengan baris %(n)s di berkas ini.") % {"n": self._nik_berkas[nik]})
            else:
                self._nik_berkas[nik] = nomor_baris
            if tersimpan is not None:
                # A blank confirmation cell does not take back a confirmation already stored.
                d["nik_luar_wilayah"] = d["nik_luar_wilayah"] or tersimpan.nik_luar_wilayah
                if kelurahan_id is not None and kelurahan_id != tersimpan.kelurahan_id:
                    galat(
                        "kelurahan",
                        _(
                            "KPM dengan NIK ini terdaftar di Kelurahan %(k)s. Impor tidak memindahkan KPM ke kelurahan lain: "
                            "perbaiki kolom kelurahan, atau pindahkan KPM ini lewat halaman ubah datanya."
                        )
                        % {"k": self._nama_kelurahan.get(tersimpan.kelurahan_id, "")},
                    )
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
                            p = _("%(pesan)s Di Excel: isi kolom \"%(kolom)s\" dengan \"ya\".") % {
                                "pesan": p.split(" Periksa")[0], "kolom": KONFIRMASI_NIK.judul,
                            }  # fmt: skip
                        galat(kolom, p)
        if d["tanggal_mulai"] and kelurahan_id is not None and "tanggal_mulai" not in e:
            # A new cadre started in a locked month, or a start date moved from or into one: refused.
            if tersimpan is None:
                pesan = self._kunci.pesan(kelurahan_id, d["tanggal_mulai"])
            elif "tanggal_mulai" in self._kolom_ada and tersimpan.tanggal_mulai != d["tanggal_mulai"]:
                pesan = self._kunci.pesan(tersimpan.kelurahan_id, tersimpan.tanggal_mulai, d["tanggal_mulai"])
            else:
                pesan = None
            if pesan:
                galat("tanggal_mulai", pesan)
        return d, e, tersimpan

    def _perubahan(self, tersimpan: Kader, d: dict, bidang: tuple[int, ...]) -> tuple[list[str], tuple[int, ...] | None]:
        """What a row changes on its stored cadre: the fields that differ, among the columns the file has
        (a column left out of the file changes nothing), and the new fields of work (None: the same set)."""
        kolom = [nama for nama, attname, sumber in UBAH_IMPOR if sumber in self._kolom_ada and getattr(tersimpan, attname) != d[attname]]
        if "bidang_kerja" not in self._kolom_ada or set(bidang) == self._bidang_tersimpan.get(tersimpan.pk, set()):
            return kolom, None
        return kolom, bidang

    # --- the whole file ---

    def impor_cepat(self, dataset, hasil: HasilPemeriksaan, *, dry_run: bool) -> None:
        """Check and, unless ``dry_run``, write the whole file (called by ``wilayah.impor.jalankan_impor``,
        inside its transaction; it rolls back a preview and any file with an error).

        Every row is checked against data loaded once (``_muat``), without django-import-export's per-row
        objects. A row whose NIK is an active cadre the user may change updates that cadre when it differs
        ("diperbarui") and is skipped when it does not ("dilewati"); any other row is a new cadre ("baru").
        Without errors, new cadres go through ``services.kader_tambah_massal`` and changes through
        ``services.kader_ubah_massal``: a fixed number of statements per batch, history and fields of
        work written as sets. The preview writes nothing."""
        self._muat(dataset, kunci=not dry_run)
        headers = dataset.headers
        baru: list[dict] = []  # the new cadres' values: objects are built only to be written
        bidang_baru: list[tuple[int, ...]] = []
        diubah: list[Kader] = []
        bidang_diubah: list[tuple[int, ...] | None] = []
        kolom_diubah: set[str] = set()
        kemajuan = getattr(self, "kemajuan", None)  # the progress bar of a background import
        for i, nilai in enumerate(dataset):
            nomor = nomor_baris_excel(i + 1, self)  # the row number Excel shows
            if kemajuan is not None and i and i % LANGKAH_KEMAJUAN == 0:
                kemajuan(i)
            d, e, tersimpan = self._baca_baris(dict(zip(headers, nilai)), nomor)
            if e:
                hasil.galat.extend(GalatBaris(baris=nomor, kolom=kolom, pesan=pesan) for kolom, daftar in e.items() for pesan in daftar)
                hasil.jenis_baris.append("baru" if tersimpan is None else "diperbarui")
                continue
            bidang = d.pop("bidang")
            if tersimpan is None:
                baru.append(d)
                bidang_baru.append(bidang)
                hasil.jenis_baris.append("baru")
                continue
            kolom, bidang = self._perubahan(tersimpan, d, bidang)
            if not kolom and bidang is None:
                hasil.jenis_baris.append("dilewati")
                continue
            for nama, attname, _sumber in UBAH_IMPOR:
                if nama in kolom:
                    setattr(tersimpan, attname, d[attname])
            kolom_diubah.update(kolom)
            diubah.append(tersimpan)
            bidang_diubah.append(bidang)
            hasil.jenis_baris.append("diperbarui")
        # The active cadres whose NIK a row hit outside what the user may change (one query; kept after a rollback).
        catat_akses_nik(self.user, AksesNIK.Jenis.BENTROK, self._nik_bentrok, keterangan=_("Impor KPM: NIK ini sudah terdaftar pada KPM aktif lain."))
        hasil.baru, hasil.diperbarui = len(baru), len(diubah)
        hasil.dilewati = hasil.jenis_baris.count("dilewati")
        if dry_run or hasil.galat:
            return
        try:
            if baru:
                kader_list = [Kader(**d, status=StatusKader.AKTIF) for d in baru]
                services.kader_tambah_massal(acting_user=self.user, kader_list=kader_list, bidang_kerja=bidang_baru, pemeriksa_kunci=self._kunci)
            if diubah:
                services.kader_ubah_massal(
                    acting_user=self.user, kader_list=diubah, kolom=kolom_diubah, bidang_kerja=bidang_diubah, pemeriksa_kunci=self._kunci,
                )
        except ValidationError as exc:
            hasil.galat_berkas.extend(exc.messages)
        except PermissionDenied:
            hasil.galat_berkas.append(_("Anda tidak boleh menambah atau mengubah KPM."))
        except IntegrityError:  # a race the checks above could not see (the same NIK recorded meanwhile)
            hasil.galat_berkas.append(
                _("Data KPM berubah selagi berkas ini disimpan (misalnya NIK yang sama baru saja dicatat). Tidak ada yang disimpan; unggah berkasnya lagi.")
            )

    def import_data(self, *args, **kwargs):
        """The cadre import runs through ``impor_cepat`` (``wilayah.impor.jalankan_impor``), never through
        django-import-export's row machinery, which would skip its checks."""
        raise NotImplementedError("KaderResource: pakai wilayah.impor.jalankan_impor (impor_cepat).")

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
