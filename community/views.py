from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import filtersets, forms, models, selectors, services, tables
from core import views as generic
from core.paging import CappedPaginator

# A network's page lists its members a page at a time (a regional network may have thousands).
MEMBERS_PER_PAGE = 25


class MemberStateListView(generic.ObjectListView):
    queryset = models.MemberState.objects.prefetch_related("official_languages")
    filterset = filtersets.MemberStateFilterSet
    table = tables.MemberStateTable


class MemberStateDetailView(generic.ObjectDetailView):
    queryset = models.MemberState.objects.prefetch_related("official_languages")

    def extra_context(self, obj):
        return {"institutions": selectors.institution_list(user=self.request.user).filter(state=obj)}


class MemberStateEditView(generic.ObjectEditView):
    queryset = models.MemberState.objects.all()
    form = forms.MemberStateForm


class MemberStateDeleteView(generic.ObjectDeleteView):
    queryset = models.MemberState.objects.all()


class InstitutionListView(generic.ObjectListView):
    queryset = models.Institution.objects.select_related("state", "parent").prefetch_related("staff_languages")
    filterset = filtersets.InstitutionFilterSet
    table = tables.InstitutionTable


class InstitutionDetailView(generic.ObjectDetailView):
    queryset = models.Institution.objects.select_related("state", "parent")

    def extra_context(self, obj):
        user = self.request.user
        return {
            "people": selectors.person_list(user=user).filter(institution=obj),
            "children": models.Institution.objects.for_user(user).filter(parent=obj),
            "meetings": selectors.meeting_list(user=user).filter(committee=obj)[:10],
        }


class InstitutionEditView(generic.ObjectEditView):
    queryset = models.Institution.objects.all()
    form = forms.InstitutionForm


class InstitutionDeleteView(generic.ObjectDeleteView):
    queryset = models.Institution.objects.all()


class PersonListView(generic.ObjectListView):
    queryset = models.Person.objects.all()
    filterset = filtersets.PersonFilterSet
    table = tables.PersonTable

    def scoped_queryset(self):
        return selectors.person_list(user=self.request.user)


class PersonDetailView(generic.ObjectDetailView):
    queryset = models.Person.objects.all()

    def scoped_queryset(self):
        return selectors.person_list(user=self.request.user)

    def extra_context(self, obj):
        return {
            "posts": selectors.person_detail_posts(person=obj, user=self.request.user),
            "reassign_form": forms.ReassignForm(user=self.request.user),
            "memberships": obj.memberships.select_related("network"),
        }


class PersonEditView(generic.ObjectEditView):
    queryset = models.Person.objects.all()
    form = forms.PersonForm

    def save(self, form):
        if form.instance.pk:
            return form.save()
        return services.person_create(actor=self.request.user, **form.cleaned_data)


class PersonDeleteView(generic.ObjectDeleteView):
    queryset = models.Person.objects.all()


