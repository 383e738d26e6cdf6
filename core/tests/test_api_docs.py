"""The API docs page works under the site's content security policy: no inline script, its
start-up script served from the same address, and the policy no weaker than elsewhere."""

import re

from django.urls import reverse


def test_the_docs_page_has_no_inline_script(client_for, officer):
    response = client_for(officer).get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts, "the page loads Swagger UI"
    assert all("src=" in attributes and not body.strip() for attributes, body in scripts)
    assert f'src="{reverse("api:docs")}?script="' in html


def test_its_start_up_script_points_at_the_schema(client_for, officer):
    response = client_for(officer).get(reverse("api:docs"), {"script": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert reverse("api:schema") in response.content.decode()


def test_the_policy_allows_only_our_own_scripts(client_for, officer):
    docs = client_for(officer).get(reverse("api:docs"))["Content-Security-Policy"]
    home = client_for(officer).get(reverse("core:home"))["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", docs).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert re.sub(r"'nonce-[^']*'", "", docs) == re.sub(r"'nonce-[^']*'", "", home)
