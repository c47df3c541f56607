"""What makes every page usable by keyboard and readable (WCAG 2.2 AA), beyond the theme.

The theme's colours are set in .streamlit/config.toml; this adds, once per run, a small style
block (no fetches): a focus ring of at least 3:1 on every control that can take keyboard focus
(Streamlit's own rings are faint or missing on radio options and links), labels of disabled
fields in the body text's colour (Streamlit greys them to 2.6:1), and a compact sidebar whose
section headings are sized as labels (so it fits a laptop's height without a scroll region).
"""

import streamlit as st

FOCUS = "#1d4ed8"  # 6.7:1 on white and 6.2:1 on the sidebar's grey: a ring well over 3:1
TEXT = "#141414"  # the theme's text colour (.streamlit/config.toml)

STYLE = f"""
<style>
a:focus-visible, button:focus-visible, summary:focus-visible, [role="tab"]:focus-visible,
[role="button"]:focus-visible, [tabindex]:focus-visible, input:focus-visible,
textarea:focus-visible, [data-testid="stPageLink-NavLink"]:focus-visible {{
  outline: 3px solid {FOCUS} !important;
  outline-offset: 2px !important;
}}
input:focus-visible, textarea:focus-visible {{ outline-offset: -3px !important; }}
label:has(input[type="radio"]:focus-visible), label:has(input[type="checkbox"]:focus-visible) {{
  outline: 3px solid {FOCUS} !important;
  outline-offset: 2px !important;
  border-radius: 0.25rem;
}}
label[data-testid="stWidgetLabel"], label[data-testid="stWidgetLabel"] p {{
  color: {TEXT} !important;
  opacity: 1 !important;
}}
[data-testid="stSidebarUserContent"] {{ padding-bottom: 1rem !important; }}
[data-testid="stSidebarUserContent"] [data-testid="stVerticalBlock"] {{ gap: 0.25rem !important; }}
[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"] p {{
  line-height: 1.75rem !important;
}}
[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]:focus-visible {{
  outline-offset: 0 !important;
}}
[data-testid="stSidebar"] h2 {{
  font-size: 0.875rem !important;
  font-weight: 700 !important;
  line-height: 1.5 !important;
  padding: 0 !important;
  margin: 0 !important;
  text-transform: uppercase;
  letter-spacing: 0.04em;
}}
[data-testid="stSidebar"] [data-testid="stHeading"] [data-testid="stMarkdownContainer"] {{
  margin-bottom: 0 !important;
}}
[data-testid="stSidebar"] [data-testid="stElementContainer"]:has(h2) {{
  margin-top: 0.5rem;
}}
</style>
"""


def style() -> None:
    """Add the style block to this run's page (it takes no space)."""
    st.html(STYLE)
