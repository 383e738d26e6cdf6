"""`attache schedule`: the periodic jobs (questionnaires due, reminders), run beside `attache db_worker`."""

import time

from django.core.management.base import BaseCommand

from followup.scheduling import run_once


class Command(BaseCommand):
    help = "Send due evaluation questionnaires and enqueue reminders, every --interval seconds (or --once)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run one round and exit (tests, cron).")
        parser.add_argument("--interval", type=int, default=3600, help="Seconds between rounds (default 3600).")

    def handle(self, *args, once=False, interval=3600, **options):
        while True:
            done = run_once()
            self.stdout.write(f"questionnaires sent: {done['questionnaires']}, reminders enqueued: {done['reminders']}")
            if once:
                return
            time.sleep(max(interval, 1))
