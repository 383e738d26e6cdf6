"""How many people and working days each modality takes: the secretariat's `ModalityRule` rows,
or these defaults from practice where it has set none (the seed: attachments of 2–5 officials
for 5 days; study visits of up to 3 officials, 5 if justified, for 2–5 days; expert missions of
1–2 experts for 2–5 days; workshops of 15 or more)."""

from assistance.choices import Modality

DEFAULT_RULES = {
    Modality.ATTACHMENT: {"min_people": 2, "max_people": 5, "min_days": 5, "max_days": 5, "default_days": 5},
    Modality.STUDY_VISIT: {
        "min_people": 1,
        "max_people": 3,
        "max_people_justified": 5,
        "min_days": 2,
        "max_days": 5,
        "default_days": 3,
    },
    Modality.EXPERT_MISSION: {
        "min_people": 1,
        "max_people": 2,
        "min_days": 2,
        "max_days": 5,
        "default_days": 5,
        "counts_experts": True,
    },
    Modality.WORKSHOP: {"min_people": 15, "max_people": None, "min_days": 1, "max_days": 10, "default_days": 5},
    Modality.VIRTUAL: {"min_people": 1, "max_people": None, "min_days": 1, "max_days": 5, "default_days": 1},
}


def modality_rule(modality: str):
    """The rule in force for a modality: the saved one, or an unsaved one with the defaults."""
    from activities.models import ModalityRule

    saved = ModalityRule.objects.filter(modality=modality).first()
    if saved is not None:
        return saved
    return ModalityRule(modality=modality, **DEFAULT_RULES[Modality(modality)])
