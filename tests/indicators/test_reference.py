from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from indicators.models import Indicator, Observation, StrategyReview, TargetIndicator

pytestmark = pytest.mark.django_db


def _world(code: str, region: str = "001") -> tuple[int, Decimal]:
    observation = Observation.objects.get(indicator__code=code, region__code=region)
    return observation.year, observation.value


def test_the_seeds_figures_are_loaded_with_their_year_and_citation() -> None:
    assert _world("internet-users") == (2019, Decimal("53.6"))
    assert _world("mobile-network-coverage") == (2019, Decimal("97"))
    assert _world("mobile-subscriptions") == (2019, Decimal("8300000000"))
    assert _world("internet-gender-gap") == (2019, Decimal("17"))
    assert _world("internet-gender-gap", "199") == (2019, Decimal("43"))
    assert _world("people-offline") == (2018, Decimal("3800000000"))
    notes = set(Observation.objects.values_list("source_note", flat=True))
    assert all("ECOSOC resolution 2020/12" in note for note in notes)


def test_indicators_targets_and_the_strategy_review() -> None:
    assert Indicator.objects.count() == 14
    assert set(Indicator.objects.exclude(sdg_indicator="").values_list("sdg_indicator", flat=True)) == {
        "17.8.1",
        "9.c.1",
        "17.6.1",
        "5.b.1",
        "4.4.1",
        "4.a.1",
    }
    assert all(name for name in Indicator.objects.values_list("name_zh", flat=True))
    assert set(TargetIndicator.objects.values_list("target__number", flat=True)) == {1, 2, 6, 8, 10, 11}
    review = StrategyReview.objects.get()
    assert (review.year, review.countries_covered, review.region.code if review.region else None) == (2008, 51, "002")


def test_reloading_updates_in_place_and_never_duplicates() -> None:
    Observation.objects.filter(indicator__code="internet-users", region__code="001").update(value=Decimal("1"))
    count = Observation.objects.count()
    call_command("load_reference_data", "--force", stdout=io.StringIO())
    assert Observation.objects.count() == count
    assert _world("internet-users") == (2019, Decimal("53.6"))


def test_reloading_keeps_a_value_imported_since() -> None:
    world = Observation.objects.get(indicator__code="internet-users", region__code="001")
    Observation.objects.filter(pk=world.pk).update(value=Decimal("54.0"), source_note="World Bank, WDI")
    call_command("load_reference_data", "--force", stdout=io.StringIO())
    assert _world("internet-users") == (2019, Decimal("54.0"))


def test_an_observation_has_a_country_or_a_region_never_both() -> None:
    from django.db import IntegrityError, transaction

    from stakeholders.models import Country, Region

    indicator = Indicator.objects.get(code="internet-users")
    for country, region in ((None, None), (Country.objects.get(iso3="SEN"), Region.objects.get(code="001"))):
        with pytest.raises(IntegrityError), transaction.atomic():
            Observation.objects.create(indicator=indicator, country=country, region=region, year=2020, value=1)
