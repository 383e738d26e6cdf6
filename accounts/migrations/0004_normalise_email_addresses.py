"""Store every e-mail address in its one normalised spelling (Unicode compatibility forms and
case folded), the key sign-in, password resets and the lockout now look accounts up by.

Two accounts whose addresses normalise to the same key cannot both keep it: the migration
stops and names them, for the administrator to change or merge one before migrating again."""

import unicodedata
from collections import defaultdict

from django.db import migrations


def normalize_email(address):
    # A copy of accounts.emails.normalize_email as it is today: a migration must not change
    # meaning when the application code does.
    folded = unicodedata.normalize("NFKC", address.strip()).casefold()
    return unicodedata.normalize("NFKC", folded)


def normalise_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    by_key = defaultdict(list)
    for pk, email in User.objects.values_list("pk", "email"):
        by_key[normalize_email(email)].append((pk, email))
    clashes = {key: rows for key, rows in by_key.items() if len(rows) > 1}
    if clashes:
        listing = "; ".join(
            f"{key}: " + ", ".join(f"#{pk} {email!r}" for pk, email in rows) for key, rows in sorted(clashes.items())
        )
        raise RuntimeError(
            "These accounts have e-mail addresses that are the same once case and Unicode look-alike "
            f"characters are folded: {listing}. Give each account its own address (or deactivate and "
            "rename the duplicate) in the admin, then run the migration again."
        )
    for key, ((pk, email),) in by_key.items():
        if key != email:
            User.objects.filter(pk=pk).update(email=key)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_invited_at"),
    ]

    operations = [
        migrations.RunPython(normalise_addresses, migrations.RunPython.noop),
    ]
