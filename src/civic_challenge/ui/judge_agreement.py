"""How far the judges agree (Krippendorff's alpha, overall and per criterion), and how each
judge's scores sit against the others' (calibration)."""

import pandas as pd
import streamlit as st

from civic_challenge.services.results import Ranking
from civic_challenge.ui.results import Shown, figures
from civic_challenge.ui.text import plain


def agreement(result: Ranking) -> None:
    overall = result.agreement
    if pd.isna(overall.alpha):
        st.write(f"Agreement cannot be measured yet: {plain(overall.reading)}.")
    else:
        st.write(
            f"Across {overall.units:,} proposals with two or more reviews, "
            f"**{plain(overall.reading)}** (Krippendorff's alpha {overall.alpha:.2f}; "
            "1 is full agreement, 0 is no better than chance)."
        )
    by_criterion = result.agreement_by_criterion.rename(
        columns={
            "criterion": "Criterion",
            "alpha": "Alpha",
            "reading": "Reading",
            "units": "Proposals",
        }
    )[["Criterion", "Alpha", "Reading", "Proposals"]]
    st.dataframe(
        by_criterion,
        hide_index=True,
        column_config={"Alpha": st.column_config.NumberColumn(format="%.2f")},
    )


def calibration(shown: Shown) -> None:
    result = shown.ranking
    if result.calibration_note:
        st.warning(plain(result.calibration_note), icon=":material/warning:")
    table = result.calibration
    if table.empty:
        return
    st.plotly_chart(figures(shown).calibration, key="calibration_chart")
    st.dataframe(
        pd.DataFrame(
            {
                "Judge": table["judge"],
                "Reviews": table["n_reviews"],
                "Shared with another judge": table["n_shared"],
                "Mean raw total": table["mean_total"],
                "Offset": table["offset"],
                "Interval": [
                    f"{lo:+.1f} to {hi:+.1f}" if pd.notna(lo) else "unknown"
                    for lo, hi in zip(table.low, table.high, strict=True)
                ],
            }
        ),
        hide_index=True,
        column_config={
            "Mean raw total": st.column_config.NumberColumn(format="%.1f"),
            "Offset": st.column_config.NumberColumn(format="%+.1f", help="Positive: more generous"),
        },
    )
