from django.urls import path

from . import views

urlpatterns = [
    path("e/<slug:slug>/agenda", views.agenda_page, name="agenda"),
    path("staff/e/<slug:slug>/agenda", views.staff_agenda, name="staff_agenda"),
    path("staff/e/<slug:slug>/agenda/sessions/<int:session_id>", views.staff_session, name="staff_session"),
    path(
        "staff/e/<slug:slug>/agenda/sessions/<int:session_id>/cancel",
        views.staff_cancel_session,
        name="staff_cancel_session",
    ),
    path("staff/e/<slug:slug>/agenda/publish", views.staff_publish, name="staff_publish"),
]
