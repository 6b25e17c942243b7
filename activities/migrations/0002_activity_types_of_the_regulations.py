"""The activity types of the branch work regulations (2018), with their required frequencies.
Admins may rename them, change frequencies or add types; codes stay stable."""

from django.db import migrations

ALL = ["street_committee", "community_committee", "general_branch", "branch", "party_group"]
ABOVE_GROUP = ["street_committee", "community_committee", "general_branch", "branch"]
BRANCHES = ["general_branch", "branch"]

TYPES = [
    # code, name, category, frequency, applies_to, extra
    ("branch_general_meeting", "支部党员大会", "meeting", "quarter", BRANCHES, {}),
    (
        "committee_meeting",
        "支部委员会会议",
        "meeting",
        "month",
        ["community_committee", "general_branch", "branch"],
        {"requires_committee": True},
    ),
    ("party_group_meeting", "党小组会", "meeting", "month", ["party_group"], {}),
    (
        "party_lesson",
        "党课",
        "study",
        "quarter",
        ["community_committee", "general_branch", "branch"],
        {"secretary_yearly": True, "has_speaker": True},
    ),
    ("themed_party_day", "主题党日", "study", "month", BRANCHES, {"remind_from_day": 25}),
    ("organizational_life_meeting", "组织生活会", "meeting", "year", BRANCHES, {}),
    ("democratic_appraisal", "民主评议党员", "meeting", "year", BRANCHES, {}),
    ("pairing", "结对共建", "co_building", "none", ABOVE_GROUP, {}),
    ("volunteer_service", "志愿服务", "service", "none", ALL, {"is_service": True}),
    ("civilized_community", "创建文明社区", "service", "none", ABOVE_GROUP, {"is_service": True}),
    ("cultural", "文化活动", "culture", "none", ALL, {}),
    ("other", "其他活动", "other", "none", ALL, {}),
]


def seed(apps, schema_editor):
    ActivityType = apps.get_model("activities", "ActivityType")
    for order, (code, name, category, frequency, applies_to, extra) in enumerate(TYPES, start=1):
        ActivityType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "frequency": frequency,
                "applies_to": applies_to,
                "order": order * 10,
                **extra,
            },
        )


def unseed(apps, schema_editor):
    ActivityType = apps.get_model("activities", "ActivityType")
    ActivityType.objects.filter(code__in=[t[0] for t in TYPES], activities__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_activities_reports_co_building")]

    operations = [migrations.RunPython(seed, unseed)]
