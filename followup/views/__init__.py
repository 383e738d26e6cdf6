"""The follow-up pages: the questionnaire behind a signed link (`answer`), the activity's
Evaluation tab and the secretariat's breakdown (`evaluation`), action plans (`plans`)."""
