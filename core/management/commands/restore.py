"""`attache restore <archive>`: load a backup into an empty database (see core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Load an archive written by `attache backup` into an empty, migrated database (SQLite or "
        "PostgreSQL), with its uploaded files, in one transaction; verify every table against the "
        "archive's manifest. Writes no change history and sends no notification."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive written by `attache backup`.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to restore into.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the contents of a database that is not empty (still all or nothing).",
        )

    def handle(self, *args, archive, database=DEFAULT_DB_ALIAS, force=False, **options):
        try:
            manifest = restore(Path(archive), using=database, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows in {len(manifest['tables'])} tables and {len(manifest['files'])} files "
                f"from {archive}; every table matches the backup."
            )
        )
