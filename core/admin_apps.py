from django.contrib.admin.apps import AdminConfig


class BeheerAdminConfig(AdminConfig):
    """The admin app with our policy-guarded site (core.admin_site.BeheerSite) as admin.site."""

    default_site = "core.admin_site.BeheerSite"
