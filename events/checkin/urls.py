from django.urls import path

from . import views

urlpatterns = [
    path("staff/e/<slug:slug>/checkin", views.scanner, name="staff_checkin"),
    path("staff/e/<slug:slug>/checkin/dashboard", views.dashboard, name="staff_checkin_dashboard"),
    path("staff/e/<slug:slug>/hall", views.hall, name="staff_hall"),
    path("staff/e/<slug:slug>/checkin/sw.js", views.scanner_worker, name="staff_checkin_sw"),
    path(
        "staff/e/<slug:slug>/checkin/manifest.webmanifest",
        views.scanner_manifest,
        name="staff_checkin_manifest",
    ),
]
