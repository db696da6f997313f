"""Category.confirmed_count: the seat counter, filled from the registrations already confirmed."""

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def backfill(apps, schema_editor):
    Category = apps.get_model("events", "Category")
    Registration = apps.get_model("events", "Registration")
    confirmed = (
        Registration.objects.filter(category=OuterRef("pk"), status="confirmed")
        .order_by()
        .values("category")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Category.objects.update(confirmed_count=Coalesce(Subquery(confirmed), 0))


class Migration(migrations.Migration):
    dependencies = [("events", "0003_access_log_restrict")]

    operations = [
        migrations.AddField(
            model_name="category",
            name="confirmed_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
