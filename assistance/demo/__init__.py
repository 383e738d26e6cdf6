"""Demo data for the maturity map, the decisions tracker and requests (loaded after the registry).

`community.demo.load_demo` calls each installed app's `demo.load_demo_data()` in turn."""

import datetime

from assistance.demo.decisions import load_decisions
from assistance.demo.maturity import load_maturity
from assistance.demo.requests import load_requests


def load_workflow_demo(*, today) -> None:
    load_maturity(today=today)
    load_decisions(today=today)
    load_requests(today=today)


def load_demo_data() -> None:
    load_workflow_demo(today=datetime.date.today())
