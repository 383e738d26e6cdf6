"""Backup and restore: every table and every uploaded file in one portable archive.

The archive (`.tar.gz`) holds
  manifest.json                 Attaché's version, the applied migrations, and per table its row
                                count and SHA-256 content hash; per uploaded file its SHA-256
  data/<app>.<model>.jsonl      one JSON object per row, ordered by primary key
  files/<storage name>          the uploaded files (core.Document and any other file field)

Rows are written in a form that reads the same on SQLite and PostgreSQL: timestamps in UTC with
their microseconds, decimals as text, binary as base64, JSON with sorted keys, files by their
storage name. Content types and permissions have different ids in each database, so rows point
to them by natural key ([app_label, model], [codename, app_label, model]) and the restore maps
them to the target's ids. The hash of a table is the SHA-256 of its lines, so two databases hold
the same data exactly when their manifests' tables agree.

A restore inserts raw rows (as `loaddata` does): no save() runs, so no signal fires, no change-
history entry is written, no notification is sent, and `auto_now` timestamps keep their values.
It runs in one transaction and verifies counts and hashes before committing: all or nothing.

Neither holds a whole table in memory: rows are read CHUNK_ROWS at a time, and a table's lines
are spooled to a temporary file beyond SPOOL_BYTES (a tar member must know its size before its
content), or inserted CHUNK_ROWS at a time when restoring.
"""

import base64
import datetime
import decimal
import hashlib
import io
import json
import tarfile
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.dispatch import Signal
from django.utils import timezone
from django.utils.duration import duration_string

FORMAT = 1
MANIFEST = "manifest.json"
# Sign-ins are not data: after a restore everyone signs in again. The change counters only tell
# web processes to rebuild what they keep; the restore starts them afresh (`data_version.restart`).
SKIPPED = frozenset({"sessions.session", "core.dataversion"})
# Sent once a restore has committed, for what keeps copies of the data outside the tables.
restored = Signal()
# Made by `migrate` in every database, with ids of their own: matched by natural key.
NATURAL = ("contenttypes.contenttype", "auth.permission")
# Rows read from the database, and inserted into it, at a time.
CHUNK_ROWS = 2000
# A table's (or file's) content is kept in memory up to this size, in a temporary file beyond.
SPOOL_BYTES = 8 * 1024 * 1024
# Bytes read from a file at a time.
COPY_BYTES = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class TableDigest:
    rows: int = 0
    sha256: str = ""


@dataclass
class Manifest:
    tables: dict[str, dict] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    missing_files: list[str] = field(default_factory=list)
    migrations: list[str] = field(default_factory=list)
    version: str = ""
    engine: str = ""
    created_at: str = ""

    def as_json(self) -> bytes:
        body = {"format": FORMAT, **self.__dict__}
        return json.dumps(body, indent=1, sort_keys=True).encode()


# --- which tables, and how a row reads ----------------------------------------------------


def data_models() -> list[type[models.Model]]:
    """Every table Attaché keeps, many-to-many tables included, in a stable order."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in SKIPPED
    ]
    return sorted((m for m in found if m._meta.label_lower not in NATURAL), key=lambda m: m._meta.label_lower)


def _columns(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]


def _natural_model(f: models.Field) -> str | None:
    if f.is_relation and f.many_to_one and f.related_model is not None:
        label = f.related_model._meta.label_lower
        return label if label in NATURAL else None
    return None


def _natural_keys(using: str) -> dict[str, dict[int, list[str]]]:
    """Id → natural key of the content types and permissions of one database."""
    types = {ct.pk: [ct.app_label, ct.model] for ct in ContentType.objects.using(using).all()}
    perms = {
        pk: [codename, *types[ct]]
        for pk, codename, ct in Permission.objects.using(using).values_list("pk", "codename", "content_type")
    }
    return {"contenttypes.contenttype": types, "auth.permission": perms}


def _encode(value):
    """A column's value in the archive's portable form."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


def _line(row: dict) -> bytes:
    return json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


def table_lines(model, *, using: str, natural: dict) -> Iterator[bytes]:
    """The rows of one table as archive lines, by primary key."""
    columns = _columns(model)
    names = [f.attname for f in columns]
    rows = model._base_manager.using(using).order_by("pk").values_list(*names)
    for values in rows.iterator(chunk_size=CHUNK_ROWS):
        row = {}
        for column, value in zip(columns, values, strict=True):
            target = _natural_model(column)
            row[column.attname] = natural[target][value] if target and value is not None else _encode(value)
        yield _line(row)


def natural_lines(label: str, *, using: str) -> list[bytes]:
    """Content types or permissions by natural key (with a permission's name, to create it)."""
    if label == "contenttypes.contenttype":
        rows = ContentType.objects.using(using).values_list("app_label", "model")
        return sorted(_line({"app_label": a, "model": m}) for a, m in rows)
    rows = Permission.objects.using(using).values_list(
        "codename", "content_type__app_label", "content_type__model", "name"
    )
    return sorted(_line({"codename": c, "app_label": a, "model": m, "name": n}) for c, a, m, n in rows)


