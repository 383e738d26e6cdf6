"""`record_url`: the address of a record's page, as `reverse` writes it, reversed once."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from core.urls_helpers import record_url

VIEWS = ["assistance:request_detail", "community:person_detail", "activities:activity_detail", "core:document_download"]


@pytest.mark.parametrize("viewname", VIEWS)
@pytest.mark.parametrize("pk", [1, 42, 9081726354, 10**12])
def test_it_is_what_reverse_writes(viewname, pk):
    assert record_url(viewname, pk) == reverse(viewname, args=[pk])


def test_it_follows_the_script_prefix_of_a_site_served_below_a_path():
    record_url("community:person_detail", 7)
    set_script_prefix("/attache/")
    try:
        assert record_url("community:person_detail", 7) == "/attache/registry/people/7/"
    finally:
        clear_script_prefix()
    assert record_url("community:person_detail", 7) == "/registry/people/7/"


def test_it_follows_another_url_configuration(settings):
    record_url("assistance:request_detail", 3)
    settings.ROOT_URLCONF = "core.tests.urls_elsewhere"
    assert record_url("assistance:request_detail", 3) == "/elsewhere/requests/3/"


def test_an_unsaved_record_has_no_address_as_with_reverse():
    with pytest.raises(NoReverseMatch):
        record_url("community:person_detail", None)
