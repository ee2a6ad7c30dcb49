"""The LKK panel on the kelurahan, kecamatan and city home pages (6 queries, whatever the size; 1 on the city page).

On the city home page a city-level user reads the stored city figures' summary (``lkk.cakupan_kota``, one
query, not the rows per kecamatan) instead of the coverage of every kelurahan."""

from django.db.models import Count, Window
from django.urls import reverse

from wilayah.models import Kelurahan

from .models import Lembaga, hari_ini
from .ringkasan import cakupan_kota, tabel_cakupan

BATAS_DAFTAR = 5


def _label(j, kode) -> str:
    return f"lembaga {j['singkatan']}" if j["kode"] == kode else j["singkatan"]


def panel_kota(tersimpan) -> dict:
    """From the stored figures' summary (the types and the city total; ``AngkaTersimpan.ringkasan``)."""
    data = tersimpan.ringkasan
    total = data["total"]
    return {
        "jumlah": total["jumlah"],
        "sk_berlaku": total["sk_berlaku"],
        "rw_tanpa": [(_label(j, "rw"), c[2]) for j, c in zip(data["jenis"], total["sel"]) if j["per_rw"]],
        "rt_tanpa": [(_label(j, "rt"), c[2]) for j, c in zip(data["jenis"], total["sel"]) if j["per_rt"]],
        "perhatian": [],
        "perhatian_lebih": 0,
        "jumlah_perhatian": total["perhatian"],
        "url": reverse("lkk:index"),
        "url_perhatian": reverse("lkk:masa-bakti"),
        "angka": tersimpan,
    }


def panel_context(request, wilayah_obj) -> dict:
    user = request.user
    if wilayah_obj is None:
        tersimpan = cakupan_kota(user, hanya_ringkasan=True)
        if tersimpan is not None:
            return panel_kota(tersimpan)
    kelurahan = Kelurahan.objects.for_user(user)
    lembaga = Lembaga.objects.for_user(user)
    url = reverse("lkk:index")
    url_perhatian = reverse("lkk:masa-bakti")
    if isinstance(wilayah_obj, Kelurahan):
        kelurahan = kelurahan.filter(pk=wilayah_obj.pk)
        lembaga = lembaga.filter(kelurahan=wilayah_obj)
        url = reverse("lkk:lembaga-list") + f"?kelurahan={wilayah_obj.pk}"
    elif wilayah_obj is not None:  # a kecamatan
        kelurahan = kelurahan.filter(kecamatan=wilayah_obj)
        lembaga = lembaga.filter(kelurahan__kecamatan=wilayah_obj)
    pada = hari_ini()
    cakupan = tabel_cakupan(kelurahan=kelurahan, pada=pada)
    total = cakupan.total()
    perhatian = lembaga.perlu_perhatian(pada)
    if isinstance(wilayah_obj, Kelurahan):
        # The first rows and, on each, how many there are in all (a window count): one query, not two.
        daftar = list(
            perhatian.only("pk", "nama", "masa_bakti_selesai").annotate(semua=Window(Count("pk")))
            .order_by("masa_bakti_selesai", "nama", "pk")[: BATAS_DAFTAR + 1]
        )  # fmt: skip
        jumlah_perhatian = daftar[0].semua if daftar else 0
    else:
        daftar, jumlah_perhatian = [], perhatian.count()
    return {
        "jumlah": sum(c.jumlah for c in total),
        "sk_berlaku": sum(c.sk_berlaku for c in total),
        "rw_tanpa": [(f"lembaga {j.singkatan}" if j.kode == "rw" else j.singkatan, c.rw_tanpa) for j, c in zip(cakupan.jenis, total) if j.per_rw],
        "rt_tanpa": [(f"lembaga {j.singkatan}" if j.kode == "rt" else j.singkatan, c.rt_tanpa) for j, c in zip(cakupan.jenis, total) if j.per_rt],
        "perhatian": daftar[:BATAS_DAFTAR],
        "perhatian_lebih": max(jumlah_perhatian - BATAS_DAFTAR, 0) if daftar else 0,
        "jumlah_perhatian": jumlah_perhatian,
        "url": url,
        "url_perhatian": url_perhatian,
        "angka": None,  # counted live (a missing key would cost the template a failed lookup)
    }
