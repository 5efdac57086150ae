from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import roles as portal_roles
from accounts.models import User
from stakeholders import roles
from stakeholders.models import Country, JoinRequest, Membership, Organisation, StakeholderType
from wsis_portal import audit, permissions
from wsis_portal.errors import ApplicationError

REQUESTABLE_ROLES = (Membership.Role.CONTRIBUTOR, Membership.Role.FOCAL_POINT)


@transaction.atomic
def joinrequest_create(
    *,
    user: User,
    role: str,
    message: str = "",
    organisation: Organisation | None = None,
    proposed_name: str = "",
    proposed_type: StakeholderType | None = None,
    proposed_country: Country | None = None,
    proposed_website: str = "",
) -> JoinRequest:
    """Ask to join an organisation, or to register a new one; the secretariat decides."""
    permissions.require(user, "stakeholders.joinrequest.create")
    if role not in REQUESTABLE_ROLES:
        raise ApplicationError(_("Choose contributor or focal point."), field="role")
    if organisation is None:
        if not proposed_name.strip():
            raise ApplicationError(_("Choose an organisation, or give the name of a new one."), field="organisation")
        if proposed_type is None:
            raise ApplicationError(_("Say what kind of organisation it is."), field="proposed_type")
        if Organisation.objects.filter(name_en__iexact=proposed_name.strip()).exists():
            raise ApplicationError(
                _("An organisation with this name is already registered: choose it in the list."), field="proposed_name"
            )
    else:
        if roles.is_member(user, organisation):
            raise ApplicationError(_("You already belong to this organisation."), field="organisation")
        if JoinRequest.objects.filter(user=user, organisation=organisation, state=JoinRequest.State.PENDING).exists():
            raise ApplicationError(_("Your earlier request to join it is still waiting."), field="organisation")
    request = JoinRequest(
        user=user,
        organisation=organisation,
        proposed_name=proposed_name.strip() if organisation is None else "",
        proposed_type=proposed_type if organisation is None else None,
        proposed_country=proposed_country if organisation is None else None,
        proposed_website=proposed_website.strip() if organisation is None else "",
        role=role,
        message=message.strip(),
    )
    request.full_clean()
    audit.record_as(request, user, "stakeholders.joinrequest.created")
    request.save()
    return request


@transaction.atomic
def joinrequest_approve(*, join_request: JoinRequest, by: Any, role: str | None = None) -> Membership:
    """Grant the membership asked for (creating a proposed organisation, verified); tell the requester."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    permissions.require(by, "stakeholders.joinrequest.decide", join_request)
    if join_request.state != JoinRequest.State.PENDING:
        raise ApplicationError(_("This request was already decided."))
    organisation = join_request.organisation
    if organisation is None:
        organisation = Organisation(
            name_en=join_request.proposed_name,
            stakeholder_type=join_request.proposed_type,
            country=join_request.proposed_country,
            website=join_request.proposed_website,
            verified=True,
        )
        organisation.full_clean()
        audit.record_as(organisation, by, "stakeholders.organisation.created")
        organisation.save()
        join_request.organisation = organisation
        # The person who registers an organisation administers its members.
        role = Membership.Role.ADMIN
    membership = Membership.objects.filter(user=join_request.user, organisation=organisation).first()
    membership = membership or Membership(user=join_request.user, organisation=organisation)
    membership.role = role or join_request.role
    audit.record_as(membership, by, "stakeholders.membership.granted")
    membership.save()
    join_request.state = JoinRequest.State.APPROVED
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    audit.record_as(join_request, by, "stakeholders.joinrequest.approved")
    join_request.save()
    transaction.on_commit(lambda: _notify_decision(join_request))
    return membership


@transaction.atomic
def joinrequest_refuse(*, join_request: JoinRequest, by: Any, reason: str) -> JoinRequest:
    """Refuse with a reason the requester reads."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    permissions.require(by, "stakeholders.joinrequest.decide", join_request)
    if join_request.state != JoinRequest.State.PENDING:
        raise ApplicationError(_("This request was already decided."))
    if not reason.strip():
        raise ApplicationError(_("Give the reason: the requester will read it."), field="reason")
    join_request.state = JoinRequest.State.REFUSED
    join_request.reason = reason.strip()
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.full_clean()
    audit.record_as(join_request, by, "stakeholders.joinrequest.refused")
    join_request.save()
    transaction.on_commit(lambda: _notify_decision(join_request))
    return join_request


@transaction.atomic
def joinrequest_withdraw(*, join_request: JoinRequest, by: Any) -> JoinRequest:
    """The requester takes back a request that is still pending."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    permissions.require(by, "stakeholders.joinrequest.withdraw", join_request)
    join_request.state = JoinRequest.State.WITHDRAWN
    audit.record_as(join_request, by, "stakeholders.joinrequest.withdrawn")
    join_request.save()
    return join_request


@transaction.atomic
def membership_set_role(*, membership: Membership, by: Any, role: str) -> Membership:
    """Change a member's role; an organisation always keeps at least one administrator."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    permissions.require(by, "stakeholders.membership.manage", membership.organisation)
    if role not in Membership.Role.values:
        raise ApplicationError(_("Unknown role."), field="role")
    if membership.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN:
        _require_another_admin(membership)
    membership.role = role
    audit.record_as(membership, by, "stakeholders.membership.role_changed")
    membership.save()
    roles.forget(by)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: Any) -> None:
    """Remove a person from an organisation (they keep their account)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    permissions.require(by, "stakeholders.membership.manage", membership.organisation)
    if membership.role == Membership.Role.ADMIN:
        _require_another_admin(membership)
    audit.record_as(membership, by, "stakeholders.membership.removed")
    membership.delete()
    roles.forget(by)


def _require_another_admin(membership: Membership) -> None:
    others = Membership.objects.filter(organisation=membership.organisation, role=Membership.Role.ADMIN)
    if not others.exclude(pk=membership.pk).exists() and not portal_roles.is_secretariat(membership.user):
        raise ApplicationError(_("Name another administrator first: the organisation would have none."))


def _notify_decision(join_request: JoinRequest) -> None:
    user = join_request.user
    with translation.override(user.preferred_language):
        link = settings.SITE_URL + reverse("stakeholders:my-organisations")
        body = render_to_string("stakeholders/email/decision.txt", {"request": join_request, "link": link})
        subject = (
            _("Your request to join %(org)s is approved")
            if join_request.state == JoinRequest.State.APPROVED
            else _("Your request to join %(org)s was not approved")
        ) % {"org": join_request.organisation_label}
        send_mail(subject, body, None, [user.email])


def membership_create(*, user: User, organisation: Organisation, role: str, by: Any) -> Membership:
    """Add a member directly (secretariat or organisation administrators)."""
    permissions.require(by, "stakeholders.membership.manage", organisation)
    try:
        with transaction.atomic():
            membership = Membership(user=user, organisation=organisation, role=role)
            membership.full_clean()
            audit.record_as(membership, by, "stakeholders.membership.granted")
            membership.save()
    except IntegrityError:
        raise ApplicationError(_("This person already belongs to the organisation.")) from None
    return membership
