from django.urls import path

from . import checkin_views

urlpatterns = [
    path("staff/e/<slug:slug>/checkin", checkin_views.scanner, name="staff_checkin"),
    path("staff/e/<slug:slug>/checkin/dashboard", checkin_views.dashboard, name="staff_checkin_dashboard"),
    path("staff/e/<slug:slug>/hall", checkin_views.hall, name="staff_hall"),
    path("staff/e/<slug:slug>/checkin/sw.js", checkin_views.scanner_worker, name="staff_checkin_sw"),
    path(
        "staff/e/<slug:slug>/checkin/manifest.webmanifest",
        checkin_views.scanner_manifest,
        name="staff_checkin_manifest",
    ),
]