@require_POST
def person_reassign(request, pk):
    person = get_object_or_404(models.Person.objects.for_user(request.user), pk=pk)
    form = forms.ReassignForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.person_reassign(person_id=person.pk, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s reassigned.") % {"name": person})
            return generic.redirect_after_post(request, person.get_absolute_url())
    return render(request, "community/person_reassign.html", {"object": person, "form": form}, status=400)


class CommitteeMeetingListView(generic.ObjectListView):
    queryset = models.CommitteeMeeting.objects.select_related("committee__state")
    filterset = filtersets.CommitteeMeetingFilterSet
    table = tables.CommitteeMeetingTable


class CommitteeMeetingDetailView(generic.ObjectDetailView):
    queryset = models.CommitteeMeeting.objects.select_related("committee__state")


class CommitteeMeetingEditView(generic.ObjectEditView):
    queryset = models.CommitteeMeeting.objects.all()
    form = forms.CommitteeMeetingForm


class CommitteeMeetingDeleteView(generic.ObjectDeleteView):
    queryset = models.CommitteeMeeting.objects.all()


class NetworkListView(generic.ObjectListView):
    queryset = models.Network.objects.all()
    filterset = filtersets.NetworkFilterSet
    table = tables.NetworkTable

    def scoped_queryset(self):
        return selectors.network_list(user=self.request.user)


class NetworkDetailView(generic.ObjectDetailView):
    queryset = models.Network.objects.prefetch_related("areas")

    def extra_context(self, obj):
        members = selectors.network_members(network=obj, user=self.request.user)
        page = CappedPaginator(members, MEMBERS_PER_PAGE).get_page(self.request.GET.get("page"))
        return {
            "members": page.object_list,
            "page_obj": page,
            "membership_form": forms.NetworkMembershipForm(user=self.request.user),
        }


class NetworkEditView(generic.ObjectEditView):
    queryset = models.Network.objects.all()
    form = forms.NetworkForm


class NetworkDeleteView(generic.ObjectDeleteView):
    queryset = models.Network.objects.all()


@require_POST
def network_add_member(request, pk):
    network = get_object_or_404(models.Network.objects.for_user(request.user), pk=pk)
    if not network.can_change(request.user):
        raise PermissionDenied
    form = forms.NetworkMembershipForm(
        request.POST, instance=models.NetworkMembership(network=network), user=request.user
    )
    if form.is_valid():
        try:
            services.network_add_member(network=network, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Member added."))
            return generic.redirect_after_post(request, network.get_absolute_url())
    return render(request, "community/network_member_form.html", {"object": network, "form": form}, status=400)


@require_POST
def network_remove_member(request, pk, membership_pk):
    network = get_object_or_404(models.Network.objects.for_user(request.user), pk=pk)
    if not network.can_change(request.user):
        raise PermissionDenied
    get_object_or_404(network.memberships, pk=membership_pk).delete()
    messages.success(request, _("Member removed."))
    return redirect(network.get_absolute_url())


class CapabilityAreaListView(generic.ObjectListView):
    queryset = models.CapabilityArea.objects.select_related("parent")
    filterset = filtersets.CapabilityAreaFilterSet
    table = tables.CapabilityAreaTable


class CapabilityAreaDetailView(generic.ObjectDetailView):
    queryset = models.CapabilityArea.objects.select_related("parent")

    def extra_context(self, obj):
        return {"children": obj.children.all()}


class CapabilityAreaEditView(generic.ObjectEditView):
    queryset = models.CapabilityArea.objects.all()
    form = forms.CapabilityAreaForm


class CapabilityAreaDeleteView(generic.ObjectDeleteView):
    queryset = models.CapabilityArea.objects.all()


class RegionalMeetingListView(generic.ObjectListView):
    queryset = models.RegionalMeeting.objects.select_related("host_state")
    filterset = filtersets.RegionalMeetingFilterSet
    table = tables.RegionalMeetingTable


class RegionalMeetingDetailView(generic.ObjectDetailView):
    queryset = models.RegionalMeeting.objects.select_related("host_state").prefetch_related("attending_states", "areas")


class RegionalMeetingEditView(generic.ObjectEditView):
    queryset = models.RegionalMeeting.objects.all()
    form = forms.RegionalMeetingForm


class RegionalMeetingDeleteView(generic.ObjectDeleteView):
    queryset = models.RegionalMeeting.objects.all()


class NonWorkingDayListView(generic.ObjectListView):
    queryset = models.NonWorkingDay.objects.select_related("state")
    filterset = filtersets.NonWorkingDayFilterSet
    table = tables.NonWorkingDayTable


class NonWorkingDayDetailView(generic.ObjectDetailView):
    queryset = models.NonWorkingDay.objects.select_related("state")


class NonWorkingDayEditView(generic.ObjectEditView):
    queryset = models.NonWorkingDay.objects.all()
    form = forms.NonWorkingDayForm


class NonWorkingDayDeleteView(generic.ObjectDeleteView):
    queryset = models.NonWorkingDay.objects.all()
