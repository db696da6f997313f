from django.urls import path

from . import views

urlpatterns = [
    path("verify/<str:serial>", views.verify, name="verify_award"),
    path("staff/e/<slug:slug>/signing", views.staff_signing, name="staff_signing"),
    path("staff/organizations", views.staff_organizations, name="staff_organizations"),
    path("staff/organizations/<int:org_id>", views.staff_organization, name="staff_organization"),
]
