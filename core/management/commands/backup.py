"""`attache backup`: every table and uploaded file in one archive (see core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from core.backup import backup_write


class Command(BaseCommand):
    help = (
        "Write every table (portable JSON lines), the uploaded files and a manifest of counts and "
        "checksums to one .tar.gz archive, readable by `attache restore` on SQLite or PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", nargs="?", help="Where to write the archive (default: attache-backup-<UTC time>.tar.gz)."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to back up.")

    def handle(self, *args, archive=None, database=DEFAULT_DB_ALIAS, **options):
        path = Path(archive or f"attache-backup-{timezone.now():%Y%m%dT%H%M%SZ}.tar.gz")
        manifest = backup_write(path, using=database)
        rows = sum(table["rows"] for table in manifest.tables.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {path}: {rows} rows in {len(manifest.tables)} tables, {len(manifest.files)} files."
            )
        )
        for name in manifest.missing_files:
            self.stderr.write(self.style.WARNING(f"Missing from the file storage, not in the backup: {name}"))
