"""The model permissions the posts' capabilities grant in assessment: every post reads the
schemes, scores, results and responsibility letters its scope reaches; a post that manages
sets up its street's schemes and the letters it issues (the admin narrows it to what it
manages). Called from the app's ``ready()``; granting twice changes nothing."""

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
        "assessment.view_cadreresult",
        "assessment.view_responsibilityletter",
        "assessment.view_targetitem",
        "assessment.view_appraisalgrade",
        "assessment.view_appraisal",
        "assessment.view_appraisalentry",
        "assessment.view_appraisalfollowup",
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
        "assessment.add_responsibilityletter",
        "assessment.change_responsibilityletter",
        "assessment.delete_responsibilityletter",
        "assessment.add_targetitem",
        "assessment.change_targetitem",
        "assessment.delete_targetitem",
        "assessment.add_weakcriteria",
        "assessment.change_weakcriteria",
    )
