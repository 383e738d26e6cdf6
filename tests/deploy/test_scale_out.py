"""Two web servers and two task workers that share only PostgreSQL, Redis and the file storage
behave as one site: reference numbers stay unique, every notification is sent once, and a
session started on one server is valid on the other."""

import email
import email.policy
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.deploy.cluster import cluster, unreachable_reason

REASON = unreachable_reason()
pytestmark = [pytest.mark.deploy, pytest.mark.long, pytest.mark.skipif(REASON is not None, reason=REASON or "")]

REQUESTS_PER_OFFICER = 12


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    with cluster(tmp_path_factory.mktemp("deploy")) as running:
        yield running


def file_request(server: str, token: str, seeded: dict, n: int) -> dict:
    """An officer records a request received by letter and submits it: it is registered at once."""
    response = requests.post(
        f"{server}/api/v1/requests/",
        json={
            "state": seeded["state"],
            "areas": [seeded["area"]],
            "focal_point": seeded["focal_point"]["pk"],
            "title": f"Request {n}",
            "need": "Help to draft a national statistics law.",
            "submit": True,
        },
        headers={"Authorization": f"Token {token}"},
        timeout=60,
    )
    assert response.status_code == 201, response.text
    return response.json()


def filed_concurrently(running) -> list[dict]:
    """Both officers file at once, each through a different server, eight requests in flight."""
    jobs = [
        (server, officer["token"], n * 2 + i)
        for n in range(REQUESTS_PER_OFFICER)
        for i, (server, officer) in enumerate(zip(running.servers, running.seeded["officers"], strict=True))
    ]
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda job: file_request(job[0], job[1], running.seeded, job[2]), jobs))


def queue_drained(running, timeout: float = 60) -> list[tuple]:
    """The notification tasks once none is waiting or running: (status, worker ids, recipients)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = running.query(
            "SELECT status, worker_ids, args_kwargs -> 'kwargs' -> 'recipients' FROM django_tasks_database_dbtaskresult"
        )
        if rows and all(status in ("SUCCESSFUL", "FAILED") for status, _ids, _to in rows):
            return rows
        time.sleep(0.3)
    raise AssertionError("the workers did not finish the notification tasks in time")


def sent_messages(running) -> list[tuple[str, str]]:
    messages = []
    for path in sorted(running.outbox.glob("*.eml")):
        parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        messages.append((str(parsed["To"]), str(parsed["Subject"])))
    return messages


def test_references_are_unique_across_servers_and_each_notification_is_sent_once(running):
    filed = filed_concurrently(running)

    references = [request["reference"] for request in filed]
    assert all(references), "every request recorded by the secretariat is registered with a reference"
    assert len(set(references)) == len(references) == 2 * REQUESTS_PER_OFFICER
    numbers = sorted(int(reference.rsplit("/", 1)[1]) for reference in references)
    assert numbers == list(range(1, len(references) + 1)), "sequential, none skipped or reused"

    tasks = queue_drained(running)
    assert all(status == "SUCCESSFUL" for status, _ids, _to in tasks)
    assert all(len(worker_ids) == 1 for _status, worker_ids, _to in tasks), "no task was run twice"
    messages = sent_messages(running)
    assert len(messages) == sum(len(recipients) for _status, _ids, recipients in tasks)
    assert not [pair for pair, count in Counter(messages).items() if count > 1], "no message sent twice"
    focal_point = running.seeded["focal_point"]["email"]
    for reference in references:
        registered = [m for m in messages if m[0] == focal_point and reference in m[1] and "Registered" in m[1]]
        assert len(registered) == 1, f"the focal point hears once that {reference} was registered"


def test_a_session_started_on_one_server_is_valid_on_the_other(running):
    first, second = running.servers
    browser = requests.Session()
    login = browser.get(f"{first}/accounts/login/", timeout=30)
    assert login.status_code == 200
    signed_in = browser.post(
        f"{first}/accounts/login/",
        data={
            "username": running.seeded["officers"][0]["email"],
            "password": running.seeded["password"],
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        headers={"Referer": f"{first}/accounts/login/"},
        allow_redirects=False,
        timeout=30,
    )
    assert signed_in.status_code == 302, signed_in.text[:500]

    elsewhere = requests.Session()
    elsewhere.cookies.set("sessionid", browser.cookies["sessionid"])
    home = elsewhere.get(f"{second}/", allow_redirects=False, timeout=30)
    assert home.status_code == 200, "signed in on the second server with the first server's session"
    assert "/accounts/login/" not in home.headers.get("Location", "")

    stranger = requests.get(f"{second}/", allow_redirects=False, timeout=30)
    assert stranger.status_code == 302, "without the cookie the second server asks to sign in"


def test_pages_are_compressed(running):
    page = requests.get(f"{running.servers[0]}/accounts/login/", headers={"Accept-Encoding": "gzip"}, timeout=30)
    assert page.headers["Content-Encoding"] == "gzip"