def table_digests(*, using: str = "default") -> dict[str, TableDigest]:
    """Row count and content hash of every table: the same data gives the same digests on any engine."""
    natural = _natural_keys(using)
    digests = {}
    for label in NATURAL:
        digests[label] = _digest(natural_lines(label, using=using))
    for model in data_models():
        digests[model._meta.label_lower] = _digest(table_lines(model, using=using, natural=natural))
    return digests


def _digest(lines) -> TableDigest:
    digest, sha = TableDigest(), hashlib.sha256()
    for line in lines:
        digest.rows += 1
        sha.update(line)
    digest.sha256 = sha.hexdigest()
    return digest


def applied_migrations(using: str) -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connections[using]).applied_migrations())


def _file_fields(model) -> list[models.FileField]:
    return [f for f in _columns(model) if isinstance(f, models.FileField)]


# --- backup ---------------------------------------------------------------------------------


def backup_write(path: Path, *, using: str = "default") -> Manifest:
    """Write every table and uploaded file of database `using` to the archive at `path`.

    On PostgreSQL the whole backup reads one snapshot (repeatable read), so it is consistent
    while people keep working."""
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        with tarfile.open(path, "w:gz") as archive:
            manifest = _write_tables(archive, using)
            _write_files(archive, using, manifest)
            _add(archive, MANIFEST, manifest.as_json())
    return manifest


def _write_tables(archive: tarfile.TarFile, using: str) -> Manifest:
    manifest = Manifest(
        version=metadata.version("attache"),
        engine=connections[using].vendor,
        created_at=timezone.now().astimezone(datetime.UTC).isoformat(),
        migrations=applied_migrations(using),
    )
    natural = _natural_keys(using)
    tables = [(label, natural_lines(label, using=using)) for label in NATURAL]
    tables += [(m._meta.label_lower, table_lines(m, using=using, natural=natural)) for m in data_models()]
    for label, lines in tables:
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
            digest, sha = TableDigest(), hashlib.sha256()
            for line in lines:
                digest.rows += 1
                sha.update(line)
                spool.write(line)
            digest.sha256 = sha.hexdigest()
            manifest.tables[label] = digest.__dict__
            _add_spooled(archive, f"data/{label}.jsonl", spool)
    return manifest


def _write_files(archive: tarfile.TarFile, using: str, manifest: Manifest) -> None:
    for model in data_models():
        for file_field in _file_fields(model):
            names = model._base_manager.using(using).exclude(**{file_field.attname: ""})
            for name in names.order_by(file_field.attname).values_list(file_field.attname, flat=True).distinct():
                if name is None or name in manifest.files:
                    continue
                if not file_field.storage.exists(name):
                    manifest.missing_files.append(name)
                    continue
                with file_field.storage.open(name, "rb") as handle, tempfile.SpooledTemporaryFile(SPOOL_BYTES) as spool:
                    manifest.files[name] = _copy_hashed(handle, spool)
                    _add_spooled(archive, f"files/{name}", spool)
    manifest.missing_files.sort()


def _copy_hashed(source, target) -> str:
    """Copy `source` to `target` a chunk at a time; the SHA-256 of what was copied."""
    sha = hashlib.sha256()
    while chunk := source.read(COPY_BYTES):
        sha.update(chunk)
        target.write(chunk)
    return sha.hexdigest()


def _hash(source) -> str:
    sha = hashlib.sha256()
    while chunk := source.read(COPY_BYTES):
        sha.update(chunk)
    return sha.hexdigest()


def _add_spooled(archive: tarfile.TarFile, name: str, spool) -> None:
    """Add what was written to `spool` as the member `name`."""
    info = tarfile.TarInfo(name)
    info.size = spool.tell()
    info.mtime = int(timezone.now().timestamp())
    spool.seek(0)
    archive.addfile(info, spool)


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


# --- restore --------------------------------------------------------------------------------


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.loads(archive.extractfile(MANIFEST).read())
    except (KeyError, AttributeError, ValueError) as error:
        raise BackupError(f"This is not an Attaché backup: no readable {MANIFEST}.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This backup has format {manifest.get('format')}; this Attaché reads format {FORMAT}.")
    return manifest


def restore(path: Path, *, using: str = "default", force: bool = False) -> dict:
    """Load the archive at `path` into database `using`, which must be empty and migrated to the
    same state as the backed-up one; `force` first empties the tables instead of refusing.
    All in one transaction, verified against the manifest before it is committed."""
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Cannot read {path}: {error}") from error
    with archive:
        manifest = read_manifest(archive)
        _check_migrations(manifest, using)
        with transaction.atomic(using=using):
            _check_empty(using, force=force)
            _load_natural(archive, using)
            natural_ids = {
                label: {tuple(key): pk for pk, key in keys.items()} for label, keys in _natural_keys(using).items()
            }
            loaded = [_load_table(archive, model, using, natural_ids) for model in data_models()]
            connections[using].check_constraints()
            _reset_sequences(using, loaded)
            _verify(manifest, using)
            _restore_files(archive, manifest, force=force)
    ContentType.objects.clear_cache()
    restored.send(sender=Manifest, using=using)
    return manifest


