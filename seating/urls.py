from django.urls import path

from . import views

urlpatterns = [
    path("staff/e/<slug:slug>/seating", views.plans_page, name="staff_seating"),
    path("staff/e/<slug:slug>/seating/protocol", views.protocol_action, name="staff_seating_protocol"),
    path("staff/e/<slug:slug>/seating/<int:plan_id>", views.plan_page, name="staff_seating_plan"),
    path("staff/e/<slug:slug>/seating/<int:plan_id>/do", views.plan_action, name="staff_seating_action"),
    path("staff/e/<slug:slug>/seating/<int:plan_id>/hall", views.hall_page, name="staff_seating_hall"),
]
