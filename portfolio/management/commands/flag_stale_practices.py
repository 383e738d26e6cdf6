"""`attache flag_stale_practices`: flag published practices nobody reviewed or updated lately."""

from django.core.management.base import BaseCommand, CommandError

from portfolio import services


class Command(BaseCommand):
    help = (
        "Flag published portfolio entries that have not been reviewed or updated for "
        "ATTACHE_PRACTICE_MAX_AGE_DAYS days (365 unless set) as needing an update. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-age-days",
            type=int,
            default=None,
            help="Override the age in days (default: ATTACHE_PRACTICE_MAX_AGE_DAYS).",
        )

    def handle(self, *args, max_age_days: int | None, verbosity: int, **options):
        days = services.max_age_days() if max_age_days is None else max_age_days
        if days < 1:
            raise CommandError(f"--max-age-days must be at least 1, got {days}.")
        flagged = services.practice_mark_stale(max_age=days)
        if verbosity >= 1:
            self.stdout.write(
                f"{len(flagged)} practice(s) not reviewed or updated for {days} days flagged as needing an update."
            )
            if verbosity >= 2:
                for practice in flagged:
                    self.stdout.write(f"  {practice.pk}: {practice.title} ({practice.state.iso_code})")
