import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _apptest_uses_st_navigation() -> None:
    """Work around AppTest (Streamlit 1.67) with st.navigation and a folder named pages/.

    AppTest resets ``PagesManager.uses_pages_directory`` before every run, so the pages/ folder
    switches it to the legacy multipage mode and every run after the first executes the page file
    alone, skipping app.py. The real server sets the flag to False once st.navigation is called; this
    does the same for AppTest.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import app_test

    class NavigationPagesManager(PagesManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    app_test.PagesManager = NavigationPagesManager


_apptest_uses_st_navigation()
