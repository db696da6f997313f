from django.urls import path

from . import staff_views, views

urlpatterns = [
    path("u/<str:token>", views.unit_page, name="unit"),
    path("u/<str:token>/upload", views.unit_upload, name="unit_upload"),
    path("u/<str:token>/p/<str:code>/substitute", views.unit_substitute, name="unit_substitute"),
    path("u/<str:token>/p/<str:code>/reply", views.unit_reply, name="unit_reply"),
    path("r/<str:token>/reply", views.manage_reply, name="manage_reply"),
    path("staff/e/<slug:slug>/units", staff_views.staff_units, name="staff_units"),
    path(
        "staff/e/<slug:slug>/units/reply-sections",
        staff_views.staff_reply_sections,
        name="staff_reply_sections",
    ),
    path("staff/e/<slug:slug>/documents/invitations", staff_views.start_letters, name="staff_start_letters"),
]
