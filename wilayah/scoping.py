"""The one mechanism that answers "may this user do this to these rows".

``Model.objects.for_user(user, action="view")`` returns the rows ``user`` may ``action``
(view, add, change, delete, or an action a model declares, such as ``"nilai"``: score a contest
entry). It is asked by views, services, forms, the admin and tasks alike; nothing else decides.
The answer has three parts, checked in this order:

1. ``boleh(user, model, action)``: the user is active, has a scope row (or is a superuser), holds
   the action's model permission, and is not a read-only role (``wilayah.roles.PERAN_HANYA_BACA``:
   Kantor Wali Kota never writes, whatever else it is named as).
2. The row's region: every model bound to a kelurahan (directly or through an RW, a kecamatan...)
   uses ``ScopedQuerySet.as_manager()`` (or a subclass) and says how it reaches the region tree:

   ``scope_kelurahan_lookup``  the ORM lookup that gives the kelurahan id of a row
                               (``"kelurahan"``, ``"rw__kelurahan"``, ``"pk"`` for Kelurahan);
   ``scope_kecamatan_lookup``  the lookup that gives the kecamatan id; by default
                               ``scope_kelurahan_lookup + "__kecamatan"``.

   Superusers and city-wide scopes (Bappeda, Kantor Wali Kota) reach every region; a kecamatan
   scope (Camat) its kecamatan; a kelurahan scope (Operator Kelurahan) its kelurahan.
3. A model narrows a specific action by overriding ``ScopedQuerySet.scope_q(lingkup, user=, action=)``
   (a Forkom board is changed only at the user's own level; a contest entry is scored only by
   its jury). The override receives ``lingkup=None`` for a superuser and the city scope row
   for city-wide users, so a narrowing can hold for them too.

Anonymous users and users without a scope row get nothing (default deny).
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Q

AKSI_BAWAAN = ("view", "add", "change", "delete")


class Tingkat(models.TextChoices):
    """The level of a user's scope."""

    KELURAHAN = "kelurahan", "Kelurahan"
    KECAMATAN = "kecamatan", "Kecamatan"
    KOTA = "kota", "Kota"


def lingkup_of(user):
    """The user's scope row (``wilayah.Lingkup``) or None. Cached on the user object."""
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(user, "_lingkup_cache"):
        Lingkup = apps.get_model("wilayah", "Lingkup")
        user._lingkup_cache = Lingkup.objects.select_related("kelurahan__kecamatan", "kecamatan").filter(user=user).first()
    return user._lingkup_cache


def sees_whole_city(user) -> bool:
    """Superusers and city-wide scopes: the region part of the answer is "every region"."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    lingkup = lingkup_of(user)
    return lingkup is not None and lingkup.tingkat == Tingkat.KOTA


def mencakup(user, tingkat: str) -> bool:
    """Whether the user's scope reaches a whole ``tingkat`` (kota: the city pages)."""
    if tingkat == Tingkat.KOTA:
        return sees_whole_city(user)
    lingkup = lingkup_of(user)
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    if lingkup is None:
        return False
    urutan = [Tingkat.KELURAHAN, Tingkat.KECAMATAN, Tingkat.KOTA]
    return urutan.index(lingkup.tingkat) >= urutan.index(tingkat)


def hanya_baca(user) -> bool:
    """A member of a read-only role (superusers excepted)."""
    from .roles import PERAN_HANYA_BACA, peran_pengguna

    return not user.is_superuser and bool(peran_pengguna(user) & PERAN_HANYA_BACA)


def izin_aksi(model, action: str) -> str:
    """The model permission an action needs: ``"app.<action>_<model>"``, or what the model's
    queryset declares for its own actions (``izin_aksi_khusus``)."""
    khusus = getattr(type(model._default_manager.all()), "izin_aksi_khusus", {})
    if action in khusus:
        return khusus[action]
    if action not in AKSI_BAWAAN:
        raise ValueError(f"{model._meta.label}: aksi tidak dikenal: {action}")
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def boleh(user, model, action: str = "view") -> bool:
    """May ``user`` do ``action`` to rows of ``model`` at all (before looking at any row's region)?"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    perm = izin_aksi(model, action)
    if action != "view" and hanya_baca(user):
        return False
    if not user.is_superuser and lingkup_of(user) is None:
        return False
    return user.has_perm(perm)


def boleh_atas(user, obj, action: str = "view") -> bool:
    """May ``user`` do ``action`` to this stored row? (One query.)"""
    if obj is None or obj.pk is None:
        return False
    return type(obj)._default_manager.for_user(user, action).filter(pk=obj.pk).exists()


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows how to restrict itself to what a user may do."""

    #: actions of this model beyond view/add/change/delete: action -> "app.permission_codename"
    izin_aksi_khusus: dict[str, str] = {}

    def _lookups(self) -> tuple[str, str]:
        kel = getattr(self.model, "scope_kelurahan_lookup", None)
        if kel is None:
            raise TypeError(f"{self.model.__name__} memakai ScopedQuerySet tetapi tidak menyatakan scope_kelurahan_lookup.")
        kec = getattr(self.model, "scope_kecamatan_lookup", None) or f"{kel}__kecamatan"
        return kel, kec

    def wilayah_q(self, lingkup) -> Q:
        """The rows of the region of ``lingkup`` (None or the city: every row)."""
        if lingkup is None or lingkup.tingkat == Tingkat.KOTA:
            return Q()
        kel, kec = self._lookups()
        if lingkup.tingkat == Tingkat.KELURAHAN:
            return Q(**{kel: lingkup.kelurahan_id})
        if lingkup.tingkat == Tingkat.KECAMATAN:
            return Q(**{kec: lingkup.kecamatan_id})
        raise ValueError(f"Tingkat tidak dikenal: {lingkup.tingkat}")

    def scope_q(self, lingkup, *, user, action: str) -> Q:
        """The rows ``user`` (scope ``lingkup``; None for a superuser) may ``action``. Override to
        narrow an action; call ``wilayah_q`` for the region part."""
        return self.wilayah_q(lingkup)

    def for_user(self, user, action: str = "view"):
        if not boleh(user, self.model, action):
            return self.none()
        lingkup = None if user.is_superuser else lingkup_of(user)
        return self.filter(self.scope_q(lingkup, user=user, action=action))


def is_scoped_model(model) -> bool:
    return isinstance(model._default_manager.all(), ScopedQuerySet)


def scoped_models():
    """Every installed region-bound model (scoped, not a city-wide list): the scoping tests iterate these."""
    return [m for m in apps.get_models() if is_region_bound(m)]


class CityWideQuerySet(ScopedQuerySet):
    """City-wide reference rows that belong to no kelurahan (managed lists, targets, settings).

    Every user holding the action's permission may act on all of them, whatever their region;
    anonymous users and users without a scope row get nothing, as everywhere else. These models
    are not region-bound, so the scoping matrix does not list them (``is_region_bound``).
    """

    def wilayah_q(self, lingkup) -> Q:
        return Q()


def is_region_bound(model) -> bool:
    """Scoped and bound to a kelurahan (not a city-wide reference list)."""
    return is_scoped_model(model) and not isinstance(model._default_manager.all(), CityWideQuerySet)
