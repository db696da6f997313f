from django.urls import path

from . import award_pages, views

urlpatterns = [
    path("verify/<str:serial>", views.verify, name="verify_award"),
    path("staff/e/<slug:slug>/signing", views.staff_signing, name="staff_signing"),
    path("staff/e/<slug:slug>/signing/awards", award_pages.issue, name="staff_award_issue"),
    path(
        "staff/e/<slug:slug>/signing/awards/<str:serial>/revoke",
        award_pages.revoke,
        name="staff_award_revoke",
    ),
    path("staff/e/<slug:slug>/signing/titles", award_pages.save_title, name="staff_award_title"),
    path("staff/organizations", views.staff_organizations, name="staff_organizations"),
    path("staff/organizations/<int:org_id>", views.staff_organization, name="staff_organization"),
]
