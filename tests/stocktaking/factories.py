from __future__ import annotations

from typing import Any

from stocktaking import content as entry_content


def complete_content(**changes: Any) -> dict[str, Any]:
    """A complete entry, ready to submit."""
    data = entry_content.empty("en")
    data.update(
        title="Community broadband for rural schools in Senegal",
        short_description=" ".join(["Connecting rural schools with solar-powered community broadband."] * 20),
        description="<p>Phase one connected <strong>120 schools</strong>.</p><script>alert(1)</script>",
        activity_type="project",
        coverage="national",
        status="ongoing",
        start_date="2024-01-15",
        website="https://schools.example.sn",
        links=["https://schools.example.sn/report.pdf"],
        action_lines=[{"code": "C2", "rationale": "Infrastructure"}, {"code": "C7.3", "rationale": ""}],
        sdg_targets=[{"code": "4.a", "rationale": "Schools"}],
        wsis_targets=[2],
        countries=["SEN"],
    )
    data.update(changes)
    return data
