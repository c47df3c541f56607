"""Plotly figure builders: long-form DataFrame in, go.Figure out."""
