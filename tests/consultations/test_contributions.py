"""Contributions: submitted by members while open, recorded by the secretariat at any time, corrected
with a version check, withdrawn, audited; documents checked by type and size."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from consultations import services
from consultations.models import Consultation, Contribution
from stakeholders.models import Organisation
from tests.consultations.conftest import written
from wsis_portal.errors import ApplicationError

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def pdf(name: str = "comments.pdf", body: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


# ---------------------------------------------------------------------------------------------
# Services


def test_member_submits_while_open_with_group_channel_and_date_fixed(
    open_consultation: Consultation, people: dict[str, Any], today: datetime.date
) -> None:
    contribution = services.contribution_submit(
        consultation=open_consultation,
        by=people["contributor"],
        organisation=people["ngo"],
        text="Community networks <script>alert(1)</script>need <b>spectrum</b>.",
    )
    assert contribution.stakeholder_group == "civil_society"  # from the organisation's type
    assert contribution.channel == "written" and contribution.date == today
    assert "<script>" not in contribution.text and "<b>spectrum</b>" in contribution.text
    assert not contribution.recorded_by_secretariat and contribution.submitted_by == people["contributor"]
    history = contribution.history.get()
    assert history.history_user == people["contributor"]
    assert history.history_change_reason == "consultations.contribution.submitted"


def test_academia_and_technical_community_count_as_one_group(
    open_consultation: Consultation, people: dict[str, Any]
) -> None:
    from stakeholders.models import StakeholderType

    ngo: Organisation = people["ngo"]
    ngo.stakeholder_type = StakeholderType.objects.get(code="academia")
    ngo.save()
    contribution = services.contribution_submit(
        consultation=open_consultation, by=people["contributor"], organisation=ngo, text="Research networks."
    )
    assert contribution.stakeholder_group == "technical_academic"


def test_a_closed_consultation_refuses_clearly(closed_consultation: Consultation, people: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as error:
        services.contribution_submit(
            consultation=closed_consultation, by=people["contributor"], organisation=people["ngo"], text="Late."
        )
    assert error.value.field == "consultation" and "closed on" in error.value.message
    assert not Contribution.objects.exists()


def test_a_consultation_not_yet_open_refuses_clearly(people: dict[str, Any], today: datetime.date) -> None:
    future = Consultation.objects.create(
        slug="future",
        title="Future",
        opens_on=today + datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=9),
    )
    with pytest.raises(ApplicationError, match="opens on"):
        services.contribution_submit(
            consultation=future, by=people["contributor"], organisation=people["ngo"], text="Early."
        )


def test_the_last_day_is_still_open(people: dict[str, Any], today: datetime.date) -> None:
    last_day = Consultation.objects.create(slug="last", title="Last day", opens_on=today, closes_on=today)
    services.contribution_submit(
        consultation=last_day, by=people["contributor"], organisation=people["ngo"], text="Just in time."
    )
    assert last_day.contributions.count() == 1


@pytest.mark.parametrize("role", ["anonymous", "registered", "facilitator", "secretariat_without_2fa"])
def test_only_members_submit_for_their_organisation(
    open_consultation: Consultation, people: dict[str, Any], role: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.contribution_submit(
            consultation=open_consultation, by=people[role], organisation=people["ngo"], text="x"
        )
    assert not Contribution.objects.exists()


def test_a_submission_needs_words_or_a_document(open_consultation: Consultation, people: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as error:
        services.contribution_submit(
            consultation=open_consultation, by=people["contributor"], organisation=people["ngo"], text="<p> </p>"
        )
    assert error.value.field == "text"
    contribution = services.contribution_submit(
        consultation=open_consultation, by=people["contributor"], organisation=people["ngo"], upload=pdf()
    )
    assert contribution.file_name == "comments.pdf" and contribution.file_type == "application/pdf"
    assert contribution.file_size == len(PDF)
    with contribution.file.open("rb") as stored:
        assert stored.read() == PDF


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/pdf"), "Send a PDF"),
        (SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>", content_type="application/pdf"), "not a PDF"),
        (SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"), "empty"),
        (SimpleUploadedFile("big.pdf", PDF + b"x" * 2048, content_type="application/pdf"), "the limit is 2.0"),
    ],
)
def test_documents_are_checked_by_type_content_and_size(
    open_consultation: Consultation, people: dict[str, Any], settings: Any, upload: Any, message: str
) -> None:
    settings.CONSULTATION_FILE_MAX_BYTES = 2048
    with pytest.raises(ApplicationError) as error:
        services.contribution_submit(
            consultation=open_consultation, by=people["contributor"], organisation=people["ngo"], upload=upload
        )
    assert error.value.field == "file" and message in error.value.message
    assert not Contribution.objects.exists()


def test_the_secretariat_records_anything_also_after_closing(
    closed_consultation: Consultation, people: dict[str, Any], today: datetime.date
) -> None:
    contribution = services.contribution_record(
        consultation=closed_consultation,
        by=people["secretariat"],
        data={
            "organisation": None,
            "contributor_name": "Permanent Mission of a Member State",
            "stakeholder_group": "government",
            "channel": "open_debate",
            "date": today - datetime.timedelta(days=2),
            "text": "",
        },
    )
    assert contribution.recorded_by_secretariat and contribution.text == ""  # an oral statement may have no text
    assert contribution.history.get().history_change_reason == "consultations.contribution.recorded"
    itu = Organisation.objects.get(code="ITU")
    recorded = services.contribution_record(
        consultation=closed_consultation,
        by=people["secretariat"],
        data={"organisation": itu, "channel": "presentation", "date": today, "text": "Presentation."},
    )
    assert recorded.stakeholder_group == "international_organisation"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"organisation": None, "contributor_name": ""}, "organisation"),
        ({"stakeholder_group": "martians"}, "stakeholder_group"),
        ({"channel": "telepathy"}, "channel"),
        ({"date": None}, "date"),
        ({"date": datetime.date(2100, 1, 1)}, "date"),
        ({"date": datetime.date(1999, 1, 1)}, "date"),
        ({"channel": "written", "text": ""}, "text"),
    ],
)
def test_recording_refuses_bad_input_naming_the_field(
    closed_consultation: Consultation, people: dict[str, Any], today: datetime.date, changes: dict[str, Any], field: str
) -> None:
    data = {
        "organisation": None,
        "contributor_name": "Delegation",
        "stakeholder_group": "government",
        "channel": "presentation",
        "date": today,
        "text": "Statement.",
        **changes,
    }
    with pytest.raises(ApplicationError) as error:
        services.contribution_record(consultation=closed_consultation, by=people["secretariat"], data=data)
    assert error.value.field == field
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("role", ["contributor", "facilitator", "secretariat_without_2fa"])
def test_only_the_secretariat_records(
    closed_consultation: Consultation, people: dict[str, Any], role: str, today: datetime.date
) -> None:
    data = {"contributor_name": "X", "stakeholder_group": "government", "channel": "presentation", "date": today}
    with pytest.raises(PermissionDenied):
        services.contribution_record(consultation=closed_consultation, by=people[role], data=data)


def test_edits_check_the_version_and_never_overwrite(open_consultation: Consultation, people: dict[str, Any]) -> None:
    contribution = written(open_consultation, people)
    services.contribution_update(
        contribution=contribution, by=people["contributor"], data={"text": "First correction."}, version=1
    )
    with pytest.raises(services.ConflictError) as conflict:
        services.contribution_update(
            contribution=contribution, by=people["organisation_admin"], data={"text": "Stale edit."}, version=1
        )
    assert conflict.value.version == 2 and "First correction." in conflict.value.theirs["text"]
    contribution.refresh_from_db()
    assert "First correction." in contribution.text and contribution.version == 2


def test_members_change_only_the_text_and_only_while_open(
    open_consultation: Consultation, people: dict[str, Any], today: datetime.date
) -> None:
    contribution = written(open_consultation, people)
    services.contribution_update(
        contribution=contribution,
        by=people["contributor"],
        data={"text": "Corrected.", "channel": "presentation", "stakeholder_group": "government"},
        version=1,
    )
    contribution.refresh_from_db()
    assert (contribution.channel, contribution.stakeholder_group) == ("written", "civil_society")
    open_consultation.closes_on = today - datetime.timedelta(days=1)
    open_consultation.save()
    with pytest.raises(ApplicationError, match="closed on"):
        services.contribution_update(
            contribution=contribution, by=people["contributor"], data={"text": "Late"}, version=2
        )
    with pytest.raises(ApplicationError, match="closed on"):
        services.contribution_withdraw(contribution=contribution, by=people["contributor"])
    # the secretariat still may
    services.contribution_update(
        contribution=contribution, by=people["secretariat"], data={"channel": "presentation"}, version=2
    )
    contribution.refresh_from_db()
    assert contribution.channel == "presentation"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("contributor", True),  # its author
        ("organisation_admin", True),  # the organisation's administrator
        ("facilitator", False),
        ("registered", False),
        ("anonymous", False),
        ("secretariat", True),
        ("secretariat_without_2fa", False),
    ],
)
def test_who_may_withdraw(open_consultation: Consultation, people: dict[str, Any], role: str, allowed: bool) -> None:
    contribution = written(open_consultation, people)
    if allowed:
        services.contribution_withdraw(contribution=contribution, by=people[role])
        assert not Contribution.objects.exists()
        assert contribution.history.model.objects.filter(history_type="-").get().history_change_reason == (
            "consultations.contribution.withdrawn"
        )
    else:
        with pytest.raises(PermissionDenied):
            services.contribution_withdraw(contribution=contribution, by=people[role])
        assert Contribution.objects.exists()


def test_a_fellow_contributor_may_not_change_anothers_submission(
    open_consultation: Consultation, people: dict[str, Any]
) -> None:
    from stakeholders.models import Membership
    from tests.factories import MembershipFactory

    colleague = MembershipFactory(organisation=people["ngo"], role=Membership.Role.CONTRIBUTOR).user
    contribution = written(open_consultation, people)
    with pytest.raises(PermissionDenied):
        services.contribution_update(contribution=contribution, by=colleague, data={"text": "Mine now"}, version=1)


# ---------------------------------------------------------------------------------------------
# Pages


def test_member_contributes_through_the_form(
    open_consultation: Consultation, people: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    client = client_for("contributor")
    url = f"/en/consultations/{open_consultation.slug}/contribute/"
    response = client.get(url)
    assert response.status_code == 200 and "Send the contribution" in response.content.decode()
    response = client.post(url, {"organisation": people["ngo"].pk, "text": "Our comments.", "file": pdf()})
    contribution = Contribution.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/contributions/{contribution.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Our comments." in page and "comments.pdf" in page and "Withdraw the contribution" in page
    # the document is public, like the contribution, and sent by the portal (never a /media/ address)
    assert f'href="/en/contributions/{contribution.pk}/document/"' in page and "/media/" not in page
    download = client_for("anonymous").get(f"/en/contributions/{contribution.pk}/document/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf" and "sandbox" in download["Content-Security-Policy"]
    assert client_for("anonymous").get("/en/contributions/999999/document/").status_code == 404


def test_a_failed_form_keeps_what_was_typed(
    open_consultation: Consultation, people: dict[str, Any], client_for: Callable[[str], Client], settings: Any
) -> None:
    settings.CONSULTATION_FILE_MAX_BYTES = 10
    response = client_for("contributor").post(
        f"/en/consultations/{open_consultation.slug}/contribute/",
        {"organisation": people["ngo"].pk, "text": "A long and careful text.", "file": pdf()},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "A long and careful text." in page and "the limit is 10" in page
    assert not Contribution.objects.exists()


def test_a_closed_consultation_answers_with_a_clear_page(
    closed_consultation: Consultation, client_for: Callable[[str], Client]
) -> None:
    response = client_for("contributor").get(f"/en/consultations/{closed_consultation.slug}/contribute/")
    assert response.status_code == 403
    assert "contributions are no longer accepted" in response.content.decode()
    response = client_for("contributor").post(
        f"/en/consultations/{closed_consultation.slug}/contribute/", {"text": "x"}
    )
    assert response.status_code == 403 and not Contribution.objects.exists()


def test_people_without_an_organisation_are_sent_to_join_one(
    open_consultation: Consultation, client_for: Callable[[str], Client]
) -> None:
    response = client_for("registered").get(f"/en/consultations/{open_consultation.slug}/contribute/")
    assert response.status_code == 302 and "/join" in response["Location"]
    response = client_for("anonymous").get(f"/en/consultations/{open_consultation.slug}/contribute/")
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]


def test_a_member_may_not_submit_for_another_organisation(
    open_consultation: Consultation, client_for: Callable[[str], Client]
) -> None:
    itu = Organisation.objects.get(code="ITU")
    response = client_for("contributor").post(
        f"/en/consultations/{open_consultation.slug}/contribute/", {"organisation": itu.pk, "text": "Spoof"}
    )
    assert response.status_code == 400 and not Contribution.objects.exists()


def test_the_secretariat_records_through_the_form(
    closed_consultation: Consultation, client_for: Callable[[str], Client], today: datetime.date
) -> None:
    client = client_for("secretariat")
    url = f"/en/consultations/{closed_consultation.slug}/contribute/"
    assert "Record a contribution" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "contributor_name": "Delegation of a Member State",
            "stakeholder_group": "government",
            "channel": "open_debate",
            "date": today.isoformat(),
            "text": "",
            "action": "another",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("/contribute/")
    assert Contribution.objects.get().channel == "open_debate"
    response = client.post(
        url, {"contributor_name": "", "stakeholder_group": "", "channel": "written", "date": "2026-02-30"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a registered organisation" in page and "Enter a valid date" in page


def test_editing_a_stale_version_shows_both(
    open_consultation: Consultation, people: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    contribution = written(open_consultation, people)
    services.contribution_update(
        contribution=contribution, by=people["organisation_admin"], data={"text": "Theirs."}, version=1
    )
    response = client_for("contributor").post(
        f"/en/contributions/{contribution.pk}/edit/", {"text": "Mine.", "version": "1"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone else saved this meanwhile" in page and "Theirs." in page and "Mine." in page
    assert 'name="version" value="2"' in page
    contribution.refresh_from_db()
    assert "Theirs." in contribution.text
    response = client_for("contributor").post(
        f"/en/contributions/{contribution.pk}/edit/", {"text": "Mine.", "version": "2"}
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert "Mine." in contribution.text


def test_outsiders_may_not_edit_or_withdraw(
    open_consultation: Consultation, people: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    contribution = written(open_consultation, people)
    for role in ("registered", "facilitator"):
        assert client_for(role).get(f"/en/contributions/{contribution.pk}/edit/").status_code == 403
        assert client_for(role).post(f"/en/contributions/{contribution.pk}/withdraw/").status_code == 403
    assert Contribution.objects.filter(pk=contribution.pk).exists()
    response = client_for("contributor").post(f"/en/contributions/{contribution.pk}/withdraw/")
    assert response.status_code == 302 and not Contribution.objects.exists()


def test_the_audit_trail_is_shown_to_the_secretariat_only(
    open_consultation: Consultation, people: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    contribution = services.contribution_submit(
        consultation=open_consultation, by=people["contributor"], organisation=people["ngo"], text="Audited."
    )
    assert (
        "consultations.contribution.submitted"
        in client_for("secretariat").get(f"/en/contributions/{contribution.pk}/").content.decode()
    )
    assert (
        "consultations.contribution.submitted"
        not in client_for("anonymous").get(f"/en/contributions/{contribution.pk}/").content.decode()
    )


def test_consultation_list_page(
    enhanced_cooperation: Consultation, client: Client, django_assert_num_queries: Any
) -> None:
    # 1 query: consultations with organiser and their number of contributions
    with django_assert_num_queries(1):
        response = client.get("/en/consultations/")
    page = response.content.decode()
    assert response.status_code == 200 and enhanced_cooperation.title in page and "ECOSOC resolution 2010/2" in page
    assert ">98<" in page


def test_the_secretariat_creates_and_edits_a_consultation(client_for: Callable[[str], Client]) -> None:
    client = client_for("secretariat")
    body = {
        "title": "Consultation on WSIS+20",
        "slug": "wsis-20",
        "opens_on": "2026-01-10",
        "closes_on": "2026-01-01",
        "mandate_symbol": "A/RES/70/125",
    }
    response = client.post("/en/consultations/new/", body)
    assert response.status_code == 400 and "cannot close before it opens" in response.content.decode()
    assert 'value="Consultation on WSIS+20"' in response.content.decode()
    response = client.post("/en/consultations/new/", {**body, "closes_on": "2026-03-01"})
    assert response.status_code == 302
    consultation = Consultation.objects.get(slug="wsis-20")
    response = client.post("/en/consultations/wsis-20/edit/", {**body, "closes_on": "2026-03-31", "version": "1"})
    assert response.status_code == 302
    stale = client.post("/en/consultations/wsis-20/edit/", {**body, "closes_on": "2026-04-30", "version": "1"})
    assert stale.status_code == 400 and "Someone else saved this meanwhile" in stale.content.decode()
    consultation.refresh_from_db()
    assert consultation.closes_on == datetime.date(2026, 3, 31) and consultation.version == 2
    reasons = list(consultation.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons == ["consultations.consultation.created", "consultations.consultation.changed"]
    for role in ("contributor", "facilitator"):
        assert client_for(role).get("/en/consultations/new/").status_code == 403
        assert client_for(role).post("/en/consultations/wsis-20/edit/", {**body, "version": "2"}).status_code == 403
    # without the second factor, the secretariat is first sent to pass it
    response = client_for("secretariat_without_2fa").post("/en/consultations/wsis-20/edit/", {**body, "version": "2"})
    assert response.status_code == 302 and "/two-factor/" in response["Location"]
    assert Consultation.objects.get(slug="wsis-20").version == 2


def test_the_secretariat_corrects_any_field_through_the_form(
    closed_consultation: Consultation, people: dict[str, Any], client_for: Callable[[str], Client]
) -> None:
    contribution = written(closed_consultation, people)
    client = client_for("secretariat")
    page = client.get(f"/en/contributions/{contribution.pk}/edit/").content.decode()
    assert (
        f'<option value="{people["ngo"].pk}" selected>' in page
        and 'value="written" required id="id_channel_0" checked' in page
    )
    response = client.post(
        f"/en/contributions/{contribution.pk}/edit/",
        {
            "organisation": people["ngo"].pk,
            "stakeholder_group": "civil_society",
            "channel": "presentation",
            "date": closed_consultation.opens_on.isoformat(),
            "text": "Summary of the presentation.",
            "version": "1",
        },
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.channel == "presentation" and contribution.version == 2
    # its author may no longer change it: the consultation is closed
    response = client_for("contributor").get(f"/en/contributions/{contribution.pk}/edit/")
    assert response.status_code == 403 and "no longer accepted" in response.content.decode()
