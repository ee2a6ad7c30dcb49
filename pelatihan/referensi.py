"""The organisers and speakers' institutions the city's trainings name (seeds 000, 001, 004),
loaded by a data migration so the first diklat can be recorded without typing them."""

INSTANSI_BAWAAN = [
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "Bappeda"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD"),
    ("Dinas Sosial dan Pemberdayaan Masyarakat", "Dinsos-PM"),
    ("Badan Pengembangan Sumber Daya Manusia Provinsi Jawa Timur", "BPSDM Jatim"),
    ("Komisi II DPRD Kota Probolinggo", "Komisi II DPRD"),
    ("Dinas Koperasi, Usaha Mikro dan Perdagangan", "DKUP"),
    ("Dinas Kepemudaan, Olahraga dan Pariwisata", "Dispopar"),
    ("Dinas Ketahanan Pangan, Pertanian dan Perikanan", "DKPPP"),
]


def isi_instansi(Instansi) -> None:
    """Create the starting institutions that are missing (by name); edits are kept."""
    for nama, singkatan in INSTANSI_BAWAAN:
        Instansi.objects.get_or_create(nama=nama, defaults={"singkatan": singkatan})
