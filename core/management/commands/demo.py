"""`attache demo`: check the database may hold demo data, migrate, load every app's demo data and
serve it on this machine."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.demo import demo_check_allowed, demo_load
from core.management.commands.load_demo import write_report


class Command(BaseCommand):
    help = (
        "Run a demo site: apply the migrations, load every app's demo data, print the address and "
        "the demo sign-ins, and serve the site with Django's development server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1", help="Address to serve on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Never prompt (for scripts and CI).",
        )
        parser.add_argument(
            "--no-serve",
            action="store_false",
            dest="serve",
            help="Stop after loading the demo data instead of serving it.",
        )

    def handle(self, *args, addr, port, interactive, serve, verbosity, **options):
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, got {port}.")
        # Refuse before migrating, so a database that may not hold the demo is left as it was.
        demo_check_allowed(migrated=False)
        if interactive and connection.vendor != "sqlite" and not self.confirm():
            raise CommandError("Demo not loaded.")
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0), stdout=self.stdout)
        result = demo_load()
        host = f"[{addr}]" if ":" in addr else addr  # an IPv6 address needs brackets in a URL
        write_report(self, result, url=f"http://{host}:{port}/")
        if serve:
            call_command("runserver", f"{host}:{port}", use_reloader=False)

    def confirm(self) -> bool:
        name = connection.settings_dict.get("NAME")
        try:
            answer = input(f"Load demo data into the {connection.vendor} database {name!r}? [y/N] ")
        except EOFError:  # no terminal: say no rather than guess
            return False
        return answer.strip().lower() in {"y", "yes"}
