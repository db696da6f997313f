from django.urls import path

from . import settings_views as s
from . import teams_views, views

E = "staff/e/<slug:slug>/settings"

urlpatterns = [
    path("staff/o/<slug:org>/teams", teams_views.teams, name="console_teams"),
    path(
        "staff/o/<slug:org>/teams/<int:team_id>/<slug:action>", teams_views.team_action, name="console_team"
    ),
    path("staff/s/<slug:series>/new", views.new_edition, name="console_new_edition"),
    path(E, s.edition_settings, name="console_settings"),
    path(f"{E}/publish", s.publish, name="console_publish"),
    path(f"{E}/categories/new", s.category, name="console_category_new"),
    path(f"{E}/categories/<slug:code>", s.category, name="console_category"),
    path(f"{E}/points/new", s.point, name="console_point_new"),
    path(f"{E}/points/<slug:code>", s.point, name="console_point"),
    path(f"{E}/points/<slug:code>/items", s.point_item, name="console_point_items"),
    path(f"{E}/consent", s.consent, name="console_consent"),
    path(f"{E}/consent/confirm", s.confirm_consent, name="console_consent_confirm"),
    path(f"{E}/reply-sections", s.reply_sections, name="console_reply_sections"),
]
