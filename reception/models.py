"""Reception (会务接待): hotels with room blocks and rooms, stays, stations, vehicles, pickup runs, meals and
the notices sent. What a person asked for comes from the reply form (events.ReplyForm); a Stay holds what
reception adds to it (gender, whom one accompanies, nights edited by staff, the room)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import Category, CheckInPoint, Edition, Registration


class RoomType(models.TextChoices):
    SINGLE = "single", "单间 Single"
    TWIN = "twin", "标间 Twin"
    SUITE = "suite", "套间 Suite"


class Hotel(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="hotels", verbose_name=_("edition")
    )
    name = models.CharField(max_length=100, verbose_name=_("name"))
    name_en = models.CharField(max_length=100, blank=True, verbose_name=_("name (English)"))
    address = models.CharField(max_length=200, blank=True, verbose_name=_("address"))
    contact = models.CharField(max_length=100, blank=True, verbose_name=_("contact"))
    phone = models.CharField(max_length=30, blank=True, verbose_name=_("phone"))
    distance_minutes = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("distance minutes"))

    class Meta:
        ordering = ["edition", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="hotel_name_unique")]
        verbose_name = _("hotel")
        verbose_name_plural = _("hotels")

    def __str__(self) -> str:
        return self.name


class RoomBlock(models.Model):
    """Rooms of one type held by the hotel for the conference: {night (ISO date): count}."""

    hotel = models.ForeignKey(Hotel, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("hotel"))
    room_type = models.CharField(max_length=10, choices=RoomType.choices, verbose_name=_("room type"))
    nights = models.JSONField(default=dict, verbose_name=_("nights"))
    rate = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True, verbose_name=_("rate"))
    cutoff_on = models.DateField(null=True, blank=True, verbose_name=_("cutoff on"))

    class Meta:
        ordering = ["hotel", "room_type", "id"]
        constraints = [models.UniqueConstraint(fields=["hotel", "room_type"], name="room_block_unique")]
        verbose_name = _("room block")
        verbose_name_plural = _("room blocks")

    def __str__(self) -> str:
        return f"{self.hotel} {self.room_type}"


class Room(models.Model):
    hotel = models.ForeignKey(Hotel, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("hotel"))
    number = models.CharField(max_length=20, verbose_name=_("number"))
    room_type = models.CharField(max_length=10, choices=RoomType.choices, verbose_name=_("room type"))
    beds = models.PositiveSmallIntegerField(default=1, verbose_name=_("beds"))
    floor = models.CharField(max_length=10, blank=True, verbose_name=_("floor"))

    class Meta:
        ordering = ["hotel", "number"]
        constraints = [models.UniqueConstraint(fields=["hotel", "number"], name="room_number_unique")]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self) -> str:
        return f"{self.hotel} {self.number}"


class Stay(models.Model):
    """Reception's part of a person's stay: the reply form's answers stay where they are; `nights` is set
    only when staff edit them (None: from arrival to departure)."""

    class Gender(models.TextChoices):
        NONE = "", "—"
        FEMALE = "f", "女 Female"
        MALE = "m", "男 Male"

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="stays", verbose_name=_("edition")
    )
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="stay", verbose_name=_("registration")
    )
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True, verbose_name=_("gender"))
    accompanies = models.CharField(
        max_length=12, blank=True, help_text="The leader's registration code", verbose_name=_("accompanies")
    )
    nights = models.JSONField(null=True, blank=True, verbose_name=_("nights"))
    hotel = models.ForeignKey(
        Hotel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wishes",
        verbose_name=_("hotel"),
    )
    room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="stays", verbose_name=_("room")
    )
    pinned = models.BooleanField(default=False, verbose_name=_("pinned"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        ordering = ["edition", "id"]
        verbose_name = _("stay")
        verbose_name_plural = _("stays")

    def __str__(self) -> str:
        return f"stay {self.registration_id}"


class Station(models.Model):
    class Kind(models.TextChoices):
        AIRPORT = "airport", "机场 Airport"
        RAIL = "rail", "火车站 Railway station"

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="stations", verbose_name=_("edition")
    )
    name = models.CharField(max_length=100, verbose_name=_("name"))
    kind = models.CharField(max_length=8, choices=Kind.choices, verbose_name=_("kind"))
    travel_minutes = models.PositiveIntegerField(default=60, verbose_name=_("travel minutes"))

    class Meta:
        ordering = ["edition", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="station_name_unique")]
        verbose_name = _("station")
        verbose_name_plural = _("stations")

    def __str__(self) -> str:
        return self.name


class Vehicle(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="vehicles", verbose_name=_("edition")
    )
    plate = models.CharField(max_length=20, verbose_name=_("plate"))
    kind = models.CharField(max_length=30, blank=True, verbose_name=_("kind"))
    seats = models.PositiveSmallIntegerField(verbose_name=_("seats"))
    driver_name = models.CharField(max_length=50, verbose_name=_("driver name"))
    driver_phone = models.CharField(max_length=30, verbose_name=_("driver phone"))

    class Meta:
        ordering = ["edition", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "plate"], name="vehicle_plate_unique")]
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")

    def __str__(self) -> str:
        return self.plate


class PickupRun(models.Model):
    """One trip of one vehicle: at the station at `at` (arrivals) or leaving the hotel at `at` (departures)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="pickup_runs", verbose_name=_("edition")
    )
    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="runs", verbose_name=_("station")
    )
    direction = models.CharField(max_length=10, verbose_name=_("direction"))
    date = models.DateField(verbose_name=_("date"))
    at = models.TimeField(verbose_name=_("at"))
    window_from = models.TimeField(verbose_name=_("window from"))
    window_to = models.TimeField(verbose_name=_("window to"))
    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="runs",
        verbose_name=_("vehicle"),
    )
    greeter = models.CharField(max_length=50, blank=True, verbose_name=_("greeter"))

    class Meta:
        ordering = ["edition", "date", "at", "id"]
        verbose_name = _("pickup run")
        verbose_name_plural = _("pickup runs")

    def __str__(self) -> str:
        return f"{self.date} {self.at} {self.station_id}"


