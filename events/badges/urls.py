from django.urls import path

from . import views

urlpatterns = [
    path("staff/e/<slug:slug>/documents", views.documents, name="staff_documents"),
]
