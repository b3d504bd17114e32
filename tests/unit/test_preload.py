"""The widget scripts pages/_preload.py loads ahead: each is a file of the installed Streamlit."""

from __future__ import annotations

from pages import _preload


def test_every_preloaded_widget_names_exactly_one_script_of_the_installed_streamlit():
    # An upgrade that renames or splits one would silently drop it from the preload otherwise.
    for widget in _preload.LAZY_WIDGETS:
        found = sorted(path.name for path in _preload.SCRIPTS.glob(f"{widget}.*.js"))
        assert len(found) == 1, (widget, found)
    assert len(_preload.widget_scripts()) == len(_preload.LAZY_WIDGETS)
