"""`attache load-demo`: load (or refresh) every app's demo data without serving it."""

from django.core.management.base import BaseCommand

from core.demo import DEMO_PASSWORD, DemoResult, demo_load, demo_sign_ins


class Command(BaseCommand):
    help = (
        "Load the demo data of every app (CARICOM member states, institutions, people, committees, a "
        "capability taxonomy, demo sign-ins and each app's records). Idempotent; refuses a database "
        "holding real data."
    )

    def handle(self, *args, **options):
        result = demo_load()
        if options["verbosity"] >= 1:
            write_report(self, result)


def write_report(command: BaseCommand, result: DemoResult, url: str | None = None) -> None:
    """What was loaded, where to open it and how to sign in."""
    summary = ", ".join(f"{count} {label}" for label, count in result.counts.items())
    command.stdout.write(command.style.SUCCESS(f"Demo data loaded: {summary}."))
    if url:
        command.stdout.write(f"Attaché demo: {url}")
    command.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
    for email, who in demo_sign_ins():
        command.stdout.write(f"  {email:<22} {who}")
