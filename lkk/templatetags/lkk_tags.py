from django import template

register = template.Library()


@register.filter
def sel_cakupan(baris, jenis_list):
    """The coverage cells of one kelurahan row, in the order of the type columns."""
    return baris.sel(jenis_list)
