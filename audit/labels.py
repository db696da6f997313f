"""What an audit entry's `action` means, in words, in the reader's language. The action itself stays the
machine name: a staff page's URL name, an API operation's name (audit/actions.py: qualified by its app when two
apps' operations share a name), a sign-in event, or a Django admin URL name. `tests/audit/test_labels.py`
walks the URL patterns and the API's operations: every staff write route has its label here."""

from django.apps import apps
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

# Sign-ins and token use (audit/services.py).
EVENTS = {
    "login": _("Signed in"),
    "logout": _("Signed out"),
    "login_failed": _("Failed sign-in"),
    "token_new_address": _("Token used from a new address"),
}

# Staff pages, by URL name.
PAGES = {
    "staff_login_code": _("Sign in with a code"),
    "staff_security": _("Change two-factor sign-in"),
    "oidc_authentication_callback": _("Sign in through the identity provider"),
    "oidc_authentication_init": _("Start signing in through the identity provider"),
    "oidc_logout": _("Sign out of the identity provider"),
    "staff": _("Staff home"),
    "staff_set_password": _("Set a password"),
    "staff_registrations": _("Registrations list"),
    "staff_registration_new": _("Add a registration"),
    "staff_bulk_approve": _("Approve registrations in bulk"),
    "staff_registration_edit": _("Edit a registration"),
    "staff_decide": _("Approve, reject or cancel a registration"),
    "staff_checkin": _("Door scanner"),
    "staff_checkin_dashboard": _("Arrivals dashboard"),
    "staff_hall": _("Hall screen"),
    "staff_checkin_sw": _("Scanner offline worker"),
    "staff_checkin_manifest": _("Scanner app manifest"),
    "staff_documents": _("Documents and badges page"),
    "staff_start_letters": _("Start the invitation letters"),
    "staff_agenda": _("Change the agenda"),
    "staff_session": _("Edit a session"),
    "staff_cancel_session": _("Cancel a session"),
    "staff_publish": _("Publish the agenda"),
    "staff_signing": _("Signing page"),
    "staff_award_issue": _("Issue an award"),
    "staff_award_revoke": _("Revoke an award"),
    "staff_award_title": _("Add or edit an award title"),
    "staff_organizations": _("Organisation registry"),
    "staff_organization": _("Organisation record"),
    "staff_seating": _("Create a seating plan"),
    "staff_seating_protocol": _("Change the protocol list"),
    "staff_seating_plan": _("Seating plan"),
    "staff_seating_action": _("Change a seating plan"),
    "staff_seating_hall": _("Seating plan on the hall screen"),
    "staff_units": _("Add or change a unit"),
    "staff_reply_sections": _("Choose the reply form's sections"),
    "staff_report": _("Conference report"),
    "followup_projects": _("Followed projects"),
    "followup_open_returns": _("Open a reporting period"),
    "followup_project": _("Update a followed project"),
    "followup_add_update": _("Record a project update"),
    "followup_evidence": _("Evidence file"),
    "console_teams": _("Create a team or add a member"),
    "console_team": _("Change a team"),
    "console_new_edition": _("Create an edition"),
    "console_settings": _("Change the edition's settings"),
    "console_publish": _("Publish or unpublish the edition"),
    "console_category_new": _("Add a category"),
    "console_category": _("Change a category"),
    "console_point_new": _("Add a door point"),
    "console_point": _("Change a door point"),
    "console_point_items": _("Add or remove a hand-out item"),
    "console_consent": _("Write a new privacy notice version"),
    "console_consent_confirm": _("Confirm the privacy notice"),
    "console_reply_sections": _("Choose the reply form's sections"),
    "staff_reception": _("Reception page"),
    "staff_reception_action": _("Change reception (hotels, rooms, transport, meals)"),
    "staff_audit": _("Audit log"),
    "staff_org_audit": _("Organiser's audit log"),
}

