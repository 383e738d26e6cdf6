"""The load balancer's health check, answered before anything a person's request needs."""

from django.urls import reverse

from core.views_site import healthz


class HealthCheckMiddleware:
    """Answers /healthz right after SecurityMiddleware (whose SECURE_REDIRECT_EXEMPT lets it through
    on plain HTTP): no session, user, locale or lockout look-up, so a check that arrives every few
    seconds from every load balancer costs one database query and nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.path = reverse("healthz")

    def __call__(self, request):
        if request.path_info == self.path:
            return healthz(request)
        return self.get_response(request)
