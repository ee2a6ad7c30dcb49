"""The four roles, as Django groups with model permissions.

The groups are created by a migration (``0002_peran``); their permissions are kept in step
with the installed models after every ``migrate`` (a ``post_migrate`` handler), so a model
added by a programme app gets its role permissions without a hand-written migration.

Default permissions for a region-bound (scoped) model:
- Operator Kelurahan (lurah, kasi Pemmas): view, add, change; no delete (deactivate instead);
- Camat: view;
- Bappeda: view, add, change, delete;
- Kantor Wali Kota: view (read-only).
A model changes this with a class attribute ``role_actions = {ROLE: {"view", ...}}``
(only the roles it names are replaced). Models that are not scoped get no role permissions
unless they name them in ``role_actions``.
"""

from django.apps import apps as global_apps

OPERATOR_KELURAHAN = "Operator Kelurahan"
CAMAT = "Camat"
BAPPEDA = "Bappeda"
KANTOR_WALI_KOTA = "Kantor Wali Kota"

ROLES = (OPERATOR_KELURAHAN, CAMAT, BAPPEDA, KANTOR_WALI_KOTA)

#: Roles that only ever read: whatever else a member is named as (a jury member, a member of another
#: group), ``wilayah.scoping.boleh`` refuses them every action but "view", and their group never
#: receives another permission.
PERAN_HANYA_BACA = frozenset({KANTOR_WALI_KOTA})

DEFAULT_SCOPED_ACTIONS = {
    OPERATOR_KELURAHAN: {"view", "add", "change"},
    CAMAT: {"view"},
    BAPPEDA: {"view", "add", "change", "delete"},
    KANTOR_WALI_KOTA: {"view"},
}

PORTAL_APPS = {"wilayah", "kader", "lkk", "pud", "wisata", "pelatihan", "laporan"}


def role_actions_for(model) -> dict[str, set[str]]:
    from .scoping import is_region_bound

    actions = {role: set() for role in ROLES}
    if is_region_bound(model):
        actions.update({role: set(a) for role, a in DEFAULT_SCOPED_ACTIONS.items()})
    for role, acts in getattr(model, "role_actions", {}).items():
        actions[role] = set(acts)
    for role in PERAN_HANYA_BACA:
        actions[role] &= {"view"}
    return actions


def sync_role_permissions(using="default", **kwargs):
    """Create the groups if needed and give them exactly the permissions the models declare."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in global_apps.get_app_configs():
        if app_config.label in PORTAL_APPS:
            create_contenttypes(app_config, verbosity=0, using=using)
            create_permissions(app_config, verbosity=0, using=using)

    wanted: dict[str, set[tuple[str, str]]] = {role: set() for role in ROLES}
    for model in global_apps.get_models():
        if model._meta.app_label not in PORTAL_APPS:
            continue
        for role, acts in role_actions_for(model).items():
            for act in acts:
                wanted[role].add((model._meta.app_label, f"{act}_{model._meta.model_name}"))

    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        perms = [
            p
            for p in Permission.objects.using(using).select_related("content_type").filter(content_type__app_label__in=PORTAL_APPS)
            if (p.content_type.app_label, p.codename) in wanted[role]
        ]
        group.permissions.set(perms)


def peran_pengguna(user) -> set[str]:
    """The user's role (group) names, read once per request and cached on the user object (with the
    user's permissions: ``muat_peran_dan_izin``)."""
    if user is None or not user.is_authenticated:
        return set()
    if not hasattr(user, "_peran_cache"):
        muat_peran_dan_izin(user)
    return user._peran_cache


#: What ``muat_peran_dan_izin`` caches on the user object (the last three are ``ModelBackend``'s own).
_CACHE_PERAN = ("_peran_cache", "_user_perm_cache", "_group_perm_cache", "_perm_cache")


def muat_peran_dan_izin(user) -> None:
    """Read the user's role names, their groups' permissions and their own permissions in one query (a
    UNION), and cache them on the user object where ``peran_pengguna`` and Django's ``ModelBackend``
    look: a page that checks a permission and a role pays one query, not three (group names, user
    permissions, group permissions). Superusers and inactive users get only their roles cached here:
    ``ModelBackend`` gives a superuser every permission and an inactive user none, as before."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import CharField, Value

    grup = Group.objects.filter(user=user).order_by().values_list("name", "permissions__content_type__app_label", "permissions__codename")
    sendiri = Permission.objects.filter(user=user).order_by().values_list(Value(None, output_field=CharField()), "content_type__app_label", "codename")
    peran, izin_grup, izin_sendiri = set(), set(), set()
    for nama, app_label, codename in grup.union(sendiri, all=True):
        if nama is not None:
            peran.add(nama)
        if codename is not None:
            (izin_grup if nama is not None else izin_sendiri).add(f"{app_label}.{codename}")
    user._peran_cache = peran
    if user.is_active and not user.is_superuser:
        user._user_perm_cache, user._group_perm_cache = izin_sendiri, izin_grup


def lupakan_peran_dan_izin(user) -> None:
    """Forget what ``muat_peran_dan_izin`` and ``ModelBackend`` cached on ``user`` (after changing the
    user's groups or permissions within the same request)."""
    for nama in _CACHE_PERAN:
        user.__dict__.pop(nama, None)
