"""Figures, one module per page, built from the library's plain data: Vega-Lite charts (rows and a spec, see vega.py),
charts drawn as SVG on the server (svg.py), Plotly figures and SVG drawings."""
