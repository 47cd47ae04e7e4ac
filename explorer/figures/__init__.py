"""Figures, one module per page, built from the library's plain data: Vega-Lite charts (rows and a spec, see vega.py),
Plotly figures and SVG drawings."""
