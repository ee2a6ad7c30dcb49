"""Writes of the LKK programme: saving a lembaga and appointing a board member under the
Permendagri 18/2018 rules (configurable per ``JenisLembaga``).

Rules enforced here (they read other rows), each raising a ``ValidationError`` with a clear
Indonesian message and writing nothing:
- one ketua at a time per lembaga (periods may not overlap; backed by the DB constraint
  ``lkk_pengurus_satu_ketua`` on the current ketua);
- one post per person per lembaga at a time;
- at most ``jenis.maks_periode`` terms per person in the same lembaga, consecutive or not;
- no post in another active LKK over an overlapping period when either type forbids it
  (``larang_rangkap``); the refusal names the other post;
- the no-party declaration when the type requires it (in ``Pengurus.clean``).
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from wilayah.kunci import pastikan_perubahan_terbuka
from wilayah.models import AksesNIK
from wilayah.nik import catat_akses_nik
from wilayah.periode import tanggal_id
from wilayah.services import simpan_dalam_lingkup

from .models import Jabatan, JenisLembaga, Lembaga, Pengurus, Status, usulkan_masa_bakti


@transaction.atomic
def jenis_lembaga_simpan(*, acting_user, jenis: JenisLembaga) -> JenisLembaga:
    """Save a type's rules (Bappeda). Turning "one per region" on is refused while two active
    institutions of the type share a region (``JenisLembaga.clean``); the institutions' copy of the
    flag, which their database constraint reads, follows in the same transaction."""
    simpan_dalam_lingkup(jenis, acting_user=acting_user)
    Lembaga.objects.filter(jenis=jenis).exclude(satu_per_wilayah=jenis.satu_per_wilayah).update(satu_per_wilayah=jenis.satu_per_wilayah)
    return jenis


def lembaga_simpan(*, acting_user, lembaga: Lembaga) -> Lembaga:
    """Validate and save a lembaga (new or changed) in the user's region. An upload is removed again if saving
    fails. Its SK date and the start of its term put it in a month: a locked month is not changed.
    An SK date without a term proposes the term (``usulkan_masa_bakti``): a fresh decree is valid at once."""
    usulkan_masa_bakti(lembaga)

    def aturan(lbg):
        pastikan_perubahan_terbuka(lbg, tanggal=("tanggal_sk", "masa_bakti_mulai"))

    return simpan_dalam_lingkup(lembaga, acting_user=acting_user, kolom_lingkup="kelurahan", berkas=("berkas_sk",), aturan=aturan)


def kunci_orang_q(*, nik: str, kunci_nama_telepon: str) -> Q | None:
    """The filter that finds the same person: by NIK, or by normalised name + phone. None: not recognisable."""
    q = None
    if nik:
        q = Q(nik=nik)
    if kunci_nama_telepon:
        q = (q | Q(kunci_nama_telepon=kunci_nama_telepon)) if q is not None else Q(kunci_nama_telepon=kunci_nama_telepon)
    return q


def _jabatan_di(p: Pengurus) -> str:
    # The RW/RT only when the name does not say it ("RW 01 Kebonsari Wetan (Kelurahan Kebonsari Wetan)").
    label = p.lembaga.wilayah_label if p.lembaga.nama_berwilayah != p.lembaga.nama else ""
    return _("%(jabatan)s di %(lembaga)s (%(kelurahan)s%(wilayah)s) sejak %(sejak)s") % {
        "jabatan": p.jabatan_label,
        "lembaga": p.lembaga.nama,
        "kelurahan": p.lembaga.kelurahan,
        "wilayah": f", {label}" if label else "",
        "sejak": tanggal_id(p.masa_mulai),
    }


def periksa_aturan_pengurus(pengurus: Pengurus, *, acting_user) -> None:
    """The multi-row rules (see the module docstring). Call after ``full_clean``.

    The rules hold city-wide; a refusal names the other post only when the user may see it."""
    lembaga = pengurus.lembaga
    jenis = lembaga.jenis
    pengurus.hitung_turunan()
    mulai, akhir = pengurus.masa_mulai, pengurus.akhir_efektif
    lain = Pengurus.objects.exclude(pk=pengurus.pk) if pengurus.pk else Pengurus.objects.all()
    lain = lain.select_related("lembaga__jenis", "lembaga__kelurahan", "lembaga__rw", "lembaga__rt")

    if pengurus.jabatan == Jabatan.KETUA:
        ketua = lain.filter(lembaga=lembaga, jabatan=Jabatan.KETUA).tumpang_tindih(mulai, akhir).first()
        if ketua is not None:
            raise ValidationError({"jabatan": _(
                "%(lembaga)s sudah mempunyai Ketua %(nama)s untuk masa %(mulai)s sampai %(akhir)s. "
                "Catat dulu SK pemberhentiannya atau pilih masa jabatan yang tidak bertumpang tindih."
            ) % {"lembaga": lembaga.nama, "nama": ketua.nama, "mulai": tanggal_id(ketua.masa_mulai), "akhir": tanggal_id(ketua.akhir_efektif)}})

    orang = kunci_orang_q(nik=pengurus.nik, kunci_nama_telepon=pengurus.kunci_nama_telepon)
    if orang is None:
        return
    milik_orang = lain.filter(orang)

    sama = milik_orang.filter(lembaga=lembaga)
    rangkap_sendiri = sama.tumpang_tindih(mulai, akhir).first()
    if rangkap_sendiri is not None:
        _catat_bila_nik_sama(acting_user, pengurus, rangkap_sendiri)
        raise ValidationError({NON_FIELD_ERRORS: _("%(nama)s sudah menjabat %(jabatan)s.") % {
            "nama": pengurus.nama, "jabatan": _jabatan_di(rangkap_sendiri)}})

    if jenis.maks_periode:
        periode = sama.count()
        if periode >= jenis.maks_periode:
            raise ValidationError({NON_FIELD_ERRORS: _(
                "%(nama)s sudah %(n)s periode menjadi pengurus %(lembaga)s; paling banyak %(maks)s periode "
                "di lembaga yang sama, berturut-turut atau tidak."
            ) % {"nama": pengurus.nama, "n": periode, "lembaga": lembaga.nama, "maks": jenis.maks_periode}})

    rangkap = (
        milik_orang.exclude(lembaga=lembaga)
        .filter(lembaga__status=Status.AKTIF)
        .tumpang_tindih(mulai, akhir)
        .order_by("masa_mulai")
    )
    if not jenis.larang_rangkap:
        rangkap = rangkap.filter(lembaga__jenis__larang_rangkap=True)
    lain_jabatan = rangkap.first()
    if lain_jabatan is not None:
        _catat_bila_nik_sama(acting_user, pengurus, lain_jabatan)
    if lain_jabatan is not None and not Lembaga.objects.for_user(acting_user).filter(pk=lain_jabatan.lembaga_id).exists():
        raise ValidationError({NON_FIELD_ERRORS: _(
            "%(nama)s sudah menjabat di LKK lain di luar wilayah kerja Anda. Pengurus LKK tidak boleh merangkap "
            "jabatan di LKK lain (Permendagri 18/2018); hubungi Bappeda untuk memeriksanya."
        ) % {"nama": pengurus.nama}})
    if lain_jabatan is not None:
        raise ValidationError({NON_FIELD_ERRORS: _(
            "%(nama)s sudah menjabat %(jabatan)s. Pengurus LKK tidak boleh merangkap jabatan di LKK lain "
            "(Permendagri 18/2018); catat dulu pemberhentian dari jabatan itu."
        ) % {"nama": pengurus.nama, "jabatan": _jabatan_di(lain_jabatan)}})


def _catat_bila_nik_sama(acting_user, pengurus: Pengurus, lain: Pengurus) -> None:
    """A refusal found the other post by this NIK: it tells the user the NIK holds a post (perhaps
    outside their region), so the conflict is recorded (``wilayah.nik``)."""
    if pengurus.nik and lain.nik == pengurus.nik:
        catat_akses_nik(acting_user, AksesNIK.Jenis.BENTROK, lain, keterangan=_("NIK sama dengan pengurus LKK yang sedang menjabat."))


def _atur_ketua_berjalan(pengurus: Pengurus) -> None:
    """Only the latest-starting ketua of a lembaga is current; the others are past boards (``riwayat``)."""
    if pengurus.jabatan != Jabatan.KETUA:
        pengurus.riwayat = False
        return
    others = Pengurus.objects.filter(lembaga_id=pengurus.lembaga_id, jabatan=Jabatan.KETUA).exclude(pk=pengurus.pk)
    terbaru = others.order_by("-masa_mulai").first()
    if terbaru is None or terbaru.masa_mulai < pengurus.masa_mulai:
        others.filter(riwayat=False).update(riwayat=True)
        pengurus.riwayat = False
    else:
        pengurus.riwayat = True


def _kunci_orang(pengurus: Pengurus) -> None:
    """Serialise appointments of the same person across boards (PostgreSQL advisory locks, held to commit).
    SQLite serialises every write transaction already."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for kunci in sorted(filter(None, [pengurus.nik, pengurus.kunci_nama_telepon])):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"lkk-orang:{kunci}"])


