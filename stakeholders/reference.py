"""Load the stakeholders' reference data files from stakeholders/data/ (sources: data/SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

from stakeholders.models import CommissionMembership, Country, Organisation, Region, StakeholderType
from wsis_portal.reference import Upserter, read_csv, translated

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = ["regions.csv", "countries.csv", "stakeholder_types.csv", "organisations.csv", "regional_commissions.csv"]


def load(upserter: Upserter) -> None:
    load_regions(upserter)
    load_countries(upserter)
    load_stakeholder_types(upserter)
    load_organisations(upserter)
    load_commission_members()


def load_regions(upserter: Upserter) -> None:
    regions: dict[str, Region] = {}
    for row in read_csv(DATA_DIR / "regions.csv"):  # parents come before their children in the file
        parent = regions.get(row["parent"]) if row["parent"] else None
        values = {"kind": row["kind"], "parent_id": parent.pk if parent else None, **translated(row, "name")}
        regions[row["code"]] = upserter.upsert(Region, {"code": row["code"]}, values)


def load_countries(upserter: Upserter) -> None:
    regions = {region.code: region for region in Region.objects.all()}
    groupings = {"ldc": regions["199"], "lldc": regions["432"], "sids": regions["722"]}

    def region_id(code: str) -> int | None:
        return regions[code].pk if code else None

    for row in read_csv(DATA_DIR / "countries.csv"):
        values = {
            "iso2": row["iso2"],
            "m49": row["m49"],
            "region_id": region_id(row["region"]),
            "subregion_id": region_id(row["subregion"]),
            "intermediate_region_id": region_id(row["intermediate_region"]),
            "un_member": row["un_member"] == "1",
            **translated(row, "name"),
        }
        country = upserter.upsert(Country, {"iso3": row["iso3"]}, values)
        wanted = {grouping.pk for key, grouping in groupings.items() if row[key] == "1"}
        current = set(country.groupings.values_list("pk", flat=True))
        if wanted != current:
            country.groupings.set(wanted)


def load_stakeholder_types(upserter: Upserter) -> None:
    for row in read_csv(DATA_DIR / "stakeholder_types.csv"):
        upserter.upsert(StakeholderType, {"code": row["code"]}, {"sort": int(row["sort"]), **translated(row, "name")})


def load_organisations(upserter: Upserter) -> None:
    types = {kind.code: kind for kind in StakeholderType.objects.all()}
    countries = dict(Country.objects.values_list("iso3", "pk"))
    for row in read_csv(DATA_DIR / "organisations.csv"):
        values = {
            "acronym": row["acronym_en"],
            "stakeholder_type_id": types[row["stakeholder_type"]].pk,
            "country_id": countries.get(row["country_iso3"]),
            "website": row["website"],
            "verified": True,
            "is_regional_commission": row["is_regional_commission"] == "1",
            "is_ungis_member": row["is_ungis_member"] == "1",
            **translated(row, "name"),
        }
        upserter.upsert(Organisation, {"code": row["code"]}, values)


def load_commission_members() -> None:
    """Regional commissions' member states: the file is the whole truth, so it replaces the table."""
    commissions = dict(Organisation.objects.filter(is_regional_commission=True).values_list("code", "pk"))
    countries = dict(Country.objects.values_list("iso3", "pk"))
    wanted = {
        (commissions[row["commission"]], countries[row["iso3"]]): row["status"]
        for row in read_csv(DATA_DIR / "regional_commissions.csv")
    }
    existing = {(m.commission_id, m.country_id): m for m in CommissionMembership.objects.all()}
    CommissionMembership.objects.filter(pk__in=[m.pk for key, m in existing.items() if key not in wanted]).delete()
    CommissionMembership.objects.bulk_create(
        [
            CommissionMembership(commission_id=c, country_id=k, status=s)
            for (c, k), s in wanted.items()
            if (c, k) not in existing
        ]
    )
    for key, status in wanted.items():
        if key in existing and existing[key].status != status:
            existing[key].status = status
            existing[key].save(update_fields=["status"])
