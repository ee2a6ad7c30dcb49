"""Django's own date formats, as the portal writes dates (``FORMAT_MODULE_PATH``).

Django's Indonesian formats abbreviate the month ("2 Jan. 2023", "17 Des. 1988, 0.00"): what the admin,
a bare ``{{ date }}`` in a template and ``date_format`` print. ``id/formats.py`` overrides only the
display formats, so everything Django prints reads like the portal's own pages ("2 Januari 2023",
``wilayah.periode.tanggal_id``); the input formats stay Django's.
"""
