"""Plotly figures, one module per page, built from the library's plain data."""
