"""The change history shown on a record's page (django-simple-history), shared by the programmes."""


def riwayat_perubahan(obj, batas: int = 30) -> list:
    """The latest history records of ``obj``, newest first, each with ``perubahan``: the labels of
    the fields that changed against the record before it (one query)."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: batas + 1])
    model = type(obj)
    for baru, lama in zip(records, records[1:] + [None]):
        baru.perubahan = []
        if lama is not None and baru.history_type == "~":
            delta = baru.diff_against(lama)
            baru.perubahan = [str(model._meta.get_field(c.field).verbose_name) for c in delta.changes]
    return records[:batas]
