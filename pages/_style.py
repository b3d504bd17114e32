"""The app's one stylesheet and the small script that moves focus to each page's title, drawn from app.py.

Colours that differ between the light and the dark palette use CSS `light-dark()`: Streamlit sets
`color-scheme` on the app and the sidebar to match the active theme, so no script has to tell the
stylesheet which theme is on. The script copies that scheme onto the page root, so menus and
pop-overs Streamlit draws outside the app follow it too.
"""

from __future__ import annotations

import json

import streamlit as st

# Keep in step with the palettes in .streamlit/config.toml (tests/unit/test_theme.py checks the
# contrast of every pair below against both backgrounds).
FOCUS_LIGHT, FOCUS_DARK = "#1f5f50", "#9be0cc"
MUTED_LIGHT, MUTED_DARK = "#56544f", "#b8b5ad"
ON_PRIMARY_DARK = "#0f1f1a"
# Charts drawn as SVG rather than on a canvas, so the stylesheet can give their axis and legend text a
# readable colour in either theme (Streamlit's own chart grey is 3.6:1 on the light background).
CHART_USERMETA = {"embedOptions": {"renderer": "svg"}}
# Phones and narrow windows: Streamlit stacks columns below this width.
NARROW = "640px"

CSS = f"""
/* Captions: Streamlit draws them at 60 % opacity, under 4.5:1; a quieter colour of their own instead. */
.stApp [data-testid="stCaptionContainer"] {{
  opacity: 1;
  color: light-dark({MUTED_LIGHT}, {MUTED_DARK});
}}

/* The label of a control that is switched off (e.g. a feeling's slider before it has a name): quiet,
   but still readable at 4.5:1, since it says what the control will be for. */
.stApp [data-testid="stElementContainer"]:has([aria-disabled="true"], :disabled) [data-testid="stWidgetLabel"] {{
  opacity: 1;
  color: light-dark({MUTED_LIGHT}, {MUTED_DARK});
}}
.stApp [data-testid="stElementContainer"]:has([aria-disabled="true"], :disabled) [data-testid="stWidgetLabel"] * {{
  color: inherit;
  opacity: 1;
}}

/* Chart axes and legends (SVG, see CHART_USERMETA): the quiet text colour, 4.5:1 on both palettes. */
.stApp [data-testid="stVegaLiteChart"] :is(.role-axis-label, .role-axis-title, .role-legend-label, .role-legend-title) text {{
  fill: light-dark({MUTED_LIGHT}, {MUTED_DARK});
}}

/* Primary buttons: white on the light palette's deep green, near-black on the dark palette's light one. */
.stApp button[kind^="primary"] {{
  color: light-dark(#ffffff, {ON_PRIMARY_DARK});
}}

/* The sidebar while folded away (phones): nothing in it can be reached or scrolled until it opens. */
[data-testid="stSidebar"][data-collapsed="true"] [data-testid="stSidebarContent"] {{
  visibility: hidden;
  overflow: hidden;
}}

/* A focus ring that is always there and always visible, on both palettes. */
.stApp :focus-visible,
[data-testid="stToastContainer"] :focus-visible,
[data-testid="stMainMenuPopover"] :focus-visible,
[data-baseweb="popover"] :focus-visible {{
  outline: 3px solid light-dark({FOCUS_LIGHT}, {FOCUS_DARK}) !important;
  outline-offset: 2px !important;
}}
/* Text fields draw their ring on the box around them (the field itself sits flush inside it). */
.stApp [data-baseweb="input"]:focus-within,
.stApp [data-baseweb="textarea"]:focus-within,
.stApp [data-baseweb="select"] > div:focus-within {{
  outline: 3px solid light-dark({FOCUS_LIGHT}, {FOCUS_DARK});
  outline-offset: 1px;
}}
.stApp [data-baseweb="input"] input:focus-visible,
.stApp [data-baseweb="textarea"] textarea:focus-visible,
.stApp [data-baseweb="select"] input:focus-visible {{
  outline: none !important;
}}
/* The page title takes focus on navigation (so it is announced) without a ring around it. */
.stApp h1[tabindex="-1"]:focus {{
  outline: none !important;
}}

/* Targets of at least 24 by 24 px (WCAG 2.5.8): the day/month/year parts of a date field. */
.stApp [data-testid="stDateInput"] [role="spinbutton"] {{
  display: inline-flex;
  min-width: 24px;
  min-height: 24px;
  align-items: center;
  justify-content: center;
}}

/* The x beside a list row: a comfortable target; its name ("Remove win 3") is read out, and on a
   phone it is shown beside the x, so the button is plainly tied to its row. */
.stApp [class*="st-key-remove-"] button {{
  min-width: 2.5rem;
  min-height: 2.5rem;
}}
@media (min-width: {NARROW}) {{
  .stApp [class*="st-key-remove-"] button [data-testid="stMarkdownContainer"] {{
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }}
}}

/* A chosen answer (segmented choices, Reflect's scale): a firm outline and bold text besides the tint,
   so it shows without relying on colour. */
.stApp [data-testid="stButtonGroup"] [role="radio"][aria-checked="true"] {{
  box-shadow: inset 0 0 0 1px currentColor;
  font-weight: 600;
}}
.stApp [data-testid="stButtonGroup"] [role="radio"][aria-checked="true"] p {{
  font-weight: 600;
}}

/* The 0-10 scale on Reflect: eleven equal steps on one line, at every width. */
.stApp [class*="-reflect-wanted"] [role="radiogroup"] {{
  display: flex;
  flex-wrap: nowrap;
  gap: 2px;
}}
.stApp [class*="-reflect-wanted"] [role="radiogroup"] > button {{
  flex: 1 1 0;
  min-width: 24px;
  padding-left: 0;
  padding-right: 0;
}}

/* The sidebar's page list: a quiet line between Start here, the five steps, and the rest. */
[data-testid="stSidebarNavItems"] > li:nth-child(2),
[data-testid="stSidebarNavItems"] > li:nth-child(7) {{
  margin-top: 0.5rem;
  padding-top: 0.5rem;
  border-top: 1px solid light-dark(#d9d6cd, #343a3f);
}}

/* Nothing wider than a phone's screen. */
@media (max-width: {NARROW}) {{
  .stApp [data-testid="stMarkdownContainer"] {{
    overflow-wrap: anywhere;
  }}
  .stApp [data-testid="stCode"] pre {{
    white-space: pre-wrap;
  }}
}}

/* No animation when the system asks for less motion. */
@media (prefers-reduced-motion: reduce) {{
  *, *::before, *::after {{
    animation-duration: 0.01ms !important;
    animation-iteration-count: 1 !important;
    transition-duration: 0.01ms !important;
    transition-delay: 0s !important;
    scroll-behavior: auto !important;
  }}
}}

/* Streamlit's main menu only carries the theme switcher that _prefs drives from the Account choice
   (one place to choose, remembered for the account): it stays out of sight, also while in use. */
[data-testid="stMainMenu"] {{
  display: none !important;
}}
.rebound-theme-switch [data-testid="stMainMenuPopover"] {{
  visibility: hidden !important;
}}

/* The containers of the app's scripts and cookie scripts take no room. */
.st-key-rebound_scripts, .st-key-rebound_cookies {{
  display: none;
}}
"""

