from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractKind(models.TextChoices):
    CONTRACT = "contract", _("Contract (合同)")
    AGREEMENT = "agreement", _("Agreement (协议)")


class Stage(models.TextChoices):
    SIGNED = "signed", _("Signed")
    REGISTERED = "registered", _("Registered")
    STARTED = "started", _("Started")
    BUILDING = "building", _("Under construction")
    PRODUCING = "producing", _("In production")
    TERMINATED = "terminated", _("Terminated")


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
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")
    GREY = "grey", _("Grey")


LIGHTS = ("red", "yellow", "green", "grey")
