"""Active cadres per kelurahan against the 5-to-10 target, for the panels and the city view.

Reads through ``for_user``; two queries whatever the number of kelurahan or cadres. The city level
reads stored figures instead (``wilayah.angka``, key "kader.sebaran_kota": one row per kecamatan with
its kelurahan below, within and above the target), computed by ``hitung_sebaran_kota`` with the same
rule (``status_target``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from wilayah.angka import angka
from wilayah.models import Kecamatan, Kelurahan
from wilayah.scoping import boleh, sees_whole_city

from .models import Kader, PengaturanKader, StatusKader

KUNCI_SEBARAN_KOTA = "kader.sebaran_kota"


def status_target(aktif: int, minimal: int, maksimal: int) -> str:
    """The target rule, in one place: "kurang" below the minimum, "lebih" above the maximum, else "cukup"."""
    if aktif < minimal:
        return "kurang"
    if aktif > maksimal:
        return "lebih"
    return "cukup"


@dataclass
class Progres:
    kelurahan: Kelurahan | None
    aktif: int
    target_minimal: int
    target_maksimal: int

    @property
    def status(self) -> str:
        return status_target(self.aktif, self.target_minimal, self.target_maksimal)

    @property
    def persen(self) -> int:
        """Bar width: the share of the maximum target reached (capped at 100)."""
        return min(100, round(self.aktif * 100 / self.target_maksimal)) if self.target_maksimal else 100

    @property
    def warna(self) -> str:
        return {"kurang": "bg-danger", "cukup": "bg-success", "lebih": "bg-warning"}[self.status]


def progres_kelurahan(user, *, kelurahan_qs=None) -> list[Progres]:
    """One row per kelurahan the user may see (optionally narrowed), in code order. Two queries.

    The count is an annotation on ``Kelurahan.objects.for_user``: a cadre belongs to exactly one
    kelurahan and ``Kader.objects.for_user`` scopes by that kelurahan, so the cadres counted are
    exactly those ``Kader.objects.for_user(user)`` returns (a test holds the two equal)."""
    pengaturan = PengaturanKader.aktif()
    kelurahan_qs = Kelurahan.objects.all() if kelurahan_qs is None else kelurahan_qs
    kelurahan = list(
        kelurahan_qs.for_user(user)
        .select_related("kecamatan")
        .annotate(jumlah_kader_aktif=Count("kader_set", filter=Q(kader_set__status=StatusKader.AKTIF)))
        .order_by("kode")
    )
    return [Progres(k, k.jumlah_kader_aktif, pengaturan.target_minimal, pengaturan.target_maksimal) for k in kelurahan]


def konteks_panel_kelurahan(request, kelurahan) -> dict:
    baris = progres_kelurahan(request.user, kelurahan_qs=Kelurahan.objects.filter(pk=kelurahan.pk))
    return {"progres": baris[0] if baris else None, "kelurahan": kelurahan}


def _ringkas(baris: list[Progres]) -> dict:
    return {
        "baris": baris,
        "kurang": [b for b in baris if b.status == "kurang"],
        "lebih": [b for b in baris if b.status == "lebih"],
        "cukup": [b for b in baris if b.status == "cukup"],
        "total_aktif": sum(b.aktif for b in baris),
        "target_minimal": baris[0].target_minimal if baris else PengaturanKader.aktif().target_minimal,
        "target_maksimal": baris[0].target_maksimal if baris else PengaturanKader.aktif().target_maksimal,
    }


def konteks_panel_kecamatan(request, kecamatan) -> dict:
    return _ringkas(progres_kelurahan(request.user, kelurahan_qs=Kelurahan.objects.filter(kecamatan=kecamatan)))


def hitung_sebaran_kota() -> dict:
    """"kader.sebaran_kota": for the whole city (unscoped), per kecamatan its kelurahan, active cadres and
    kelurahan below / within / above the target. Four queries (the settings, active cadres grouped by
    kelurahan, the kelurahan, the kecamatan), whatever the number of cadres; run by the Celery task."""
    pengaturan = PengaturanKader.aktif()
    minimal, maksimal = pengaturan.target_minimal, pengaturan.target_maksimal
    aktif = dict(
        Kader.objects.filter(status=StatusKader.AKTIF).order_by().values("kelurahan_id").annotate(n=Count("pk")).values_list("kelurahan_id", "n")
    )
    kecamatan = {
        k["pk"]: {"kode": k["kode"], "nama": k["nama"], "jumlah_kelurahan": 0, "kpm_aktif": 0, "kurang": 0, "cukup": 0, "lebih": 0}
        for k in Kecamatan.objects.order_by("kode").values("pk", "kode", "nama")
    }
    for kelurahan_id, kecamatan_id in Kelurahan.objects.order_by().values_list("pk", "kecamatan_id").iterator(chunk_size=5000):
        baris = kecamatan[kecamatan_id]
        n = aktif.get(kelurahan_id, 0)
        baris["jumlah_kelurahan"] += 1
        baris["kpm_aktif"] += n
        baris[status_target(n, minimal, maksimal)] += 1
    daftar = list(kecamatan.values())
    for baris in daftar:
        baris["persen_sesuai"] = round(baris["cukup"] * 100 / baris["jumlah_kelurahan"], 1) if baris["jumlah_kelurahan"] else None
    total = {k: sum(b[k] for b in daftar) for k in ("jumlah_kelurahan", "kpm_aktif", "kurang", "cukup", "lebih")}
    total["kecamatan"] = len(daftar)
    return {"target_minimal": minimal, "target_maksimal": maksimal, "total": total, "kecamatan": daftar}


def sebaran_kota(user, *, hanya_ringkasan: bool = False):
    """The stored city figures for a city-level user who may see cadres; None for anyone else (they read live).
    ``hanya_ringkasan``: the totals and targets only (``AngkaTersimpan.ringkasan``), not the rows per kecamatan."""
    if sees_whole_city(user) and boleh(user, Kader, "view"):
        return angka(KUNCI_SEBARAN_KOTA, hanya_ringkasan=hanya_ringkasan)
    return None


def konteks_panel_kota(request, _wilayah) -> dict:
    """The city panel: counts from the stored figures' summary (never one line per kelurahan or kecamatan)."""
    tersimpan = sebaran_kota(request.user, hanya_ringkasan=True)
    if tersimpan is None:
        return {"boleh": False}
    data = tersimpan.ringkasan
    return {"boleh": True, "angka": tersimpan, "total": data["total"], "target_minimal": data["target_minimal"], "target_maksimal": data["target_maksimal"]}
