"""`attache match REF [--json] [--top N]`: the ranked hosts and experts for a request."""

import json

from django.core.management.base import BaseCommand, CommandError

from assistance.selectors import request_by_reference
from matching import selectors
from matching.api.serializers import MatchesSerializer
from matching.loaders import system_reader


class Command(BaseCommand):
    help = (
        "Rank candidate host states (with their institutions) and experts for a request, with each "
        "factor's contribution and the reasons. REF is a reference (TA/2026/0042) or a request id."
    )

    def add_arguments(self, parser):
        parser.add_argument("ref", help="request reference, e.g. TA/2026/0042, or its id")
        parser.add_argument("--json", action="store_true", help="print the ranking as JSON (as the API returns it)")
        parser.add_argument("--top", type=int, default=None, help="only the first N hosts and experts")
        parser.add_argument("--include-developing", action="store_true", help="also rank hosts below level 3")

    def handle(self, *args, ref, json: bool, top: int | None, include_developing: bool, **options):
        if top is not None and top < 1:
            raise CommandError("--top must be 1 or more.")
        assistance_request = self._request(ref)
        matches = selectors.request_matches(
            assistance_request=assistance_request,
            user=system_reader(),
            top=top,
            expert_top=top or 10,
            include_developing=include_developing or None,
        )
        if json:
            self.stdout.write(_dumps(MatchesSerializer(matches).data))
            return
        self._print(matches)

    def _request(self, ref: str):
        found = request_by_reference(ref=ref)
        if found is None:
            raise CommandError(f"No request {ref!r}: give its reference (e.g. TA/2026/0042) or its id.")
        return found

    def _print(self, matches):
        assistance_request, write = matches.assistance_request, self.stdout.write
        start, end = matches.window
        write(
            self.style.MIGRATE_HEADING(
                f"{assistance_request.reference or assistance_request.pk} · {assistance_request.title}"
            )
        )
        status = assistance_request.get_status_display()
        write(f"{assistance_request.state.name} · {status} · window {start:%d %b %Y} – {end:%d %b %Y}")
        weights = ", ".join(f"{factor} {value:g}" for factor, value in matches.weights.items())
        write(f"weights: {weights}{' · including hosts below level 3' if matches.include_developing else ''}")
        write("")
        write(self.style.MIGRATE_HEADING(f"Host states ({matches.host_count} eligible)"))
        for candidate in matches.hosts:
            self._candidate(candidate)
            for institution in candidate.institutions:
                write(f"      institution: {institution.name}")
        for candidate in matches.excluded:
            write(f"   –  {candidate.name}: {candidate.excluded_because}")
        write("")
        write(self.style.MIGRATE_HEADING(f"Experts ({matches.expert_count} eligible)"))
        for candidate in matches.experts:
            self._candidate(candidate)
        for candidate in matches.experts_excluded:
            write(f"   –  {candidate.name}: {candidate.excluded_because}")

    def _candidate(self, candidate):
        write = self.stdout.write
        label = f"{candidate.name} ({candidate.detail})" if candidate.kind == "host" else candidate.name
        status = f" [{candidate.invitation.get_status_display()}]" if candidate.invitation else ""
        write(f"{candidate.rank:>3}. {label:<40} {candidate.score:5.1f}{status}")
        write("      " + "  ".join(f"{bar.factor} {bar.points:.1f}" for bar in candidate.factors))
        write(f"      {candidate.reasons_text}")


def _dumps(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
