"""Reception (会务接待): hotels with room blocks and rooms, stays, stations, vehicles, pickup runs, meals and
the notices sent. What a person asked for comes from the reply form (events.ReplyForm); a Stay holds what
reception adds to it (gender, whom one accompanies, nights edited by staff, the room)."""

from django.db import models

from events.models import Category, CheckInPoint, Edition, Registration


class RoomType(models.TextChoices):
    SINGLE = "single", "单间 Single"
    TWIN = "twin", "标间 Twin"
    SUITE = "suite", "套间 Suite"


class Hotel(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="hotels")
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    address = models.CharField(max_length=200, blank=True)
    contact = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    distance_minutes = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["edition", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="hotel_name_unique")]

    def __str__(self) -> str:
        return self.name


class RoomBlock(models.Model):
    """Rooms of one type held by the hotel for the conference: {night (ISO date): count}."""

    hotel = models.ForeignKey(Hotel, on_delete=models.CASCADE, related_name="blocks")
    room_type = models.CharField(max_length=10, choices=RoomType.choices)
    nights = models.JSONField(default=dict)
    rate = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    cutoff_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["hotel", "room_type", "id"]
        constraints = [models.UniqueConstraint(fields=["hotel", "room_type"], name="room_block_unique")]

    def __str__(self) -> str:
        return f"{self.hotel} {self.room_type}"


class Room(models.Model):
    hotel = models.ForeignKey(Hotel, on_delete=models.CASCADE, related_name="rooms")
    number = models.CharField(max_length=20)
    room_type = models.CharField(max_length=10, choices=RoomType.choices)
    beds = models.PositiveSmallIntegerField(default=1)
    floor = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["hotel", "number"]
        constraints = [models.UniqueConstraint(fields=["hotel", "number"], name="room_number_unique")]

    def __str__(self) -> str:
        return f"{self.hotel} {self.number}"


class Stay(models.Model):
    """Reception's part of a person's stay: the reply form's answers stay where they are; `nights` is set
    only when staff edit them (None: from arrival to departure)."""

    class Gender(models.TextChoices):
        NONE = "", "—"
        FEMALE = "f", "女 Female"
        MALE = "m", "男 Male"

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="stays")
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="stay")
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True)
    accompanies = models.CharField(max_length=12, blank=True, help_text="The leader's registration code")
    nights = models.JSONField(null=True, blank=True)
    hotel = models.ForeignKey(Hotel, on_delete=models.SET_NULL, null=True, blank=True, related_name="wishes")
    room = models.ForeignKey(Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="stays")
    pinned = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["edition", "id"]

    def __str__(self) -> str:
        return f"stay {self.registration_id}"


class Station(models.Model):
    class Kind(models.TextChoices):
        AIRPORT = "airport", "机场 Airport"
        RAIL = "rail", "火车站 Railway station"

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="stations")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    travel_minutes = models.PositiveIntegerField(default=60)

    class Meta:
        ordering = ["edition", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="station_name_unique")]

    def __str__(self) -> str:
        return self.name


class Vehicle(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="vehicles")
    plate = models.CharField(max_length=20)
    kind = models.CharField(max_length=30, blank=True)
    seats = models.PositiveSmallIntegerField()
    driver_name = models.CharField(max_length=50)
    driver_phone = models.CharField(max_length=30)

    class Meta:
        ordering = ["edition", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "plate"], name="vehicle_plate_unique")]

    def __str__(self) -> str:
        return self.plate


class PickupRun(models.Model):
    """One trip of one vehicle: at the station at `at` (arrivals) or leaving the hotel at `at` (departures)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="pickup_runs")
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="runs")
    direction = models.CharField(max_length=10)
    date = models.DateField()
    at = models.TimeField()
    window_from = models.TimeField()
    window_to = models.TimeField()
    vehicle = models.ForeignKey(
        Vehicle, on_delete=models.SET_NULL, null=True, blank=True, related_name="runs"
    )
    greeter = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["edition", "date", "at", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.at} {self.station_id}"


class PickupSeat(models.Model):
    run = models.ForeignKey(PickupRun, on_delete=models.CASCADE, related_name="passengers")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="pickup_seats")
    number = models.CharField(max_length=20, blank=True)
    time = models.TimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "time", "id"]

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

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="meal_sessions")
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    style = models.CharField(max_length=10, choices=Style.choices)
    venue = models.CharField(max_length=100, blank=True)
    point = models.ForeignKey(CheckInPoint, on_delete=models.SET_NULL, null=True, blank=True)
    categories = models.ManyToManyField(Category, blank=True)
    standard = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["edition", "date", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.kind}"


class Notice(models.Model):
    """A notice sent: who, what (kind and a digest of the details told), when, on which channels."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="reception_notices")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="reception_notices")
    kind = models.CharField(max_length=10)
    digest = models.CharField(max_length=64)
    details = models.JSONField(default=dict)
    channels = models.JSONField(default=list)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["edition", "-sent_at", "-id"]
        indexes = [models.Index(fields=["registration", "kind"], name="notice_person_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.registration_id}"