@transaction.atomic
def pengurus_simpan(*, acting_user, pengurus: Pengurus) -> Pengurus:
    """Appoint (or change) a board member after every rule; raises ValidationError and writes nothing
    otherwise. The only writer of board members: the form, the removal and the Excel import call it."""
    # Serialise the writes to one board, so two ketua cannot slip in side by side.
    list(Lembaga.objects.select_for_update().filter(pk=pengurus.lembaga_id).order_by().values_list("pk", flat=True))
    if not Lembaga.objects.for_user(acting_user).filter(pk=pengurus.lembaga_id).exists():
        raise ValidationError({"lembaga": _("Lembaga ini di luar wilayah kerja Anda.")})
    pengurus.hitung_turunan()
    _kunci_orang(pengurus)

    def aturan(p):
        periksa_aturan_pengurus(p, acting_user=acting_user)
        # The start of the term and the removal date put the appointment in a month: a locked month is not changed.
        pastikan_perubahan_terbuka(
            p, tanggal=("masa_mulai", "tanggal_sk_pemberhentian"), kelurahan="lembaga__kelurahan", kelurahan_id=p.lembaga.kelurahan_id,
        )
        _atur_ketua_berjalan(p)

    return simpan_dalam_lingkup(pengurus, acting_user=acting_user, kolom_lingkup="lembaga", aturan=aturan)


