# Display formats for Bahasa Indonesia (see wilayah/formats/__init__.py). Whatever is not set here
# (input formats, separators, first day of the week) comes from django.conf.locale.id.formats.
DATE_FORMAT = "j F Y"  # 2 Januari 2023
DATETIME_FORMAT = "j F Y H.i"  # 2 Januari 2023 08.30
TIME_FORMAT = "H.i"
SHORT_DATE_FORMAT = "d/m/Y"  # 02/01/2023, as people type it in forms and spreadsheets
SHORT_DATETIME_FORMAT = "d/m/Y H.i"
