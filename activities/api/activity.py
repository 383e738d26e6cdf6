"""The activities API: see activities/api/urls.py."""


def routes(router) -> None:
    pass
