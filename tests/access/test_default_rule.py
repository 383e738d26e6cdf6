"""Closed by default: a model that declares no access rule is the secretariat's only. Kept
apart from the matrix, whose world lives in a transaction this test (which needs real tables)
cannot run inside."""

import pytest
from django.db import connection, models
from django.test.utils import isolate_apps

from core.access import can
from core.models import BaseModel


@pytest.mark.django_db(transaction=True)
def test_a_model_that_declares_no_rule_is_the_secretariats_only(persona):
    """Closed by default: a model with no AccessRule of its own, through a real table."""
    with isolate_apps("core"):

        class Memo(BaseModel):
            text = models.CharField(max_length=50)

            class Meta:
                app_label = "core"

        with connection.schema_editor() as editor:
            editor.create_model(Memo)
        try:
            Memo.objects.create(text="Briefing for the Council")
            for role in ("focal_bz", "focal_jm", "host_jm", "expert", "partner"):
                user = persona(role)
                assert not Memo.objects.for_user(user).exists(), role
                assert not Memo.objects.editable_by(user).exists(), role
                assert not can(user, "add", Memo), role
            for role in ("admin", "officer"):
                assert Memo.objects.for_user(persona(role)).count() == 1, role
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Memo)
