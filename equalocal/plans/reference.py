"""Reference goals shipped with equalocal: Sweden's six gender-equality policy sub-goals."""

SWEDISH_SUBGOALS = {
    "code": "se-gender-equality-subgoals",
    "title_en": "Swedish gender equality policy sub-goals",
    "title_sv": "Jämställdhetspolitikens delmål",
    "goals": [
        (1, "Equal division of power and influence", "Jämn fördelning av makt och inflytande"),
        (2, "Economic equality", "Ekonomisk jämställdhet"),
        (3, "Equal education", "Jämställd utbildning"),
        (
            4,
            "Equal distribution of unpaid housework and provision of care",
            "Jämn fördelning av det obetalda hem- och omsorgsarbetet",
        ),
        (5, "Equal health", "Jämställd hälsa"),
        (6, "Men's violence against women must stop", "Mäns våld mot kvinnor ska upphöra"),
    ],
}


def load_reference(apps) -> int:
    """Create or update the shipped goal sets; returns the number of goals. Safe to run again."""
    GoalSet = apps.get_model("plans", "GoalSet")
    ReferenceGoal = apps.get_model("plans", "ReferenceGoal")
    data = SWEDISH_SUBGOALS
    goal_set, _ = GoalSet.objects.update_or_create(
        code=data["code"],
        defaults={"title_en": data["title_en"], "title_sv": data["title_sv"], "owner": None},
    )
    for number, en, sv in data["goals"]:
        ReferenceGoal.objects.update_or_create(
            goal_set=goal_set, number=number, defaults={"title_en": en, "title_sv": sv}
        )
    return len(data["goals"])
