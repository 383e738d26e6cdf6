"""`make load`: simulated people of every demo role signing in and opening the pages they use
most, against `attache serve` (see bench/load.py, which starts the server and runs this)."""

import random

from locust import HttpUser, between, task

PASSWORD = "demo-attache"
# The demo sign-ins (core.demo), weighted roughly as a community's people use Attaché.
ROLES = {
    "officer@demo.test": 4,
    "admin@demo.test": 1,
    "focal-bz@demo.test": 3,
    "focal-jm@demo.test": 3,
    "host-jm@demo.test": 2,
    "partner@demo.test": 1,
    "expert@demo.test": 1,
}
PAGES = {
    "/": 4,
    "/requests/": 3,
    "/maturity/": 1,
    "/decisions/": 1,
    "/practices/": 1,
    "/activities/": 1,
    "/registry/institutions/": 1,
}


class Member(HttpUser):
    # A person reads a page for a few seconds before opening the next.
    wait_time = between(5, 15)

    def on_start(self):
        self.email = random.choices(list(ROLES), weights=ROLES.values())[0]
        self.client.get("/accounts/login/", name="sign in (form)")
        self.client.post(
            "/accounts/login/",
            {"username": self.email, "password": PASSWORD, "csrfmiddlewaretoken": self.client.cookies["csrftoken"]},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="sign in",
        )

    @task
    def open_a_page(self):
        path = random.choices(list(PAGES), weights=PAGES.values())[0]
        with self.client.get(path, name=path, catch_response=True) as response:
            if "/accounts/login/" in response.url:
                response.failure("signed out")
