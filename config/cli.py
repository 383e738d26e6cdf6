"""The `attache` console command: Django's management commands under the product's name."""

import os
import sys

# Django command modules cannot have hyphens in their names; the product's commands do.
ALIASES = {
    "create-token": "create_token",
    "load-demo": "load_demo",
    "flag-stale-practices": "flag_stale_practices",
}


def main() -> None:
    # The demo runs on this machine with DEBUG off (the site's own error pages), without a
    # SECRET_KEY, serving its own static files; tasks run at once and mail goes to var/mail/.
    if sys.argv[1:2] == ["demo"]:
        os.environ.setdefault("ATTACHE_DEMO", "True")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if sys.argv[1:2] == ["serve"]:
        from config.serve import serve

        serve(sys.argv[2:])
        return
    from django.core.management import execute_from_command_line

    argv = sys.argv[1:]
    if argv and argv[0] in ALIASES:
        argv[0] = ALIASES[argv[0]]
    execute_from_command_line(["attache", *argv])


if __name__ == "__main__":
    main()
