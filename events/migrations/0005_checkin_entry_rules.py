"""Check-in points admit once, once a day (meals) or many times; admissions count their entries."""

from django.db import migrations, models
from django.db.models import F


def forwards(apps, schema_editor):
    CheckInPoint = apps.get_model("events", "CheckInPoint")
    Admission = apps.get_model("events", "Admission")
    CheckInPoint.objects.filter(multiple_entry=True).update(entry="many")
    Admission.objects.update(last_at=F("first_at"))


def backwards(apps, schema_editor):
    CheckInPoint = apps.get_model("events", "CheckInPoint")
    CheckInPoint.objects.filter(entry="many").update(multiple_entry=True)


class Migration(migrations.Migration):
    dependencies = [("events", "0004_category_confirmed_count")]

    operations = [
        migrations.AddField(
            model_name="checkinpoint",
            name="entry",
            field=models.CharField(
                choices=[("once", "仅一次 Once"), ("daily", "每天一次 Once a day"), ("many", "可多次 Many times")],
                default="once",
                help_text="Admit the same ticket once, once a day (meals), or any number of times.",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="admission",
            name="last_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name="admission",
            name="entries",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="admission",
            name="last_at",
            field=models.DateTimeField(
                help_text="The latest admission (for a daily point: the first of that day)."
            ),
        ),
        migrations.RemoveField(model_name="checkinpoint", name="multiple_entry"),
    ]
