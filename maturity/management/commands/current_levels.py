"""`attache current_levels`: refill the maturity map's current levels from the assessments."""

from django.core.management.base import BaseCommand

from maturity import services


class Command(BaseCommand):
    help = (
        "Recompute every state's current level in every capability area from the recorded "
        "assessments (after assessments were loaded in bulk). Writes no change history."
    )

    def handle(self, *args, **options):
        rows = services.current_assessments_rebuild()
        self.stdout.write(f"{rows} current levels.")
