from django.urls import path

from . import views

urlpatterns = [
    path("staff/e/<slug:slug>/audit", views.audit_log, name="staff_audit"),
    path("staff/o/<slug:org>/audit", views.organizer_audit_log, name="staff_org_audit"),
]
