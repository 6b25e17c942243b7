"""The model permissions the posts' capabilities grant in assessment: every post reads the
schemes, scores and results its scope reaches; a post that manages sets up its street's
schemes (the admin narrows it to schemes of streets it manages). Called from the app's
``ready()``; granting twice changes nothing."""

from organizations.roles import MANAGE, VIEW, grant


def grant_permissions() -> None:
    grant(
        VIEW,
        "assessment.view_scheme",
        "assessment.view_category",
        "assessment.view_indicator",
        "assessment.view_gradeband",
        "assessment.view_score",
        "assessment.view_scorechange",
        "assessment.view_result",
        "assessment.view_weakcriteria",
        "assessment.view_weakflag",
    )
    grant(
        MANAGE,
        "assessment.add_scheme",
        "assessment.change_scheme",
        "assessment.add_category",
        "assessment.change_category",
        "assessment.delete_category",
        "assessment.add_indicator",
        "assessment.change_indicator",
        "assessment.delete_indicator",
        "assessment.add_gradeband",
        "assessment.change_gradeband",
        "assessment.delete_gradeband",
        "assessment.add_weakcriteria",
        "assessment.change_weakcriteria",
    )
