"""Spreadsheets of the pelatihan programme: imports (django-import-export) and exports
(``wilayah.templat.LembarEkspor``, every cell neutralised when written)."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _, gettext_lazy, gettext_lazy as _l
from import_export import fields, resources
from wilayah.impor import ImporUlangMixin, LayananResourceMixin
from wilayah.models import Kecamatan
from wilayah.pencari import PencariWilayah
from wilayah.sel import Pilihan, SelTidakSah, baca_jenis_kelamin, baca_teks, baca_telepon, kunci_nama
from wilayah.templat import (
    ANGKA,
    Kolom,
    KolomImporMixin,
    LembarEkspor,
    PENGENAL,
    PILIHAN,
    TANGGAL,
    TELEPON,
    label_pilihan,
    pilihan_nama_kelurahan,
)
from . import services
from .models import Instansi, JenisTindakLanjut, Peserta, SesiDiklat, UnsurPeserta


# --- diklat ---


KOLOM_EKSPOR_DIKLAT = (
    Kolom("judul", gettext_lazy("Judul")),
    Kolom("jenis", gettext_lazy("Jenis")),
    Kolom("penyelenggara", gettext_lazy("Penyelenggara")),
    Kolom("penyelenggara_lain", gettext_lazy("Penyelenggara bersama")),
    Kolom("cakupan", gettext_lazy("Cakupan")),
    Kolom("tanggal_mulai", gettext_lazy("Tanggal mulai"), jenis=TANGGAL),
    Kolom("tanggal_selesai", gettext_lazy("Tanggal selesai"), jenis=TANGGAL),
    Kolom("sesi", gettext_lazy("Jumlah sesi"), jenis=ANGKA),
    Kolom("sasaran", gettext_lazy("Sasaran peserta")),
    Kolom("kuota", gettext_lazy("Kuota"), jenis=ANGKA),
    Kolom("peserta", gettext_lazy("Peserta terdaftar"), jenis=ANGKA),
    Kolom("persen_hadir_minimal", gettext_lazy("Kehadiran minimal (%)"), jenis=ANGKA),
    Kolom("status", gettext_lazy("Status")),
)


def ekspor_diklat(queryset) -> LembarEkspor:
    """The (already scoped, filtered and ordered) diklat as one sheet, a row each. Three queries."""
    lembar = LembarEkspor(str(gettext_lazy("Daftar diklat")), KOLOM_EKSPOR_DIKLAT)
    baris = (
        queryset.select_related("penyelenggara", "kecamatan", "kelurahan")
        .prefetch_related(Prefetch("penyelenggara_lain", queryset=Instansi.objects.order_by("nama")))
        .annotate(ekspor_sesi=Count("sesi_set", distinct=True), ekspor_peserta=Count("peserta_set", distinct=True))
    )
    for d in baris:
        lembar.append([
            d.judul, d.get_jenis_display(), d.penyelenggara.nama, ", ".join(i.nama for i in d.penyelenggara_lain.all()), str(d.cakupan_label),
            d.tanggal_mulai, d.tanggal_selesai, d.ekspor_sesi, d.sasaran, d.kuota, d.ekspor_peserta, d.persen_hadir_minimal, d.get_status_display(),
        ])  # fmt: skip
    return lembar


# --- peserta ---


def _pilihan_nama_kecamatan(user) -> list[str]:
    return list(Kecamatan.objects.for_user(user).order_by("nama").values_list("nama", flat=True))


#: How people write the unsur in a list (an LPM or Karang Taruna member is an LKK's).
SINONIM_UNSUR = {
    "kader": UnsurPeserta.KPM, "kader kpm": UnsurPeserta.KPM, "lpm": UnsurPeserta.LKK, "karang taruna": UnsurPeserta.LKK,
    "posyandu": UnsurPeserta.LKK, "pkk": UnsurPeserta.LKK, "kelurahan": UnsurPeserta.KELURAHAN, "kecamatan": UnsurPeserta.KECAMATAN,
}  # fmt: skip

KOLOM_PESERTA = (
    Kolom("nama", gettext_lazy("Nama"), wajib=True, contoh="Siti Aminah"),
    Kolom("jenis_kelamin", gettext_lazy("Jenis kelamin"), jenis=PILIHAN, pilihan=("L", "P"),
          petunjuk=gettext_lazy("L = laki-laki, P = perempuan."), contoh="P"),
    Kolom("unsur", gettext_lazy("Unsur"), jenis=PILIHAN, pilihan=UnsurPeserta,
          petunjuk=gettext_lazy("KPM, LKK, perangkat kelurahan, perangkat kecamatan atau lainnya; kosong berarti Lainnya."), contoh="KPM"),
    Kolom("jabatan", gettext_lazy("Jabatan"), contoh="Ketua LPM"),
    Kolom("lembaga_asal", gettext_lazy("Instansi/lembaga asal"), contoh="LPM Kebonsari Wetan"),
    Kolom("kecamatan", gettext_lazy("Kecamatan"), jenis=PILIHAN, pilihan=_pilihan_nama_kecamatan,
          petunjuk=gettext_lazy("Wajib hanya untuk peserta dari kantor kecamatan (kelurahan kosong); selain itu boleh kosong."), contoh=""),
    Kolom("kelurahan", gettext_lazy("Kelurahan"), jenis=PILIHAN, pilihan=pilihan_nama_kelurahan,
          petunjuk=gettext_lazy("Nama kelurahan atau kode Kemendagri (35.74.04.1004), di wilayah kerja Anda."), contoh="Kebonsari Wetan"),
    Kolom("telepon", gettext_lazy("Telepon"), jenis=TELEPON, contoh="081234567890"),
)  # fmt: skip


def label_sesi(sesi: SesiDiklat) -> str:
    """How a session is named in the template's drop-down, the export and the import."""
    return str(sesi)