def _check_migrations(manifest: dict, using: str) -> None:
    here, there = set(applied_migrations(using)), set(manifest["migrations"])
    if here != there:
        missing, extra = sorted(there - here), sorted(here - there)
        raise BackupError(
            "The database is not migrated to the backup's state "
            f"(missing {len(missing)}: {', '.join(missing[:5]) or '-'}; "
            f"not in the backup {len(extra)}: {', '.join(extra[:5]) or '-'}). Restore into a database "
            f"made with `attache migrate` by the Attaché version that wrote the backup ({manifest['version']})."
        )


def _check_empty(using: str, *, force: bool) -> None:
    filled = [m for m in data_models() if m._base_manager.using(using).exists()]
    if filled and not force:
        names = ", ".join(m._meta.label_lower for m in filled[:5])
        raise BackupError(
            f"The database is not empty ({len(filled)} tables hold rows, e.g. {names}). Restore into a new, "
            "migrated database, or pass --force to replace its contents."
        )
    for model in filled:
        # Foreign keys are checked at commit, so the order of deletion does not matter.
        model._base_manager.using(using).all()._raw_delete(using)


def _lines(archive: tarfile.TarFile, label: str) -> Iterator[dict]:
    try:
        handle = archive.extractfile(f"data/{label}.jsonl")
    except KeyError as error:
        raise BackupError(f"The backup has no table {label}: it was made by another version of Attaché.") from error
    for line in handle:
        yield json.loads(line)


def _load_natural(archive: tarfile.TarFile, using: str) -> None:
    """Create the content types and permissions the target lacks (e.g. of since-removed models)."""
    types = {(ct.app_label, ct.model): ct for ct in ContentType.objects.using(using).all()}
    for row in _lines(archive, "contenttypes.contenttype"):
        key = (row["app_label"], row["model"])
        if key not in types:
            types[key] = ContentType.objects.using(using).create(app_label=key[0], model=key[1])
    have = set(Permission.objects.using(using).values_list("codename", "content_type"))
    for row in _lines(archive, "auth.permission"):
        content_type = types[(row["app_label"], row["model"])]
        if (row["codename"], content_type.pk) not in have:
            Permission.objects.using(using).create(
                codename=row["codename"], content_type=content_type, name=row["name"]
            )


def _load_table(archive: tarfile.TarFile, model, using: str, natural_ids: dict):
    """Insert the table's rows as the archive streams them, CHUNK_ROWS at a time."""
    columns = _columns(model)
    batch = []
    for row in _lines(archive, model._meta.label_lower):
        batch.append(model(**{c.attname: _decode(c, row.get(c.attname), natural_ids) for c in columns}))
        if len(batch) >= CHUNK_ROWS:
            _insert(model, batch, columns, using)
            batch = []
    _insert(model, batch, columns, using)
    return model


def _decode(column: models.Field, value, natural_ids: dict):
    if value is None:
        return None
    if target := _natural_model(column):
        try:
            return natural_ids[target][tuple(value)]
        except KeyError as error:
            raise BackupError(f"{column} points to {target} {value}, which this database lacks.") from error
    if isinstance(column, models.JSONField):
        return value
    if column.is_relation:
        column = column.target_field
    return column.to_python(value)


def _insert(model, objs: list, columns: list, using: str) -> None:
    """Insert rows as they are: raw, like `loaddata`, so no pre_save (auto_now) and no signal."""
    if not objs:
        return
    size = connections[using].ops.bulk_batch_size(columns, objs) or len(objs)
    for start in range(0, len(objs), size):
        model._base_manager._insert(objs[start : start + size], fields=columns, raw=True, using=using)


def _reset_sequences(using: str, loaded: list) -> None:
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), loaded)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _verify(manifest: dict, using: str) -> None:
    digests = table_digests(using=using)
    wrong = [
        f"{label}: {digests.get(label, TableDigest()).rows} rows, expected {expected['rows']}"
        for label, expected in manifest["tables"].items()
        if digests.get(label, TableDigest()).__dict__ != expected
    ]
    if wrong:
        raise BackupError("The restored data differ from the backup; nothing was restored. " + "; ".join(wrong[:10]))


def _restore_files(archive: tarfile.TarFile, manifest: dict, *, force: bool) -> None:
    # Every file field of Attaché stores in the default storage (local disk or S3-compatible).
    storage = default_storage
    for name, expected in manifest["files"].items():
        with tempfile.SpooledTemporaryFile(SPOOL_BYTES) as content:
            if _copy_hashed(archive.extractfile(f"files/{name}"), content) != expected:
                raise BackupError(f"The backup's copy of {name} is damaged; nothing was restored.")
            if storage.exists(name):
                with storage.open(name, "rb") as handle:
                    if _hash(handle) == expected:
                        continue
                if not force:
                    raise BackupError(f"A different file {name} is already stored; pass --force to replace it.")
                storage.delete(name)
            content.seek(0)
            if storage.save(name, File(content, name=name)) != name:
                raise BackupError(f"The file storage would not keep the name {name}.")
