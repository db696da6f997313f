"""Every series has its organiser (after 0011 moved the existing ones); a migration of its own, so that
PostgreSQL alters the column outside the transaction that updated the rows."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0011_series_organizer_and_team_tokens")]

    operations = [
        migrations.AlterField(
            model_name="series",
            name="organizer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="series", to="organizers.organizer"
            ),
        ),
    ]
