"""The `attache` console command: Django's management commands under the product's name."""

import os
import sys


def main() -> None:
    # The demo is a development site: it may run without a SECRET_KEY and serves its own static files.
    if sys.argv[1:2] == ["demo"]:
        os.environ.setdefault("DEBUG", "True")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["attache", *sys.argv[1:]])


if __name__ == "__main__":
    main()
