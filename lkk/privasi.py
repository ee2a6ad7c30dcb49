"""Who sees a board member's NIK in full (UU 27/2022): the owning kelurahan's operator, Bappeda, superusers.
Everyone else sees it masked (``3574••••••••0012``)."""

from wilayah.nik import samarkan_nik
from wilayah.roles import BAPPEDA, OPERATOR_KELURAHAN
from wilayah.scoping import Tingkat, lingkup_of


def _groups(user) -> set[str]:
    if not hasattr(user, "_lkk_groups"):
        user._lkk_groups = set(user.groups.values_list("name", flat=True))
    return user._lkk_groups


def boleh_lihat_nik(user, kelurahan_id) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    lingkup = lingkup_of(user)
    if lingkup is None:
        return False
    groups = _groups(user)
    if BAPPEDA in groups and lingkup.tingkat == Tingkat.KOTA:
        return True
    return OPERATOR_KELURAHAN in groups and lingkup.tingkat == Tingkat.KELURAHAN and lingkup.kelurahan_id == kelurahan_id


def nik_untuk(user, nik: str, kelurahan_id) -> str:
    return nik if boleh_lihat_nik(user, kelurahan_id) else samarkan_nik(nik)
