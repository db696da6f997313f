from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "staff sign-in"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # the app registry: these import models, loaded only once the registry is ready
        from django.contrib import admin

        from events import hooks

        from . import twofactor

        hooks.register_session_check(twofactor.check_session)
        # The admin's password form refuses accounts with two factors: they sign in at /staff/login.
        admin.site.login_form = twofactor.AdminLoginForm
