"""The brand's part of a document's CSS, shared by every PDF of a firm (the coalition
report, the portfolio): colours as CSS variables, the fonts, and the running footer with
the firm and "page X of Y" in the document's language.

Brand values end up inside a <style> element, so each is sanitised here before the CSS is
marked safe; a brand.yaml can change the look, never inject markup or rules."""

from __future__ import annotations

from markupsafe import Markup

from pipeline.core.i18n import Translator
from pipeline.report.brand import Brand


def quoted_font(font: str) -> str:
    """A font family name as a CSS string: letters, digits, spaces and hyphens only."""
    return "'" + "".join(ch for ch in font if ch.isalnum() or ch in " -") + "'"


def css_string(text: str) -> str:
    """A text as a CSS string for `content:`, without quotes, backslashes, tags or line breaks."""
    return '"' + "".join(ch for ch in text if ch not in '"\\<>\n') + '"'


def css_colour(value: str) -> str | None:
    """The colour if it is a plain hex or named colour, else None (left out of the CSS)."""
    return value if value and all(ch.isalnum() or ch == "#" for ch in value) else None


def css_vars(brand: Brand) -> str:
    pairs = {"--primary": brand.primary, "--secondary": brand.secondary, "--text": brand.text,
             "--muted": brand.muted, "--strength": brand.bands["strength"],
             "--attention": brand.bands["attention"], "--concern": brand.bands["concern"],
             "--between": brand.bands["between"]}
    return "".join(f"{k}:{v};" for k, v in pairs.items() if css_colour(v))


def page_css(brand: Brand, t: Translator) -> Markup:
    """Variables, fonts and the footer (firm left, "page X of Y" right) of every page."""
    body, headings = f"{quoted_font(brand.font)}, sans-serif", f"{quoted_font(brand.heading_font)}, sans-serif"
    footer = f'{css_string(t("page") + " ")} counter(page) {css_string(" " + t("of") + " ")} counter(pages)'
    return Markup(
        f":root {{ {css_vars(brand)} }}\n"
        f"html {{ font-family: {body}; }}\nh1, h2, h3, .chart-title {{ font-family: {headings}; }}\n"
        f"@page {{ font-family: {body}; @bottom-left {{ content: {css_string(brand.firm)}; }}\n"
        f"  @bottom-right {{ content: {footer}; }} }}")


def draft_css(t: Translator) -> Markup:
    """The draft mark in every page's header, as text a reader and a text search both find
    (the large diagonal mark over the page is drawn by the template)."""
    return Markup(f"@page {{ @top-center {{ content: {css_string(t('draft_mark'))}; color: #B91C1C; "
                  "font-weight: bold; font-size: 9pt; } }\n"
                  "@page :first { @top-center { content: none; } }")   # the cover has no margin: its own mark
