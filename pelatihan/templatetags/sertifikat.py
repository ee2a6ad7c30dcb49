"""Template pieces of the certificates: the figures of the diklat and participant page sections
(a fixed number of queries each) and the code as printed."""

from django import template

from wilayah.periode import rentang_tanggal

from ..cetak import kode_tampil as _kode_tampil
from ..models import CetakSertifikat, Diklat, Peserta, StatusDiklat

register = template.Library()


@register.filter
def kode_tampil(kode) -> str:
    """"ABCDEFGHJKMN" -> "ABCD-EFGH-JKMN"."""
    return _kode_tampil(kode) if kode else ""


@register.simple_tag
def rentang(mulai, selesai) -> str:
    """"26–28 Mei 2025"."""
    return rentang_tanggal(mulai, selesai)


def _penyelenggara(user, diklat) -> bool:
    """Whether ``user`` organises ``diklat`` now (issues and prints its certificates)."""
    return diklat.status != StatusDiklat.BATAL and Diklat.objects.for_user(user, "change").filter(pk=diklat.pk).exists()


@register.simple_tag
def sertifikat_diklat(user, diklat) -> dict:
    """The diklat page's certificate section: completed and issued (among the participants ``user``
    sees), whether they may issue and print, and their last batch job. Three queries."""
    # Counted here, not by .aggregate(): Django aggregates over the ``lulus`` annotation in a subquery
    # that leaves the column out (SQLite then reads "lulus" as a string and counts nothing).
    baris = list(Peserta.objects.for_user(user, "view").filter(diklat=diklat).dengan_kehadiran().values_list("lulus", "kode_verifikasi"))
    lulus = sum(1 for ok, _kode in baris if ok)
    terbit = sum(1 for _ok, kode in baris if kode)
    kelola = _penyelenggara(user, diklat)
    return {
        "lulus": lulus,
        "terbit": terbit,
        "boleh_terbitkan": kelola and any(ok and not kode for ok, kode in baris),
        "boleh_cetak": kelola and bool(terbit),
        "cetak_terakhir": CetakSertifikat.objects.milik(user).filter(diklat=diklat).order_by("-dibuat", "-pk").first() if kelola else None,
    }


@register.simple_tag
def sertifikat_peserta(user, peserta) -> dict:
    """The participant page's certificate section: days present and completed, and whether ``user``
    may issue this participant's certificate. Two queries."""
    hadir = Peserta.objects.dengan_kehadiran().filter(pk=peserta.pk).values("hari_hadir", "lulus").first() or {"hari_hadir": 0, "lulus": False}
    boleh = not peserta.bersertifikat and hadir["lulus"] and Peserta.objects.for_user(user, "kelola").filter(pk=peserta.pk).exists()
    return {"hari_hadir": hadir["hari_hadir"], "lulus": bool(hadir["lulus"]), "boleh_terbitkan": boleh}