def kolom_peserta(sesi_list) -> tuple[Kolom, ...]:
    """The import's columns for a diklat: a required "Sesi" column only when it has several sessions."""
    if len(sesi_list) < 2:
        return KOLOM_PESERTA
    return (*KOLOM_PESERTA, Kolom(
        "sesi", gettext_lazy("Sesi"), wajib=True, jenis=PILIHAN, pilihan=tuple(label_sesi(s) for s in sesi_list),
        petunjuk=gettext_lazy("Sesi yang diikuti: pilih dari daftar, atau tulis nomor urutnya (1, 2, ...), nama sesi atau tempatnya."),
        contoh=label_sesi(sesi_list[0]),
    ))  # fmt: skip


class PesertaResource(KolomImporMixin, ImporUlangMixin, LayananResourceMixin, resources.ModelResource):
    """The organiser's participant list for one diklat. Every row is registered by
    ``services.peserta_simpan`` (scope, coverage, quota under the diklat's lock, once per diklat).

    A person is known by ``Peserta.kunci_orang`` (the name as compared everywhere, and the kelurahan or
    kecamatan office): the same person twice in the file is an error naming the earlier row; a row
    whose person is registered already is skipped ("dilewati") when it says nothing new, and refused,
    naming the person, when it differs (change a registration on its page, not by a second one). An
    empty optional cell keeps what is stored. A file with more new people than the places left is
    refused before any row (``periksa_berkas``)."""

    nama = fields.Field(attribute="nama", column_name="nama")
    jenis_kelamin = fields.Field(attribute="jenis_kelamin", column_name="jenis_kelamin")
    unsur = fields.Field(attribute="unsur", column_name="unsur")
    jabatan = fields.Field(attribute="jabatan", column_name="jabatan")
    lembaga_asal = fields.Field(attribute="lembaga_asal", column_name="lembaga_asal")
    kecamatan = fields.Field(attribute="kecamatan", column_name="kecamatan")
    kelurahan = fields.Field(attribute="kelurahan", column_name="kelurahan")
    telepon = fields.Field(attribute="telepon", column_name="telepon")
    sesi = fields.Field(attribute="sesi", column_name="sesi")

    nama_lembar = gettext_lazy("Data Peserta")
    kolom_impor = KOLOM_PESERTA

    class Meta:
        model = Peserta
        fields = ("nama", "jenis_kelamin", "unsur", "jabatan", "lembaga_asal", "kecamatan", "kelurahan", "telepon", "sesi")
        import_id_fields = ()  # the natural key is ``kunci_orang`` (``kelompok_kunci``)
        force_init_instance = True
        skip_diff = True
        report_skipped = True
        use_bulk = False

    def __init__(self, user=None, diklat=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.diklat = diklat
        self._sesi = list(diklat.sesi_set.order_by("tanggal_mulai", "pk")) if diklat is not None else []
        self.kolom_impor = kolom_peserta(self._sesi)
        self._siap = False

    # --- what every row is checked against, loaded once per import

    def _siapkan(self):
        if self._siap:
            return
        if self.diklat is None:
            raise ValidationError(_("Impor peserta dibuka dari halaman diklatnya."))
        self._wilayah = PencariWilayah(self.user)
        self._kecamatan: dict[str, Kecamatan] = {}
        for k in Kecamatan.objects.for_user(self.user):
            self._kecamatan[kunci_nama(k.nama)] = k
            self._kecamatan[kunci_nama(f"kecamatan {k.nama}")] = k
            self._kecamatan[k.kode] = k
        self._tersimpan: dict[str, list[Peserta]] = {}
        for p in Peserta.objects.filter(diklat=self.diklat).select_related("kelurahan", "kecamatan").order_by("pk"):
            self._tersimpan.setdefault(p.kunci_orang, []).append(p)
        self._peta_sesi: dict[str, SesiDiklat | None] = {}
        for i, s in enumerate(self._sesi, start=1):
            for ejaan in {str(i), label_sesi(s), s.nama, s.tempat} - {""}:
                kunci = kunci_nama(ejaan)
                self._peta_sesi[kunci] = None if kunci in self._peta_sesi and self._peta_sesi[kunci] != s else s
        self._unsur = Pilihan(UnsurPeserta, sinonim=SINONIM_UNSUR)
        self._siap = True

    def before_import(self, dataset, **kwargs):
        self._siapkan()
        super().before_import(dataset, **kwargs)

    def periksa_berkas(self, dataset):
        """The whole file, before any row: the diklat takes registrations from this user now, and the
        new people in the file fit in the places left."""
        self._siapkan()
        services.periksa_pendaftaran(self.user, self.diklat)
        kunci_baru = set()
        for row in dataset.dict:
            p = Peserta(nama=baca_teks(row.get("nama")))
            try:
                self._baca_wilayah(p, row)
            except ValidationError:
                pass  # the row's own error is reported with it
            kunci = p.hitung_kunci_orang() if (p.nama and (p.kelurahan_id or p.kecamatan_id)) else f"baris-{len(kunci_baru)}"
            if kunci not in self._tersimpan:
                kunci_baru.add(kunci)
        terdaftar = sum(len(v) for v in self._tersimpan.values())
        sisa = max(0, self.diklat.kuota - terdaftar)
        if len(kunci_baru) > sisa:
            raise ValidationError(_(
                "Berkas berisi %(baru)d peserta baru, padahal sisa kuota diklat ini %(sisa)d (kuota %(kuota)d, sudah terdaftar "
                "%(terdaftar)d). Kurangi barisnya, atau minta penyelenggara menaikkan kuota; tidak ada yang disimpan."
            ) % {"baru": len(kunci_baru), "sisa": sisa, "kuota": self.diklat.kuota, "terdaftar": terdaftar})

    # --- one row

    def _baca_wilayah(self, instance: Peserta, row) -> None:
        errors = {}
        kelurahan = kecamatan = None
        if baca_teks(row.get("kelurahan")):
            try:
                kelurahan = self._wilayah.kelurahan(row.get("kelurahan"))
            except SelTidakSah as exc:
                errors["kelurahan"] = str(exc)
        teks_kec = baca_teks(row.get("kecamatan"))
        if teks_kec:
            kecamatan = self._kecamatan.get(kunci_nama(teks_kec)) or self._kecamatan.get(teks_kec)
            if kecamatan is None:
                errors["kecamatan"] = _("Kecamatan '%(isi)s' tidak dikenal atau di luar wilayah kerja Anda.") % {"isi": teks_kec}
        if kelurahan is not None:
            instance.kelurahan = kelurahan
            if kecamatan is not None and kecamatan.pk != kelurahan.kecamatan_id:
                errors["kecamatan"] = _("Kelurahan %(kel)s tidak berada di Kecamatan %(kec)s.") % {"kel": kelurahan.nama, "kec": kecamatan.nama}
            instance.kecamatan = kelurahan.kecamatan
        elif kecamatan is not None and "kelurahan" not in errors:
            instance.kecamatan = kecamatan
        elif not errors:
            errors["kelurahan"] = _("Isi kelurahan peserta (atau kecamatan saja untuk peserta dari kantor kecamatan).")
        if errors:
            raise ValidationError(errors)

    def import_instance(self, instance, row, **kwargs):
        errors = {}

        def baca(kolom, pembaca):
            try:
                return pembaca(row.get(kolom))
            except SelTidakSah as exc:
                errors[kolom] = str(exc)
                return None

        instance.diklat = self.diklat
        instance.nama = baca_teks(row.get("nama"))[:100]
        if not instance.nama:
            errors["nama"] = _("Nama peserta wajib diisi.")
        instance.jenis_kelamin = baca("jenis_kelamin", baca_jenis_kelamin) or ""
        instance.unsur = baca("unsur", self._unsur.baca) or ""
        instance.jabatan = baca_teks(row.get("jabatan"))[:150]
        instance.lembaga_asal = baca_teks(row.get("lembaga_asal"))[:150]
        instance.telepon = baca("telepon", baca_telepon) or ""
        try:
            self._baca_wilayah(instance, row)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if len(self._sesi) == 1:
            instance.sesi = self._sesi[0]
        elif self._sesi:
            teks = baca_teks(row.get("sesi"))
            sesi = self._peta_sesi.get(kunci_nama(teks)) if teks else None
            if sesi is None:
                errors["sesi"] = (
                    _("Sesi '%(isi)s' tidak dikenal; pilih dari daftar atau tulis nomor urutnya (1 sampai %(n)d).") % {"isi": teks, "n": len(self._sesi)}
                    if teks else _("Sesi wajib diisi: diklat ini mempunyai %(n)d sesi.") % {"n": len(self._sesi)}
                )
            else:
                instance.sesi = sesi
        if instance.nama and (instance.kelurahan_id or instance.kecamatan_id):
            instance.kunci_orang = instance.hitung_kunci_orang()
        if errors:
            raise ValidationError(errors)

    def simpan_baris(self, instance):
        instance.unsur = instance.unsur or UnsurPeserta.LAINNYA
        services.peserta_simpan(acting_user=self.user, peserta=instance)

    # --- the natural key (``wilayah.impor.ImporUlangMixin``)

    uraian_kunci = gettext_lazy("nama dan kelurahan yang sama")
    tetap_bila_kosong = {"jenis_kelamin": (), "unsur": (), "jabatan": (), "lembaga_asal": (), "telepon": ()}

    def siapkan_banding(self, instance) -> None:
        """Once a row is matched to a stored registration, the name as stored: the file's spelling of
        the same name (case, spaces) is not a difference."""
        if instance.pk is not None:
            tersimpan = next((p for p in self._tersimpan.get(instance.kunci_orang, ()) if p.pk == instance.pk), None)
            if tersimpan is not None and kunci_nama(tersimpan.nama) == kunci_nama(instance.nama):
                instance.nama = tersimpan.nama

    def kelompok_kunci(self, instance) -> tuple:
        return (instance.kunci_orang,) if instance.nama and instance.kunci_orang else ()

    def kandidat_tersimpan(self, instance) -> list:
        return list(self._tersimpan.get(instance.kunci_orang, ()))

    def cocok(self, instance, lain) -> bool:
        return instance.kunci_orang == lain.kunci_orang

    def skip_row(self, instance, original, row, import_validation_errors=None):
        lewati = super().skip_row(instance, original, row, import_validation_errors)
        if not lewati and self._ambil_alih:
            tersimpan = next(p for p in self._tersimpan[instance.kunci_orang] if p.pk == instance.pk)
            beda = self._kolom_berbeda(instance, tersimpan, row)
            raise ValidationError({NON_FIELD_ERRORS: [_(
                "%(nama)s (%(asal)s) sudah terdaftar sebagai peserta diklat ini dengan data berbeda (%(kolom)s). Satu orang hanya "
                "sekali per diklat: ubah datanya di halaman peserta, atau samakan baris ini dengan data tersimpan."
            ) % {"nama": tersimpan.nama, "asal": tersimpan.wilayah_label, "kolom": ", ".join(beda) or _("kolom lain")}]})
        return lewati

    def _kolom_berbeda(self, instance, tersimpan, row) -> list[str]:
        """The human headers of the file's columns whose value differs from the stored registration."""
        beda = []
        for k in self.kolom_impor:
            attname = Peserta._meta.get_field(k.kunci).attname
            if k.kunci in row and getattr(instance, attname) != getattr(tersimpan, attname):
                beda.append(str(k.judul))
        return beda


KOLOM_EKSPOR = (
    Kolom("diklat", gettext_lazy("Diklat")),
    *KOLOM_PESERTA,
    Kolom("sesi", gettext_lazy("Sesi")),
    Kolom("nomor_sertifikat", gettext_lazy("Nomor sertifikat")),
)


def ekspor_peserta(queryset) -> LembarEkspor:
    """The (already scoped and filtered) participants in the import's columns and human headers, with
    the diklat, the session and the certificate number: a diklat's rows import back."""
    data = LembarEkspor(str(PesertaResource.nama_lembar), KOLOM_EKSPOR)
    for p in queryset.select_related("diklat", "sesi", "kecamatan", "kelurahan"):
        data.append([
            p.diklat.judul, p.nama, p.jenis_kelamin, label_pilihan(p.unsur, UnsurPeserta), p.jabatan, p.lembaga_asal,
            p.kecamatan.nama, p.kelurahan.nama if p.kelurahan_id else "", p.telepon, label_sesi(p.sesi), p.nomor_sertifikat,
        ])  # fmt: skip
    return data


# --- follow-up (rencana tindak lanjut) ---


KOLOM_EKSPOR_RENCANA = (
    Kolom("peserta", _l("Peserta")),
    Kolom("jabatan", _l("Jabatan")),
    Kolom("diklat", _l("Diklat")),
    Kolom("kecamatan", _l("Kecamatan")),
    Kolom("kode_kelurahan", _l("Kode kelurahan"), jenis=PENGENAL),
    Kolom("kelurahan", _l("Kelurahan")),
    Kolom("jenis", _l("Jenis"), jenis=PILIHAN, pilihan=JenisTindakLanjut),
    Kolom("uraian", _l("Uraian komitmen"), lebar=50),
    Kolom("rw", _l("RW"), jenis=ANGKA),
    Kolom("target_jumlah", _l("Target jumlah"), jenis=ANGKA),
    Kolom("tenggat", _l("Tenggat"), jenis=TANGGAL),
    Kolom("status", _l("Status")),
    Kolom("destinasi", _l("Destinasi yang terwujud")),
    Kolom("kader_baru", _l("KPM baru tertaut"), jenis=ANGKA),
    Kolom("selesai_pada", _l("Selesai pada"), jenis=TANGGAL),
    Kolom("catatan", _l("Catatan perkembangan"), lebar=50),
)


def status_rencana(rencana) -> str:
    """Selesai, melewati tenggat (``RencanaTindakLanjut.terlambat``) or belum selesai, today."""
    if rencana.selesai_pada is not None:
        return str(_l("Selesai"))
    return str(_l("Melewati tenggat")) if rencana.terlambat else str(_l("Belum selesai"))


def ekspor_rencana(queryset) -> LembarEkspor:
    """The (filtered) commitments as a sheet; the queryset comes from the list (scoped, annotated)."""
    data = LembarEkspor(str(_l("Tindak lanjut diklat")), KOLOM_EKSPOR_RENCANA)
    for r in queryset.iterator(chunk_size=2000):
        data.append([
            r.peserta.nama, r.peserta.jabatan, r.peserta.diklat.judul, r.kelurahan.kecamatan.nama, r.kelurahan.kode, r.kelurahan.nama,
            r.get_jenis_display(), r.uraian, r.rw.nomor if r.rw_id else None, r.target_jumlah, r.tenggat, status_rencana(r),
            r.destinasi.nama if r.destinasi_id else "", r.jumlah_kader, r.selesai_pada, r.catatan,
        ])  # fmt: skip
    return data
