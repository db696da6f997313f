from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from accounts import views as accounts_views
from events.console import views as console_views
from events.public import views
from events.registration import staff_views
from organizers import views as organizer_views

from .api import api

handler403 = "events.error_pages.permission_denied"
handler404 = "events.error_pages.page_not_found"

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True), name="favicon"),
    path("s/<slug:slug>/", views.series_home, name="series"),
    path("e/<slug:slug>/", views.edition_home, name="edition"),
    path("e/<slug:slug>/register", views.register, name="register"),
    path("r/<str:token>", views.manage, name="manage"),
    path("r/<str:token>/cancel", views.manage_cancel, name="manage_cancel"),
    path("r/<str:token>/export", views.manage_export, name="manage_export"),
    path("r/<str:token>/ticket.pdf", views.manage_ticket_pdf, name="manage_ticket_pdf"),
    path("r/<str:token>/sw.js", views.manage_worker, name="manage_worker"),
    path("staff/login", accounts_views.LoginView.as_view(), name="login"),
    path("staff/login/code", accounts_views.login_code, name="staff_login_code"),
    path("staff/me/security", accounts_views.security, name="staff_security"),
    path("staff/oidc/", include("mozilla_django_oidc.urls")),
    path("staff/logout", auth_views.LogoutView.as_view(next_page="login"), name="logout"),
    path("staff/", console_views.home, name="staff"),
    path(
        "staff/set-password/<str:uidb64>/<str:token>", organizer_views.set_password, name="staff_set_password"
    ),
    path("staff/e/<slug:slug>/", staff_views.registrations, name="staff_registrations"),
    path(
        "staff/e/<slug:slug>/registrations/new", staff_views.registration_new, name="staff_registration_new"
    ),
    path("staff/e/<slug:slug>/registrations/approve", staff_views.bulk_approve, name="staff_bulk_approve"),
    path(
        "staff/e/<slug:slug>/registrations/<str:code>/edit",
        staff_views.registration_edit,
        name="staff_registration_edit",
    ),
    path(
        "staff/e/<slug:slug>/registrations/<str:code>/<str:action>",
        staff_views.decide,
        name="staff_decide",
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/login/", accounts_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("", include("events.checkin.urls")),
    path("", include("events.badges.urls")),
    path("", include("agenda.urls")),
    path("", include("signing.urls")),
    path("", include("seating.urls")),
    path("", include("events.units.urls")),
    path("", include("reports.urls")),
    path("", include("followup.urls")),
    path("", include("events.console.urls")),
    path("", include("reception.urls")),
    path("", include("audit.urls")),
]
