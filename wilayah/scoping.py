"""The one mechanism that scopes region-bound data to a user.

Every model bound to a kelurahan (directly or through an RW, a kecamatan...) uses
``ScopedQuerySet.as_manager()`` (or a subclass) as its default manager and says how
it reaches the region tree with two class attributes:

``scope_kelurahan_lookup``  the ORM lookup that gives the kelurahan id of a row
                            (``"kelurahan"``, ``"rw__kelurahan"``, ``"pk"`` for Kelurahan).
``scope_kecamatan_lookup``  the lookup that gives the kecamatan id; by default
                            ``scope_kelurahan_lookup + "__kecamatan"``.

``Model.objects.for_user(user)`` then returns only what the user may see:
- superusers and city-wide scopes (Bappeda, Kantor Wali Kota): everything;
- a kecamatan scope (Camat): rows of that kecamatan;
- a kelurahan scope (Operator Kelurahan): rows of that kelurahan;
- anonymous users and users with no scope row: nothing (default deny).

Models whose rows may sit at several levels (a city-wide board and a kelurahan board)
override ``scope_q`` in a queryset subclass.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Q


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
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    lingkup = lingkup_of(user)
    return lingkup is not None and lingkup.tingkat == Tingkat.KOTA


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows how to restrict itself to a user's region."""

    def _lookups(self) -> tuple[str, str]:
        kel = getattr(self.model, "scope_kelurahan_lookup", None)
        if kel is None:
            raise TypeError(f"{self.model.__name__} memakai ScopedQuerySet tetapi tidak menyatakan scope_kelurahan_lookup.")
        kec = getattr(self.model, "scope_kecamatan_lookup", None) or f"{kel}__kecamatan"
        return kel, kec

    def scope_q(self, lingkup) -> Q:
        """The filter for a kelurahan or kecamatan scope. Override for multi-level rows."""
        kel, kec = self._lookups()
        if lingkup.tingkat == Tingkat.KELURAHAN:
            return Q(**{kel: lingkup.kelurahan_id})
        if lingkup.tingkat == Tingkat.KECAMATAN:
            return Q(**{kec: lingkup.kecamatan_id})
        raise ValueError(f"Tingkat tidak dikenal: {lingkup.tingkat}")

    def for_user(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if sees_whole_city(user):
            return self.all()
        lingkup = lingkup_of(user)
        if lingkup is None:
            return self.none()
        return self.filter(self.scope_q(lingkup))


def is_scoped_model(model) -> bool:
    return isinstance(model._default_manager.all(), ScopedQuerySet)


def scoped_models():
    """Every installed model whose default manager scopes by user: the scoping tests iterate these."""
    return [m for m in apps.get_models() if is_scoped_model(m)]


class CityWideQuerySet(models.QuerySet):
    """City-wide reference rows that belong to no kelurahan (managed lists, targets, settings).

    Every user with a scope (and superusers) may read them; anonymous users and users without
    a scope row see nothing, as everywhere else. Writes are limited by model permissions.
    These models are not region-bound, so the scoping matrix does not list them.
    """

    def for_user(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser or lingkup_of(user) is not None:
            return self.all()
        return self.none()
