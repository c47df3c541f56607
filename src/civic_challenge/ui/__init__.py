"""Streamlit glue shared by pages: sign-in, cached engine, widgets, formatting."""
