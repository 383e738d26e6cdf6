"""Walking the site as a signed-in person does, following the links each page shows: which
addresses a walk never follows, and one key per kind of page (the accessibility crawl in a real
browser, the table cells' comparison through the test client)."""

import re

# Addresses a walk never follows: they leave the pages (API, admin, files, language switch), or
# act when opened (opening a notification marks it read and redirects to what it names).
SKIPPED = re.compile(r"^/(api|admin|static|media|documents|i18n|notifications/\d+)(/|$)")


def kind_of(path: str) -> str:
    """One key per kind of page: /registry/people/12/edit/ → /registry/people/<n>/edit/."""
    return re.sub(r"/\d+(?=/)", "/<n>", path)
