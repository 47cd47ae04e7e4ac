"""Streamlit components of the app (st.components.v2): HTML, CSS and JavaScript files read at import."""
