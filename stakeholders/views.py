from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stakeholders import forms, selectors, services
from stakeholders.models import JoinRequest, Membership, Organisation
from wsis_portal import audit, permissions
from wsis_portal.errors import ApplicationError
from wsis_portal.http import AuthenticatedHttpRequest

PAGE_SIZE = 50


@require_http_methods(["GET"])
def organisation_list(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "stakeholders.organisation.view")
    form = forms.OrganisationFilterForm(request.GET or None)
    filters = {"query": "", "stakeholder_type": "", "country": ""}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "query": data["q"] or "",
            "stakeholder_type": data["type"].code if data["type"] else "",
            "country": data["country"].iso3 if data["country"] else "",
        }
    page = Paginator(selectors.organisation_list(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "stakeholders/organisation_list.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@require_http_methods(["GET"])
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("stakeholder_type", "country"), pk=pk)
    permissions.require(request.user, "stakeholders.organisation.view", organisation)
    user = request.user
    context = {
        "organisation": organisation,
        "can_see_members": permissions.can(user, "stakeholders.membership.view", organisation),
        "can_manage": permissions.can(user, "stakeholders.membership.manage", organisation),
        "can_see_history": permissions.can(user, "stakeholders.organisation.history", organisation),
        "role_form": forms.MemberRoleForm(),
        "member_states": organisation.commission_memberships.select_related("country").order_by("country__name_en")
        if organisation.is_regional_commission
        else None,
    }
    if context["can_see_members"]:
        context["members"] = selectors.organisation_members(organisation=organisation)
    if context["can_see_history"]:
        memberships = Membership.history.filter(organisation_id=organisation.pk)
        context["history"] = audit.history_for(organisation, related=[memberships])
    return render(request, "stakeholders/organisation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def join(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require(request.user, "stakeholders.joinrequest.create")
    initial = {"organisation": request.GET.get("organisation")}
    form = forms.JoinRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.joinrequest_create(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, _("Your request is sent. The secretariat usually answers within two working days.")
            )
            return redirect("stakeholders:my-organisations")
    return render(request, "stakeholders/join.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET"])
def my_organisations(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "stakeholders/my_organisations.html", selectors.my_organisations(user=request.user))


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    join_request = get_object_or_404(JoinRequest, pk=pk)
    permissions.require(request.user, "stakeholders.joinrequest.withdraw", join_request)
    services.joinrequest_withdraw(join_request=join_request, by=request.user)
    messages.success(request, _("Your request is withdrawn."))
    return redirect("stakeholders:my-organisations")


@login_required
@require_http_methods(["GET"])
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The secretariat's screening queue: every pending request, decided from one page."""
    permissions.require(request.user, "stakeholders.joinrequest.decide")
    state = request.GET.get("state", JoinRequest.State.PENDING)
    if state not in JoinRequest.State.values:
        state = JoinRequest.State.PENDING
    page = Paginator(selectors.joinrequest_queue(state=state), PAGE_SIZE).get_page(request.GET.get("page"))
    proposals = [
        join_request.proposed_name
        if join_request.organisation_id is None and state == JoinRequest.State.PENDING
        else ""
        for join_request in page
    ]
    similar = selectors.similar_organisations_for(names=proposals)
    rows = [{"request": join_request, "similar": found} for join_request, found in zip(page, similar, strict=True)]
    return render(
        request,
        "stakeholders/queue.html",
        {
            "page": page,
            "rows": rows,
            "state": state,
            "states": JoinRequest.State.choices,
            "role_choices": Membership.Role.choices,
        },
    )


@login_required
@require_POST
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    join_request = get_object_or_404(JoinRequest, pk=pk)
    permissions.require(request.user, "stakeholders.joinrequest.decide", join_request)
    try:
        if request.POST.get("decision") == "approve":
            form = forms.ApproveForm(request.POST)
            role = form.cleaned_data["role"] if form.is_valid() else None
            services.joinrequest_approve(join_request=join_request, by=request.user, role=role)
            messages.success(
                request,
                _("Approved: %(user)s joins %(org)s.")
                % {"user": join_request.user, "org": join_request.organisation_label},
            )
        else:
            refuse = forms.RefuseForm(request.POST)
            if not refuse.is_valid():
                raise ApplicationError(_("Give the reason: the requester will read it."))
            services.joinrequest_refuse(
                join_request=join_request, by=request.user, reason=refuse.cleaned_data["reason"]
            )
            messages.success(request, _("Refused: %(user)s was told why.") % {"user": join_request.user})
    except ApplicationError as error:
        messages.error(request, f"{join_request.user}: {error.message}")
    return redirect("stakeholders:queue")


@login_required
@require_POST
def member_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    permissions.require(request.user, "stakeholders.membership.manage", membership.organisation)
    try:
        if request.POST.get("action") == "remove":
            services.membership_remove(membership=membership, by=request.user)
            messages.success(request, _("%(user)s no longer belongs to the organisation.") % {"user": membership.user})
        else:
            form = forms.MemberRoleForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_("Choose a role from the list."))
            services.membership_set_role(membership=membership, by=request.user, role=form.cleaned_data["role"])
            messages.success(request, _("Role changed."))
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("stakeholders:organisation-detail", pk=membership.organisation_id)
