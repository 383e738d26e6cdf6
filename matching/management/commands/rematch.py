"""`attache rematch [--top N] [--workers N] [--json]`: rank every open request again."""

import json

from django.core.management.base import BaseCommand, CommandError

from matching import selectors


class Command(BaseCommand):
    help = (
        "Rank hosts and experts again for every request still open for matching (approved, matching, "
        "host confirmed or planned), on every core, and print the best of each."
    )

    def add_arguments(self, parser):
        parser.add_argument("--top", type=int, default=10, help="hosts and experts kept per request (default 10)")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes ranking the requests (default: the ATTACHE_MATCH_WORKERS setting, else every core)",
        )
        parser.add_argument("--json", action="store_true", help="print the short lists as JSON")

    def handle(self, *args, top: int, workers: int | None, json: bool, **options):
        if top < 1:
            raise CommandError("--top must be 1 or more.")
        if workers is not None and workers < 1:
            raise CommandError("--workers must be 1 or more.")
        shortlists = selectors.open_request_shortlists(top=top, workers=workers)
        if json:
            self.stdout.write(_dumps([_as_dict(item) for item in shortlists]))
            return
        for item in shortlists:
            request = item.assistance_request
            hosts = ", ".join(f"{iso or name} {score:.1f}" for name, iso, score in item.hosts) or "none"
            experts = ", ".join(f"{name} {score:.1f}" for name, score in item.experts) or "none"
            self.stdout.write(f"{request.reference or request.pk} · {request.state.name}")
            self.stdout.write(f"   hosts ({item.host_count} eligible): {hosts}")
            self.stdout.write(f"   experts ({item.expert_count} eligible): {experts}")
        self.stdout.write(f"{len(shortlists)} open requests ranked.")


def _as_dict(item) -> dict:
    request = item.assistance_request
    return {
        "request": {"id": request.pk, "reference": request.reference},
        "hosts": [{"name": name, "iso_code": iso, "score": round(score, 2)} for name, iso, score in item.hosts],
        "host_count": item.host_count,
        "experts": [{"name": name, "score": round(score, 2)} for name, score in item.experts],
        "expert_count": item.expert_count,
    }


def _dumps(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