class PickupSeat(models.Model):
    run = models.ForeignKey(
        PickupRun, on_delete=models.CASCADE, related_name="passengers", verbose_name=_("run")
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="pickup_seats", verbose_name=_("registration")
    )
    number = models.CharField(max_length=20, blank=True, verbose_name=_("number"))
    time = models.TimeField(null=True, blank=True, verbose_name=_("time"))

    class Meta:
        ordering = ["run", "time", "id"]
        verbose_name = _("pickup seat")
        verbose_name_plural = _("pickup seats")

    def __str__(self) -> str:
        return f"{self.run_id} {self.registration_id}"


class MealSession(models.Model):
    class Kind(models.TextChoices):
        BREAKFAST = "breakfast", "早餐 Breakfast"
        LUNCH = "lunch", "午餐 Lunch"
        DINNER = "dinner", "晚餐 Dinner"

    class Style(models.TextChoices):
        BUFFET = "buffet", "自助餐 Buffet"
        TABLE = "table", "桌餐 Table"
        BANQUET = "banquet", "宴会 Banquet"

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="meal_sessions", verbose_name=_("edition")
    )
    date = models.DateField(verbose_name=_("date"))
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("kind"))
    style = models.CharField(max_length=10, choices=Style.choices, verbose_name=_("style"))
    venue = models.CharField(max_length=100, blank=True, verbose_name=_("venue"))
    point = models.ForeignKey(
        CheckInPoint, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("point")
    )
    categories = models.ManyToManyField(Category, blank=True, verbose_name=_("categories"))
    standard = models.DecimalField(
        max_digits=9, decimal_places=2, null=True, blank=True, verbose_name=_("standard")
    )

    class Meta:
        ordering = ["edition", "date", "kind", "id"]
        verbose_name = _("meal session")
        verbose_name_plural = _("meal sessions")

    def __str__(self) -> str:
        return f"{self.date} {self.kind}"


class Notice(models.Model):
    """A notice sent: who, what (kind and a digest of the details told), when, on which channels."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="reception_notices", verbose_name=_("edition")
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="reception_notices",
        verbose_name=_("registration"),
    )
    kind = models.CharField(max_length=10, verbose_name=_("kind"))
    digest = models.CharField(max_length=64, verbose_name=_("digest"))
    details = models.JSONField(default=dict, verbose_name=_("details"))
    channels = models.JSONField(default=list, verbose_name=_("channels"))
    sent_at = models.DateTimeField(auto_now_add=True, verbose_name=_("sent at"))

    class Meta:
        ordering = ["edition", "-sent_at", "-id"]
        indexes = [models.Index(fields=["registration", "kind"], name="notice_person_kind")]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return f"{self.kind} {self.registration_id}"
