"""The dashboard charts' text alternatives: each chart's numbers as a table with plain headings."""

import pandas as pd

from civic_challenge.domain.money import pounds
from civic_challenge.services.dashboard import DashboardData


def chart_tables(data: DashboardData) -> dict[str, pd.DataFrame]:
    """Built once per cache entry: reshaping frames on every rerun cost more than drawing."""
    return {
        "pipeline": _pipeline_table(data.pipeline),
        "money": _money_table(data.money),
        "scores": data.scores.rename(
            columns={
                "theme_name": "Theme",
                "bin_start": "From",
                "bin_end": "To",
                "proposals": "Proposals",
            }
        ).drop(columns="theme_key"),
        "heatmap": data.heatmap.round({"mean_score": 1}).rename(
            columns={
                "criterion_name": "Criterion",
                "theme_name": "Theme",
                "mean_score": "Mean score (0-100)",
                "scores": "Scores",
            }
        ),
        "boroughs": data.boroughs[["name", "proposals", "winners"]].rename(
            columns={"name": "Borough", "proposals": "Proposals", "winners": "Winners"}
        ),
        "submissions": data.submissions.assign(
            day=data.submissions["day"].dt.strftime("%d %b %Y")
        ).rename(columns={"day": "Day", "submitted": "Submitted", "cumulative": "In all"}),
        "judges": _judge_table(data.judges) if not data.judges.empty else data.judges,
        "coverage": data.coverage.assign(
            complete=data.coverage["complete"].map({True: "Yes", False: "No"})
        ).rename(
            columns={
                "reviews": "Reviews done",
                "proposals": "Proposals",
                "complete": "Enough reviews",
            }
        ),
    }


def _pipeline_table(coverage: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Stage": coverage["stage"].str.capitalize(),
            "Theme": coverage["theme_name"],
            "Proposals": coverage["proposals"],
            "Share of stage": coverage["proposal_share"].map(
                lambda s: "" if pd.isna(s) else f"{s:.0%}"
            ),
            "Target share of awards": coverage["target_award_share"].map(lambda s: f"{s:.1%}"),
        }
    )


def _money_table(money: pd.DataFrame) -> pd.DataFrame:
    wide = money.pivot_table(
        index=["theme_name", "target_pence"], columns="measure", values="pence", sort=False
    ).reset_index()
    table = pd.DataFrame({"Theme": wide["theme_name"]})
    for measure in ("Requested", "Shortlisted", "Awarded"):
        if measure in wide:
            table[measure] = wide[measure].map(pounds)
    table["Budget split (target)"] = wide["target_pence"].map(pounds)
    return table


def _judge_table(judges: pd.DataFrame) -> pd.DataFrame:
    wide = judges.pivot_table(
        index="judge_name", columns="state_name", values="assignments", sort=False
    )
    return wide.reset_index().rename(columns={"judge_name": "Judge"})
