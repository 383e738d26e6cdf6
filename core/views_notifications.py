"""The user's in-product inbox: their notifications, newest first, and marking them read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.inbox import Notification
from core.paging import CappedPaginator

PAGE_SIZE = 20


@login_required
def notification_list(request):
    """The signed-in user's notifications, newest first, a page at a time."""
    notifications = Notification.objects.for_user(request.user)
    page = CappedPaginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/notification_list.html", {"page_obj": page, "object_list": page.object_list})


@login_required
def notification_open(request, pk):
    """Follow a notification to the page it is about, marking it read on the way; a
    notification of someone else's answers 404, as if it did not exist."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    Notification.objects.filter(pk=notification.pk).mark_read()
    # The link was written by this site, but it is stored text: never follow it off the site.
    if notification.link and url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect(notification.link)
    return redirect("core:notification_list")


@login_required
@require_POST
def notification_mark_read(request, pk):
    """Mark one of the user's notifications read."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    Notification.objects.filter(pk=notification.pk).mark_read()
    return redirect(_back_to_list(request))


@login_required
@require_POST
def notification_mark_all_read(request):
    """Mark every notification of the user read."""
    Notification.objects.for_user(request.user).mark_read()
    return redirect(_back_to_list(request))


def _back_to_list(request) -> str:
    """The list page the user came from (keeping its page number), or the first page."""
    url = reverse("core:notification_list")
    page = request.POST.get("page", "")
    return f"{url}?page={page}" if page.isdigit() else url
