#!/usr/bin/env python3
"""Consistency checks for the reference CSVs in stakeholders/data/ (stdlib only)."""
import csv
import os
import sys
from collections import Counter

DATA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGS = ["en", "fr", "es", "ru", "ar", "zh"]
HEADERS = {
    "regions.csv": "code,kind,parent,name_en,name_fr,name_es,name_ru,name_ar,name_zh",
    "countries.csv": "iso2,iso3,m49,region,subregion,intermediate_region,ldc,lldc,sids,"
                     "un_member,name_en,name_fr,name_es,name_ru,name_ar,name_zh",
    "regional_commissions.csv": "commission,iso3,status",
    "stakeholder_types.csv": "code,name_en,name_fr,name_es,name_ru,name_ar,name_zh,sort",
    "organisations.csv": "code,acronym_en,name_en,name_fr,name_es,name_ru,name_ar,name_zh,"
                         "stakeholder_type,country_iso3,website,is_regional_commission,"
                         "is_ungis_member",
}
errors = []


def load(name):
    with open(os.path.join(DATA, name), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if ",".join(rows[0]) != HEADERS[name]:
        errors.append(f"{name}: header {rows[0]}")
    hdr = rows[0]
    out = [dict(zip(hdr, r)) for r in rows[1:]]
    for i, r in enumerate(rows[1:], 2):
        if len(r) != len(hdr):
            errors.append(f"{name}:{i}: {len(r)} fields")
    for r in out:
        for lang in LANGS:
            if f"name_{lang}" in r and not r[f"name_{lang}"].strip():
                errors.append(f"{name}: empty name_{lang} in {r}")
    print(f"{name}: {len(out)} rows")
    return out


regions = load("regions.csv")
countries = load("countries.csv")
rcs = load("regional_commissions.csv")
stypes = load("stakeholder_types.csv")
orgs = load("organisations.csv")

# regions
rcode = {r["code"]: r for r in regions}
kinds = Counter(r["kind"] for r in regions)
print("region kinds:", dict(kinds))
for r in regions:
    if len(r["code"]) != 3 or not r["code"].isdigit():
        errors.append(f"bad region code {r['code']}")
    if r["parent"] and r["parent"] not in rcode:
        errors.append(f"region {r['code']}: unknown parent {r['parent']}")
    if r["kind"] not in {"world", "region", "subregion", "intermediate", "grouping"}:
        errors.append(f"region {r['code']}: kind {r['kind']}")

# countries
for col in ("iso2", "iso3", "m49"):
    c = Counter(r[col] for r in countries)
    dups = [k for k, v in c.items() if v > 1 or not k]
    if dups:
        errors.append(f"countries: duplicate/empty {col}: {dups}")
for r in countries:
    if len(r["m49"]) != 3 or not r["m49"].isdigit():
        errors.append(f"{r['iso3']}: m49 {r['m49']}")
    for col, kind in (("region", "region"), ("subregion", "subregion"),
                      ("intermediate_region", "intermediate")):
        v = r[col]
        if v and (v not in rcode or rcode[v]["kind"] != kind):
            errors.append(f"{r['iso3']}: {col} {v} not a {kind} in regions.csv")
    if r["subregion"] and rcode[r["subregion"]]["parent"] != r["region"]:
        errors.append(f"{r['iso3']}: subregion parent mismatch")
    if r["intermediate_region"] and \
            rcode[r["intermediate_region"]]["parent"] != r["subregion"]:
        errors.append(f"{r['iso3']}: intermediate parent mismatch")
    if not r["region"]:
        print(f"  note: {r['iso3']} ({r['name_en']}) has no region (M49: directly under World)")
    for flag in ("ldc", "lldc", "sids", "un_member"):
        if r[flag] not in ("0", "1"):
            errors.append(f"{r['iso3']}: {flag}={r[flag]}")
cnt = {f: sum(r[f] == "1" for r in countries) for f in ("ldc", "lldc", "sids", "un_member")}
sids_un = sum(r["sids"] == "1" and r["un_member"] == "1" for r in countries)
print(f"countries: LDC={cnt['ldc']} (expect 44)  LLDC={cnt['lldc']} (expect 32)  "
      f"SIDS={cnt['sids']} (UN members {sids_un}, others {cnt['sids'] - sids_un})  "
      f"UN members={cnt['un_member']} (expect 193)")
for f, exp in (("ldc", 44), ("lldc", 32), ("un_member", 193)):
    if cnt[f] != exp:
        errors.append(f"{f} count {cnt[f]} != {exp}")
for r in countries:
    if r["ldc"] == "1" and r["un_member"] != "1":
        errors.append(f"{r['iso3']}: LDC but not UN member")
per_region = Counter(rcode[r["region"]]["name_en"] if r["region"] else "(none)"
                     for r in countries)
print("countries per region:", dict(per_region))

# regional commissions
iso3s = {r["iso3"] for r in countries}
c = Counter((r["commission"], r["status"]) for r in rcs)
print("regional commissions:", {f"{k[0]} {k[1]}": v for k, v in sorted(c.items())})
expected = {("ECA", "member"): 54, ("ECE", "member"): 56, ("ESCWA", "member"): 21,
            ("ESCAP", "member"): 53, ("ESCAP", "associate"): 9,
            ("ECLAC", "member"): 46, ("ECLAC", "associate"): 14}
for k, v in expected.items():
    if c.get(k, 0) != v:
        errors.append(f"{k}: {c.get(k, 0)} != {v}")
for k in c:
    if k not in expected:
        errors.append(f"unexpected commission/status {k}")
seen = Counter((r["commission"], r["iso3"]) for r in rcs)
for k, v in seen.items():
    if v > 1:
        errors.append(f"duplicate {k}")
for r in rcs:
    if r["iso3"] not in iso3s:
        errors.append(f"{r['commission']}: {r['iso3']} not in countries.csv")
un = {r["iso3"] for r in countries if r["un_member"] == "1"}
for r in rcs:
    if r["status"] == "member" and r["iso3"] not in un and r["iso3"] != "PSE":
        errors.append(f"{r['commission']}: member {r['iso3']} is not a UN member")
in_some = {r["iso3"] for r in rcs if r["status"] == "member"}
print("UN members in no regional commission:", sorted(un - in_some) or "none")

# stakeholder types / organisations
stcodes = {r["code"] for r in stypes}
want = {"government", "international_organisation", "civil_society", "private_sector",
        "academia", "technical_community"}
if stcodes != want:
    errors.append(f"stakeholder type codes {stcodes}")
req = ["ITU", "UNESCO", "UNDP", "UNDESA", "UNCTAD", "FAO", "WHO", "ILO", "WMO", "UNEP",
       "ITC", "UPU", "ECA", "ECE", "ECLAC", "ESCAP", "ESCWA"]
ocodes = Counter(r["code"] for r in orgs)
for k in req:
    if k not in ocodes:
        errors.append(f"organisation {k} missing")
for k, v in ocodes.items():
    if v > 1:
        errors.append(f"duplicate organisation {k}")
for r in orgs:
    if r["stakeholder_type"] not in stcodes:
        errors.append(f"{r['code']}: stakeholder_type {r['stakeholder_type']}")
    if r["country_iso3"] not in iso3s:
        errors.append(f"{r['code']}: country {r['country_iso3']}")
    if not r["website"].startswith("https://"):
        errors.append(f"{r['code']}: website {r['website']}")
    if (r["is_regional_commission"] == "1") != (r["code"] in {"ECA", "ECE", "ECLAC", "ESCAP", "ESCWA"}):
        errors.append(f"{r['code']}: is_regional_commission")
print("organisations:", len(orgs), "UNGIS members:",
      sum(r["is_ungis_member"] == "1" for r in orgs),
      "regional commissions:", sum(r["is_regional_commission"] == "1" for r in orgs))

if errors:
    print("ERRORS:")
    for e in errors:
        print("  ", e)
    sys.exit(1)
print("OK: all checks passed")
