"""Template filters for dates, numbers, money and percentages as users read them.

    {% load format_id %}
    {{ event.transaksi|rupiah }}     Rp 1.250.000
    {{ event.pengunjung|angka }}     1.250
    {{ r.persen_rw|persen }}         25,0%      ({{ x|persen:0 }} -> 25%)
    {{ lembaga.tanggal_sk|tanggal }} 26 Mei 2025

The same rules as ``wilayah.tampilan`` and ``wilayah.periode`` (they call them).
"""

from django import template

from wilayah import periode, tampilan

register = template.Library()


@register.filter
def angka(nilai, desimal=0):
    return tampilan.angka(nilai, int(desimal))


@register.filter
def rupiah(nilai):
    return tampilan.rupiah(nilai)


@register.filter
def persen(nilai, desimal=1):
    return tampilan.persen(nilai, int(desimal))


@register.filter(expects_localtime=True)
def tanggal(nilai):
    return periode.tanggal_id(nilai)
