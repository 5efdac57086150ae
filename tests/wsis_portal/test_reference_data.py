"""The reference data is real: checked against the facts it stands for, and loaded idempotently."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from actionlines.models import ActionLine, Facilitation, MatrixLink, SdgGoal, SdgTarget, WsisTarget
from stakeholders.models import CommissionMembership, Country, Organisation, Region, StakeholderType
from wsis_portal.i18n import SUFFIXES

pytestmark = pytest.mark.django_db


def test_eleven_action_lines_and_eight_c7_sub_lines_with_prize_categories() -> None:
    assert ActionLine.objects.filter(parent=None).count() == 11
    assert list(ActionLine.objects.filter(parent__code="C7").values_list("code", flat=True)) == [
        f"C7.{n}" for n in range(1, 9)
    ]
    categories = dict(ActionLine.objects.exclude(prize_category=None).values_list("code", "prize_category"))
    assert sorted(categories.values()) == list(range(1, 19))
    assert categories["C1"] == 1 and categories["C7.1"] == 7 and categories["C7.8"] == 14 and categories["C11"] == 18
    assert "C7" not in categories


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_name_exists_in_the_six_languages(suffix: str) -> None:
    for model in (ActionLine, Country, Region, StakeholderType, SdgGoal):
        assert not model.objects.filter(**{f"name_{suffix}": ""}).exists(), model
    assert not ActionLine.objects.filter(**{f"description_{suffix}": ""}).exists()
    assert not WsisTarget.objects.filter(**{f"text_{suffix}": ""}).exists()


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_169_sdg_targets_are_loaded_in_the_six_languages(suffix: str) -> None:
    texts = list(SdgTarget.objects.values_list(f"text_{suffix}", flat=True))
    assert len(texts) == 169 and sum(1 for text in texts if text.strip()) == 169
    # Each version is its own text, not the English one copied.
    if suffix != "en":
        assert not SdgTarget.objects.filter(**{f"text_{suffix}": F("text_en")}).exists()


def test_a_forced_reload_restores_an_edited_target_translation() -> None:
    target = SdgTarget.objects.get(code="9.c")
    shipped, history_rows = target.text_ar, SdgTarget.history.count()
    SdgTarget.objects.filter(pk=target.pk).update(text_ar="")
    call_command("load_reference_data", "--force", stdout=io.StringIO())
    assert SdgTarget.objects.get(pk=target.pk).text_ar == shipped
    out = io.StringIO()
    call_command("load_reference_data", "--force", stdout=out)
    assert "0 created, 0 updated" in out.getvalue()
    assert SdgTarget.history.count() == history_rows + 1


def test_c6_passed_from_undp_to_itu_in_may_2008() -> None:
    leads = Facilitation.objects.filter(action_line__code="C6", role="lead").order_by("valid_from")
    (undp, itu) = [(f.organisation.code, f.valid_from.isoformat(), f.valid_to) for f in leads]
    assert undp[0] == "UNDP" and undp[2].isoformat().startswith("2008-05")
    assert itu[0] == "ITU" and itu[1].startswith("2008-05") and itu[2] is None


def test_every_unit_has_one_lead_today() -> None:
    from actionlines.roles import current_facilitations

    leads = dict(current_facilitations().filter(role="lead").values_list("action_line__code").annotate(n=Count("pk")))
    units = set(ActionLine.objects.exclude(code="C7").values_list("code", flat=True))
    assert set(leads) >= units and all(n == 1 for code, n in leads.items() if code in units)
    lead_of = dict(current_facilitations().filter(role="lead").values_list("action_line__code", "organisation__code"))
    assert lead_of["C7.4"] == "WHO" and lead_of["C7.7"] == "FAO" and lead_of["C7.2"] == "UNCTAD"
    assert lead_of["C1"] == "UNDESA" and lead_of["C3"] == "UNESCO" and lead_of["C7.6"] == "WMO"


def test_countries_regions_and_groupings_follow_m49() -> None:
    assert Country.objects.count() >= 248
    assert Country.objects.filter(un_member=True).count() == 193
    france = Country.objects.select_related("region", "subregion").get(iso3="FRA")
    assert (france.iso2, france.m49, france.region.code, france.subregion.code) == ("FR", "250", "150", "155")
    assert (france.name_fr, france.name_ar, france.name_zh) == ("France", "فرنسا", "法国")
    kenya = Country.objects.get(iso3="KEN")
    assert kenya.intermediate_region.code == "014" and kenya.subregion.code == "202"
    assert Region.objects.get(code="419").parent.code == "019"
    grouped = dict(
        Region.objects.filter(kind="grouping").annotate(n=Count("grouped_countries")).values_list("code", "n")
    )
    assert grouped["199"] == 44 and grouped["432"] == 32  # LDC and LLDC lists of 2025
    assert Country.objects.filter(groupings__code="722", iso3="FJI").exists()  # SIDS


def test_regional_commissions_and_their_member_states() -> None:
    counts = dict(
        CommissionMembership.objects.filter(status="member").values_list("commission__code").annotate(n=Count("pk"))
    )
    assert counts == {"ECA": 54, "ECE": 56, "ECLAC": 46, "ESCAP": 53, "ESCWA": 21}
    assert set(Organisation.objects.filter(is_regional_commission=True).values_list("code", flat=True)) == {
        "ECA",
        "ECE",
        "ECLAC",
        "ESCAP",
        "ESCWA",
    }


def test_sdgs_targets_matrix_and_wsis_targets() -> None:
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    per_goal = dict(SdgTarget.objects.values_list("goal__number").annotate(n=Count("pk")))
    assert per_goal[17] == 19 and per_goal[3] == 13 and per_goal[7] == 5
    assert SdgTarget.objects.get(code="9.c").text_en.startswith("Significantly increase access to information")
    c2 = set(MatrixLink.objects.filter(action_line__code="C2").values_list("target__code", flat=True))
    assert {"1.4", "8.2", "9.1", "9.a", "9.c", "11.5", "11.b"} <= c2
    c11 = set(MatrixLink.objects.filter(action_line__code="C11").values_list("target__code", flat=True))
    assert {"17.9", "17.16", "17.17"} <= c11
    units = set(MatrixLink.objects.values_list("action_line__code", flat=True))
    assert len(units) == 18 and "C7" not in units
    assert WsisTarget.objects.count() == 11
    assert "villages" in WsisTarget.objects.get(number=1).text_en


def test_loading_again_changes_nothing_and_keeps_edits_unless_the_files_change() -> None:
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert "unchanged" in out.getvalue()
    out = io.StringIO()
    call_command("load_reference_data", "--force", stdout=out)
    assert "0 created, 0 updated" in out.getvalue()
    history_rows = ActionLine.history.count()
    # An edit in the admin survives a plain reload (the files did not change)...
    ActionLine.objects.filter(code="C2").update(name_en="Infrastructure (edited)")
    call_command("load_reference_data", stdout=io.StringIO())
    assert ActionLine.objects.get(code="C2").name_en == "Infrastructure (edited)"
    # ...and a forced reload restores the shipped text, recorded in the audit trail.
    call_command("load_reference_data", "--force", stdout=io.StringIO())
    assert ActionLine.objects.get(code="C2").name_en == "Information and communication infrastructure"
    assert ActionLine.history.count() == history_rows + 1


def test_data_files_note_their_sources(settings: Any) -> None:
    for app in ("stakeholders", "actionlines"):
        text = (settings.BASE_DIR / app / "data" / "SOURCES.md").read_text()
        assert len(text) > 500
