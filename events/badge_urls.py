from django.urls import path

from . import badge_views

urlpatterns = [
    path("staff/e/<slug:slug>/documents", badge_views.documents, name="staff_documents"),
]
