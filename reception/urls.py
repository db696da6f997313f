from django.urls import path

from . import views

urlpatterns = [
    path("staff/e/<slug:slug>/reception", views.reception_page, name="staff_reception"),
    path("staff/e/<slug:slug>/reception/do", views.reception_action, name="staff_reception_action"),
]
