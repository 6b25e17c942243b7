"""The authentication backend that gives model permissions by the roles of active posts."""

from django.contrib.auth.backends import BaseBackend

from organizations.scoping import scope_for


class PostRoleBackend(BaseBackend):
    """Model permissions follow the roles of a user's active posts: a post that ends takes
    its permissions with it. Which rows a permission reaches is decided by scoping."""

    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        from organizations.roles import permissions_for_roles

        return permissions_for_roles(scope_for(user_obj).roles)

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj))