# API operations (audit/actions.py), staff writes and the public writes the API offers.
API = {
    "patch_event": _("Change the edition's settings"),
    "create_registration": _("Add a registration"),
    "patch_own_registration": _("Attendee changed their registration"),
    "cancel_own_registration": _("Attendee cancelled their registration"),
    "patch_category": _("Change a category"),
    "approve": _("Approve a registration"),
    "reject": _("Reject a registration"),
    "clone": _("Clone the edition for next year"),
    "confirm_consent": _("Confirm the privacy notice"),
    "check_in": _("Check in at the door"),
    "handover": _("Hand out an item"),
    "sync": _("Sync the door's offline scans"),
    "start_badge_job": _("Start a badge run"),
    "publish": _("Publish the agenda"),
    "create_session": _("Add a session"),
    "patch_session": _("Edit a session"),
    "cancel_session": _("Cancel a session"),
    "agenda.create_room": _("Add a room"),
    "create_person": _("Add a speaker or host"),
    "create_project": _("Add a signing project"),
    "reorder_projects": _("Reorder the signing projects"),
    "signing.patch_project": _("Change a signing project"),
    "delete_project": _("Remove a signing project"),
    "create_award": _("Issue an award"),
    "revoke_award": _("Revoke an award"),
    "create_plan": _("Create a seating plan"),
    "seating.assign": _("Assign seats"),
    "swap": _("Swap two seats"),
    "set_protocol_list": _("Set the protocol list"),
    "import_protocol_list": _("Import the protocol list"),
    "create_unit": _("Add a unit"),
    "import_units": _("Import the list of units"),
    "start_letters_job": _("Start the invitation letters"),
    "add_person": _("Unit contact added a person"),
    "import_people": _("Unit contact imported people"),
    "substitute": _("Unit contact replaced a person"),
    "put_unit_reply": _("Unit contact filled in a reply form"),
    "put_own_reply": _("Attendee filled in the reply form"),
    "create_organizer": _("Create an organiser"),
    "create_series": _("Create a series"),
    "create_edition": _("Create an edition"),
    "create_team": _("Create a team"),
    "patch_team": _("Change a team"),
    "delete_team": _("Delete a team"),
    "create_user": _("Add a user"),
    "create_token": _("Mint a team token"),
    "delete_token": _("Revoke a token"),
    "followup.patch_project": _("Change a followed project"),
    "post_update": _("Record a project update"),
    "open_returns": _("Open a reporting period"),
    "post_return": _("Unit submitted a return"),
    "create_hotel": _("Add a hotel"),
    "create_block": _("Add a room block"),
    "reception.create_room": _("Add a hotel room"),
    "patch_stay": _("Change a stay"),
    "reception.assign": _("Assign rooms"),
    "move": _("Move a guest to another room"),
    "create_station": _("Add a station"),
    "create_vehicle": _("Add a vehicle"),
    "plan": _("Plan the pickups"),
    "replan_leg": _("Re-plan a changed travel leg"),
    "upload_rooms": _("Upload hotel rooms (XLSX)"),
    "create_meal": _("Add a meal"),
    "notify": _("Send reception notices"),
    "start_totp": _("Start two-factor enrolment"),
    "confirm_totp": _("Confirm two-factor enrolment"),
}

LABELS = {**EVENTS, **PAGES, **API}

ADMIN_VERBS = {
    "add": _("Site administration: add %(model)s"),
    "change": _("Site administration: change %(model)s"),
    "delete": _("Site administration: delete %(model)s"),
    "history": _("Site administration: history of %(model)s"),
    "password_change": _("Site administration: change the password of %(model)s"),
    "changelist": _("Site administration: act on a list of %(model)s"),
}
ADMIN_OTHER = _("Site administration: %(model)s")
ADMIN_PAGES = frozenset(
    {
        "index",
        "login",
        "admin_login",
        "logout",
        "password_change",
        "password_change_done",
        "jsi18n",
        "app_list",
        "view_on_site",
        "autocomplete",
    }
)


def _admin_label(action: str) -> str | None:
    """A Django admin URL name (`events_edition_change`): the verb on the model's verbose name."""
    if action in ADMIN_PAGES:
        return gettext_now("Site administration")
    for model in apps.get_models():
        key = f"{model._meta.app_label}_{model._meta.model_name}_"
        if action.startswith(key):
            text = ADMIN_VERBS.get(action[len(key) :], ADMIN_OTHER)
            return text % {"model": model._meta.verbose_name}
    return None


def label(action: str) -> str:
    """The action in words (the active language); an action no longer known keeps its machine name."""
    known = LABELS.get(action)
    if known is not None:
        return str(known)
    return _admin_label(action) or action
