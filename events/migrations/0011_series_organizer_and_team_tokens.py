"""Organisers: every series belongs to one (existing series move to the conference's organising committee,
`dazu-committee`), and API tokens may belong to a team. Members of the three old role groups join teams of
that organiser with the matching flags, so nobody loses access in the move."""

import django.db.models.deletion
from django.db import migrations, models

COMMITTEE = {
    "slug": "dazu-committee",
    "name": "成渝地区双城经济圈产业设计赋能大会组委会",
    "name_en": "Organising Committee of the Chengdu-Chongqing Economic Circle Industry Design Empowerment Conference",
}
# old role group -> (team name, flags)
OLD_ROLES = {
    "organiser": ("管理员 Administrators", ["admin"]),
    "checkin": ("检票 Door", ["checkin"]),
    "viewer": ("只读 Viewers", ["view"]),
}


def to_committee(apps, schema_editor):
    Series = apps.get_model("events", "Series")
    Organizer = apps.get_model("organizers", "Organizer")
    Team = apps.get_model("organizers", "Team")
    Group = apps.get_model("auth", "Group")
    has_members = Group.objects.filter(name__in=OLD_ROLES, user__isnull=False).exists()
    if not Series.objects.exists() and not has_members:
        return
    committee, _ = Organizer.objects.get_or_create(slug=COMMITTEE["slug"], defaults=COMMITTEE)
    Series.objects.filter(organizer__isnull=True).update(organizer=committee)
    for group in Group.objects.filter(name__in=OLD_ROLES):
        members = list(group.user_set.all())
        if not members:
            continue
        name, flags = OLD_ROLES[group.name]
        team, _ = Team.objects.get_or_create(
            organizer=committee, name=name, defaults={"permissions": flags, "all_series": True}
        )
        team.members.add(*members)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("events", "0010_choice_labels_in_catalogs"),
        ("organizers", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="team",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tokens",
                to="organizers.team",
            ),
        ),
        migrations.AddField(
            model_name="series",
            name="organizer",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="series",
                to="organizers.organizer",
            ),
        ),
        migrations.RunPython(to_committee, migrations.RunPython.noop),
    ]
