"""`attache load_demo`: load (or refresh) the demo community without serving it."""

from django.core.management.base import BaseCommand

from community.demo import DEMO_PASSWORD, demo_sign_ins, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo community (CARICOM member states, institutions, people, committees, a "
        "capability taxonomy and demo sign-ins). Idempotent; refuses a database holding real data."
    )

    def handle(self, *args, **options):
        loaded = load_demo()
        if options["verbosity"] >= 1:
            write_report(self, loaded)


def write_report(command: BaseCommand, loaded, url: str | None = None) -> None:
    """What was loaded, where to open it and how to sign in."""
    summary = ", ".join(f"{count} {label}" for label, count in loaded.counts().items())
    command.stdout.write(command.style.SUCCESS(f"Demo data loaded: {summary}."))
    if url:
        command.stdout.write(f"Attaché demo: {url}")
    command.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
    for email, who in demo_sign_ins():
        command.stdout.write(f"  {email:<22} {who}")
