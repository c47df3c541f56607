"""The printable summary report: its charts (inline SVG, titled, with a text alternative), their
numbers against the dashboard's figures, nothing fetched from the web, and the text report when
the charts cannot be drawn."""

import re

import plotly.graph_objects as go
import pytest
from factories import make_decision
from organiser_world import NOW, make_world

from civic_challenge.charts import dashboard as charts
from civic_challenge.charts import report_svg
from civic_challenge.charts.text import chart_text
from civic_challenge.db.models import Proposal, Theme
from civic_challenge.domain.money import short_pounds
from civic_challenge.services import exports
from civic_challenge.services.dashboard import DashboardFilters, dashboard_data

TITLES = {  # the report's caption: the figure's own title, as on the dashboard
    "Pipeline per theme": "Pipeline per theme against the target share",
    "Money per theme": "Money per theme against the budget split",
    "Score distribution": "Score distribution per theme",
    "Proposals per borough": "Proposals and winners per borough (pilot boroughs; one square each)",
    "Submissions over time": "Submissions over time against the deadline",
}


def _charts(html: str) -> list[str]:
    return re.findall(r"<svg .*?</svg>", html, flags=re.S)


def _desc(svg: str) -> str:
    found = re.search(r"<desc [^>]*>(.*?)</desc>", svg, flags=re.S)
    assert found, "each chart has a text alternative"
    return found.group(1)


def test_every_chart_is_drawn_with_its_title_and_a_text_alternative(session):
    world = make_world(session)
    report = exports.summary_report(session=session, actor=world.organiser, now=NOW)
    assert report.images and report.note is None
    svgs = _charts(report.html)
    assert len(svgs) == len(TITLES)
    for number, (svg, (caption, title)) in enumerate(zip(svgs, TITLES.items(), strict=True)):
        assert 'role="img"' in svg
        assert f'aria-labelledby="chart{number}-title"' in svg
        assert f'aria-describedby="chart{number}-desc"' in svg
        assert f'<title id="chart{number}-title">{title}</title>' in svg
        assert len(_desc(svg)) > 20
        assert f"<figcaption>{caption}</figcaption>" in report.html


def test_the_charts_carry_the_dashboards_figures(session):
    world = make_world(session)
    report = exports.summary_report(session=session, actor=world.organiser, now=NOW)
    data = dashboard_data(session=session, actor=world.organiser, filters=DashboardFilters())
    pipeline, money, _scores, boroughs, submissions = (_desc(s) for s in _charts(report.html))
    checked = 0
    for trace in charts.pipeline_chart(data.pipeline).data:
        if trace.type == "bar":
            for theme, text in zip(trace.x, trace.text, strict=True):
                if text:
                    assert f"{theme}, {trace.name}: {text}" in pipeline
                    checked += 1
    assert checked >= 4  # two themes, each with submitted and eligible proposals at least
    requested = data.money[data.money["measure"] == "Requested"]
    for theme, pence in zip(requested["theme_name"], requested["pence"], strict=True):
        assert f"{theme}, Requested: {short_pounds(pence)}" in money
    for name, count in zip(data.boroughs["name"], data.boroughs["proposals"], strict=True):
        assert f"{name}: {count} proposals" in boroughs
    assert f"{data.headline.proposals} proposals submitted by" in submissions


def test_nothing_in_the_report_is_fetched_from_the_web(session):
    world = make_world(session)
    report = exports.summary_report(session=session, actor=world.organiser, now=NOW)
    assert report.images
    assert not re.search(r"https?:|//[a-z]", report.html, flags=re.I)
    assert "<script" not in report.html and "<img" not in report.html
    assert "<link" not in report.html


def test_the_report_keeps_its_text_when_the_charts_cannot_be_drawn(session, monkeypatch):
    world = make_world(session)

    def cannot_draw(figure, index, title):
        raise ValueError(f"The chart {title!r} has no data to draw.")

    monkeypatch.setattr(exports, "chart_svg", cannot_draw)
    report = exports.summary_report(session=session, actor=world.organiser, now=NOW)
    assert not report.images
    assert "could not be drawn (ValueError)" in report.note and report.note in report.html
    assert "Proposals entered</th><td>6" in report.html
    assert "<svg" not in report.html and "No charts in this report" in report.html


def test_a_data_change_shows_in_the_next_report(session):
    world = make_world(session)
    before = exports.summary_report(session=session, actor=world.organiser, now=NOW)
    assert "No awards have been decided yet." in before.html
    make_decision(session, session.get(Proposal, world.proposal_ids[0]), amount_pence=9_000_00)
    session.flush()
    after = exports.summary_report(session=session, actor=world.organiser, now=NOW)
    assert "CIC-T-0000" in after.html and "£9,000" in after.html
    assert _desc(_charts(after.html)[0]) != _desc(_charts(before.html)[0])


def test_user_text_in_a_chart_shows_as_typed():
    typed = "Fish & <b>chips</b> <script>x</script>"
    figure = go.Figure(go.Bar(name=chart_text(typed), x=[chart_text(typed)], y=[3], text=["3"]))
    svg = report_svg.chart_svg(figure, 0, "Title & <more>")  # the figure has no title
    shown = "Fish &amp; &lt;b&gt;chips&lt;/b&gt; &lt;script&gt;x&lt;/script&gt;"
    assert shown in svg and f"{shown}, {shown}: 3" in _desc(svg)
    assert "<script>" not in svg and "&amp;amp;" not in svg and "&amp;lt;" not in svg
    assert "Title &amp; &lt;more&gt;" in svg


def test_a_theme_name_in_the_report_shows_as_typed(session):
    world = make_world(session)
    session.get(Theme, world.theme_ids["climate"]).name = "Climate & <i>change</i>"
    session.flush()
    report = exports.summary_report(session=session, actor=world.organiser, now=NOW)
    pipeline = _charts(report.html)[0]
    assert "Climate &amp; &lt;i&gt;change&lt;/i&gt;" in pipeline
    assert "<i>" not in report.html and "&amp;amp;" not in report.html


def test_a_chart_without_data_is_refused_in_plain_words():
    with pytest.raises(ValueError, match="'Empty' has no data to draw"):
        report_svg.chart_svg(go.Figure(), 0, "Empty")


def test_a_kind_of_chart_the_report_cannot_draw_is_refused_in_plain_words():
    figure = go.Figure(go.Heatmap(z=[[1, 2], [3, 4]]))
    with pytest.raises(ValueError, match="cannot draw the chart 'Means' \\(a heatmap figure\\)"):
        report_svg.chart_svg(figure, 0, "Means")


def test_a_challenge_with_no_submissions_draws_an_empty_timeline():
    import pandas as pd

    days = pd.DataFrame({"day": pd.to_datetime([]), "submitted": [], "cumulative": []})
    figure = charts.submissions_chart(days, opens_at=NOW, deadline=NOW)
    svg = report_svg.chart_svg(figure, 4, "Submissions over time")
    assert "No proposals submitted yet." in _desc(svg)
    assert "Deadline" in svg
