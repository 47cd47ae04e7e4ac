"""Figures, one module per page, built from the library's plain data: charts drawn as SVG on the server (svg.py),
Plotly figures (the Run page's results and the Why page's views on request) and SVG drawings."""
