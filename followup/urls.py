from django.urls import path

from . import views

urlpatterns = [
    path("p/<str:token>", views.unit_returns, name="followup_returns"),
    path("s/<slug:series>/follow-up", views.public_summary, name="followup_summary"),
    path("staff/s/<slug:series>/projects", views.staff_projects, name="followup_projects"),
    path("staff/s/<slug:series>/projects/returns", views.staff_open_returns, name="followup_open_returns"),
    path("staff/s/<slug:series>/projects/<int:project_id>", views.staff_project, name="followup_project"),
    path(
        "staff/projects/<int:project_id>/evidence/<int:evidence_id>",
        views.evidence_file,
        name="followup_evidence",
    ),
    path(
        "staff/s/<slug:series>/projects/<int:project_id>/updates",
        views.staff_add_update,
        name="followup_add_update",
    ),
]
