from django import template

register = template.Library()


@register.filter
def rupiah(nilai):
    """1250000 -> 'Rp 1.250.000'; empty stays '-'."""
    if nilai is None or nilai == "":
        return "-"
    try:
        angka = int(nilai)
    except (TypeError, ValueError):
        return nilai
    return "Rp " + f"{angka:,}".replace(",", ".")


@register.filter
def angka(nilai):
    """1250000 -> '1.250.000'."""
    if nilai is None or nilai == "":
        return "-"
    try:
        return f"{int(nilai):,}".replace(",", ".")
    except (TypeError, ValueError):
        return nilai
