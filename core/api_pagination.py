"""The API lists' pagination (REST_FRAMEWORK DEFAULT_PAGINATION_CLASS): core.paging's pages, so an
API list, like a page, never counts every matching record. Kept apart from core.api, which
imports DRF's views (they read this setting when imported)."""

from django.core.paginator import InvalidPage
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from core.paging import COUNT_CAP, CappedPaginator


class CappedPageNumberPagination(PageNumberPagination):
    """Every API list's pages (`?page=N`, the site's REST_FRAMEWORK PAGE_SIZE), as the pages
    list: one extra row fetched tells whether a `next` page exists, and `count` counts the
    matches only up to COUNT_CAP (`count_is_exact` false beyond), so a page of a list of 100,000
    records never counts them all. A page past the end is 404, as before."""

    django_paginator_class = CappedPaginator
    last_page_strings = ()  # "?page=last" would need the full count
    template = None  # no page-number controls in the browsable API: the total is not known

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        if not page_size:
            return None
        paginator = self.django_paginator_class(queryset, page_size)
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage as error:
            raise NotFound(self.invalid_page_message.format(page_number=page_number, message=str(error))) from error
        return list(self.page)

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response(
            {
                "count": paginator.count,
                "count_is_exact": paginator.count_is_exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "count_is_exact", "next", "previous", "results"]
        response["properties"]["count"] = {
            "type": "integer",
            "minimum": 0,
            "maximum": COUNT_CAP,
            "example": 123,
            "description": f"The number of matching records, counted up to {COUNT_CAP}: when there are more, "
            f"{COUNT_CAP} and `count_is_exact` is false. Follow `next` until it is null to read them all.",
        }
        response["properties"] = {
            "count": response["properties"]["count"],
            "count_is_exact": {
                "type": "boolean",
                "description": f"False when more than {COUNT_CAP} records match (then `count` says {COUNT_CAP}).",
            },
            **{key: value for key, value in response["properties"].items() if key != "count"},
        }
        return response
