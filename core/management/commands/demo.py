"""`attache demo`: check the database may hold demo data, migrate, load every app's demo data and
serve it on this machine."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

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
        url = f"http://{host}:{port}/"
        write_report(self, result, url=url)
        self.report_mail()
        if serve:
            # whitenoise serves the apps' files from their folders; an empty STATIC_ROOT spares a warning.
            Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
            with override_settings(SITE_URL=self.site_url(addr, port)):
                call_command("runserver", f"{host}:{port}", use_reloader=False)

    @staticmethod
    def site_url(addr: str, port: int) -> str:
        """Where the demo's e-mailed links lead: SITE_URL when it is set, else the address served
        (this machine's, when serving on every interface)."""
        if "SITE_URL" in os.environ:
            return settings.SITE_URL
        if addr in ("0.0.0.0", "::"):
            addr = "127.0.0.1"
        host = f"[{addr}]" if ":" in addr else addr
        return f"http://{host}:{port}"

    def report_mail(self) -> None:
        """Say where the demo's e-mails can be read, or that a worker must send them."""
        if settings.EMAIL_BACKEND == "core.mail.OutboxBackend":
            self.stdout.write(
                f"E-mails are written to {settings.EMAIL_FILE_PATH}/ (one .eml file each) and listed on "
                "the Outbox page of the secretariat's menu."
            )
        if settings.TASKS["default"]["BACKEND"] != "django_tasks.backends.immediate.ImmediateBackend":
            self.stdout.write("Notifications wait in the task queue: run `attache db_worker` to send them.")

    def confirm(self) -> bool:
        name = connection.settings_dict.get("NAME")
        try:
            answer = input(f"Load demo data into the {connection.vendor} database {name!r}? [y/N] ")
        except EOFError:  # no terminal: say no rather than guess
            return False
        return answer.strip().lower() in {"y", "yes"}
