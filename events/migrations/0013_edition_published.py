from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0012_series_organizer_required")]

    operations = [
        # Editions that exist already are public: added as published, then new ones start as drafts.
        migrations.AddField(model_name="edition", name="published", field=models.BooleanField(default=True)),
        migrations.AlterField(model_name="edition", name="published", field=models.BooleanField(default=False)),
    ]
