"""The dashboard's charts, in one namespace for the dashboard page and the printable report:
long aggregate frames in, plotly figures out; no streamlit, no I/O.

The figures live by subject in pipeline.py, distributions.py and progress.py; what they share
(font, layout, the target marker) in layout.py.
"""

from civic_challenge.charts.distributions import criterion_heatmap, score_histogram
from civic_challenge.charts.layout import FONT
from civic_challenge.charts.pipeline import money_chart, pipeline_chart
from civic_challenge.charts.progress import coverage_chart, judge_progress_chart, submissions_chart

__all__ = [
    "FONT",
    "coverage_chart",
    "criterion_heatmap",
    "judge_progress_chart",
    "money_chart",
    "pipeline_chart",
    "score_histogram",
    "submissions_chart",
]
