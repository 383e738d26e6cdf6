"""`attache refresh_derived`: refresh every derived table after data was loaded in bulk."""

from django.core.management.base import BaseCommand

from core.derived import refresh_derived_data


class Command(BaseCommand):
    help = (
        "Refresh what Attaché keeps derived from its records (current maturity levels, current "
        "implementation statuses, matching's kept community) after records were loaded in bulk, "
        "round the services that keep them up to date. Writes no change history."
    )

    def handle(self, *args, **options):
        for name in refresh_derived_data():
            self.stdout.write(f"Refreshed {name}.")
