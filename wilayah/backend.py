"""The authentication backend of ``settings.AUTHENTICATION_BACKENDS`` (after django-axes' own)."""

from django.contrib.auth.backends import ModelBackend

from .roles import muat_peran_dan_izin


class BackendPeran(ModelBackend):
    """``ModelBackend`` whose permission lookups go through ``muat_peran_dan_izin``: one query per
    request for the roles and every permission. Authentication, superusers, inactive users and
    object permissions are ``ModelBackend``'s."""

    def _muat(self, user_obj, obj, cache_name) -> None:
        if obj is None and user_obj.is_active and not user_obj.is_anonymous and not user_obj.is_superuser and not hasattr(user_obj, cache_name):
            muat_peran_dan_izin(user_obj)

    def get_user_permissions(self, user_obj, obj=None):
        self._muat(user_obj, obj, "_user_perm_cache")
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        self._muat(user_obj, obj, "_group_perm_cache")
        return super().get_group_permissions(user_obj, obj)
