from django.urls import path

from . import badge_views

urlpatterns = [
    path("staff/e/<slug:slug>/documents", badge_views.documents, name="staff_documents"),
    path("staff/e/<slug:slug>/documents/invitations", badge_views.start_letters, name="staff_start_letters"),
]