# On each page change: once the new page's title is drawn, move focus to it (a screen reader then
# reads it out, as it would on a page load) and mirror the theme's colour scheme onto the root.
_PAGE_SCRIPT = """
<script>
(() => {
  const page = %s;
  const root = document.documentElement;
  root.dataset.reboundPage = page;  // an older page's keeper (below) stops
  const app = document.querySelector(".stApp");
  const mirror = () => { if (app) root.style.colorScheme = getComputedStyle(app).colorScheme; };
  mirror();
  if (app && !window.reboundSchemeWatch) {
    window.reboundSchemeWatch = new MutationObserver(mirror);
    window.reboundSchemeWatch.observe(app, { attributes: true, attributeFilter: ["class"] });
  }
  const deadline = Date.now() + 15000;
  // Whatever the person does first wins: a key pressed or a click before the title is found (the
  // run still going) leaves the focus where they put it.
  let acted = false;
  const act = () => { acted = true; };
  for (const kind of ["keydown", "pointerdown"]) {
    document.addEventListener(kind, act, { capture: true, once: true });
  }
  const focusTitle = () => {
    if (acted) return;
    // Only once the run is over: until then the page being left may still show its own title.
    const over = document.querySelector('[data-test-script-state="notRunning"]') !== null;
    const title = [...document.querySelectorAll('[data-testid="stMain"] h1')].find(
      (h1) => h1.closest('[data-stale="true"]') === null
    );
    if (!over || !title) {
      if (Date.now() < deadline) setTimeout(focusTitle, 50);
      return;
    }
    title.setAttribute("tabindex", "-1");
    title.focus({ preventScroll: true });
    // A rerun right after (a cookie written, a key restored) may draw the title anew and drop the
    // focus to the page itself; put it back on the title then, never away from anything else, and
    // only until the person does something (a click's rerun can drop the focus too: it stays put).
    const until = Date.now() + 4000;
    const keep = () => {
      if (acted || Date.now() > until || root.dataset.reboundPage !== page) return;
      if (document.activeElement === document.body) {
        const again = [...document.querySelectorAll('[data-testid="stMain"] h1')].find(
          (h1) => h1.closest('[data-stale="true"]') === null
        );
        if (again) { again.setAttribute("tabindex", "-1"); again.focus({ preventScroll: true }); }
      }
      setTimeout(keep, 100);
    };
    setTimeout(keep, 100);
  };
  focusTitle();
})();
</script>
"""


def apply() -> None:
    """The stylesheet; Streamlit puts a style-only block where it takes no room."""
    st.html(f"<style>{CSS}</style>")


def scripts() -> st.delta_generator.DeltaGenerator:
    """The container the app's scripts are drawn into (in the sidebar): hidden, always at one place."""
    return st.container(key="rebound_scripts")


def page_focus(page: str) -> None:
    """Announce a newly opened page by moving focus to its title (runs once per page change)."""
    st.html(_PAGE_SCRIPT % json.dumps(page), unsafe_allow_javascript=True)