@transaction.atomic
def pengurus_berhentikan(*, acting_user, pengurus: Pengurus, nomor_sk: str, tanggal) -> Pengurus:
    """Record the removal SK of a board member who leaves before the end of the term."""
    pengurus.nomor_sk_pemberhentian = nomor_sk
    pengurus.tanggal_sk_pemberhentian = tanggal
    return pengurus_simpan(acting_user=acting_user, pengurus=pengurus)


class SusunanDitolak(ValidationError):
    """A board entered in one go was refused: ``per_baris`` maps each refused row (0-based, in the order given)
    to its ``ValidationError``; the message names each row ("Baris 2: ...") for callers that show one list."""

    def __init__(self, per_baris: dict[int, ValidationError]):
        self.per_baris = per_baris
        pesan = []
        for i, exc in sorted(per_baris.items()):
            for p in exc.messages:
                pesan.append(_("Baris %(n)s: %(pesan)s") % {"n": i + 1, "pesan": p})
        super().__init__(pesan)


@transaction.atomic
def susunan_pengurus_simpan(*, acting_user, pengurus: list[Pengurus]) -> list[Pengurus]:
    """Appoint a whole board (one decree, several members) all or nothing: each member through
    ``pengurus_simpan`` (the same rules: NIK, one ketua, one post per person, terms, scope), each later
    row checked against the rows before it (two ketua in one board are refused on the second). One refused
    row refuses the whole board: ``SusunanDitolak`` names every refused row and nothing is written."""
    if not pengurus:
        raise ValidationError(_("Isi paling sedikit satu pengurus."))
    galat: dict[int, ValidationError] = {}
    for i, p in enumerate(pengurus):
        try:
            pengurus_simpan(acting_user=acting_user, pengurus=p)
        except ValidationError as exc:
            galat[i] = exc
    if galat:
        for p in pengurus:  # the rows saved before the refusal are rolled back with it
            p.pk = p.id = None
            p._state.adding = True
        raise SusunanDitolak(galat)
    return pengurus
