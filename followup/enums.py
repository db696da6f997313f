from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ContractKind(models.TextChoices):
    CONTRACT = "contract", _("Contract (合同)")
    AGREEMENT = "agreement", _("Agreement (协议)")


class Stage(models.TextChoices):
    SIGNED = "signed", pgettext_lazy("project stage", "Signed")
    REGISTERED = "registered", pgettext_lazy("project stage", "Registered")
    STARTED = "started", pgettext_lazy("project stage", "Started")
    BUILDING = "building", pgettext_lazy("project stage", "Under construction")
    PRODUCING = "producing", pgettext_lazy("project stage", "In production")
    TERMINATED = "terminated", pgettext_lazy("project stage", "Terminated")


# The order a project moves through; `terminated` may follow any stage.
STAGE_ORDER = {s: i for i, s in enumerate(["signed", "registered", "started", "building", "producing"])}
STARTED_STAGES = ("started", "building", "producing")


class Blocker(models.TextChoices):
    LAND = "land", _("Land")
    EIA = "eia", _("Environmental assessment")
    FINANCING = "financing", _("Financing")
    APPROVAL = "approval", _("Approvals")
    OTHER = "other", _("Other")


class Light(models.TextChoices):
    GREEN = "green", pgettext_lazy("light", "Green")
    YELLOW = "yellow", pgettext_lazy("light", "Yellow")
    RED = "red", pgettext_lazy("light", "Red")
    GREY = "grey", pgettext_lazy("light", "Grey")


LIGHTS = ("red", "yellow", "green", "grey")
