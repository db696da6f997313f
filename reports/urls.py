from django.urls import path

from . import views

urlpatterns = [
    path("staff/e/<slug:slug>/report", views.report_page, name="staff_report"),
]
