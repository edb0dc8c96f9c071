"""Pictures put back between the paragraphs the main-content finder kept."""

from __future__ import annotations

import lxml.html

from scraper.extract.figures import restore_figures
from scraper.extract.html_tree import parse_fragment, parse_page

ONE = "Step one: soak the foam block in water until it sinks to the bottom of the bowl."
TWO = "Step two: press the soaked foam into the glass base and trim what stands above it."
THREE = "Step three: plant the moss and the ferns, then close the cloche and set it aside."


def _page(body: str) -> lxml.html.HtmlElement:
    return parse_page(f"<html><body>{body}</body></html>")


def _content(*paragraphs: str) -> lxml.html.HtmlElement:
    return parse_fragment("<div>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>")


def _order(content: lxml.html.HtmlElement) -> list[str]:
    """The article as a list: paragraph openings and picture addresses, in order."""
    out = []
    for element in content.iter("p", "img", "figcaption"):
        if element.tag == "img":
            out.append(element.get("src"))
        elif element.tag == "figcaption":
            out.append("caption: " + element.text_content())
        elif element.text:
            out.append(element.text[:10])
    return out


def test_a_photo_between_two_kept_paragraphs_goes_back_with_its_caption() -> None:
    page = _page(
        f"<div class='step'><p>{ONE}</p></div>"
        "<div class='thumb'><figure><img src='https://cdn.example/1.jpg' alt='Foam'>"
        "<figcaption>The soaked foam</figcaption></figure></div>"
        f"<div class='step'><p>{TWO}</p></div>"
        "<div class='thumb'><img src='https://cdn.example/2.jpg'></div>"
        f"<div class='step'><p>{THREE}</p></div>"
    )
    content = _content(ONE, TWO, THREE)
    assert restore_figures(page, content) == 2
    assert _order(content) == [
        ONE[:10],
        "https://cdn.example/1.jpg",
        "caption: The soaked foam",
        TWO[:10],
        "https://cdn.example/2.jpg",
        THREE[:10],
    ]


def test_pictures_outside_the_kept_paragraphs_stay_out() -> None:
    page = _page(
        "<img src='https://cdn.example/lead.jpg'>"  # before the article: nothing places it
        f"<p>{ONE}</p><img src='https://cdn.example/between.jpg'><p>{TWO}</p>"
        "<img src='https://cdn.example/teaser.jpg'>"  # after it, before a paragraph left out
        "<p>Read more from our newsroom about houseplants and how to keep them alive.</p>"
    )
    content = _content(ONE, TWO)
    assert restore_figures(page, content) == 1
    assert _order(content) == [ONE[:10], "https://cdn.example/between.jpg", TWO[:10]]


def test_icons_pixels_and_pictures_already_there_are_not_added() -> None:
    page = _page(
        f"<p>{ONE}</p>"
        "<img src='https://cdn.example/share-icon.png'>"
        "<img src='https://cdn.example/avatar.jpg' class='author-avatar'>"
        "<img src='https://tracker.example/p.gif' width='1' height='1'>"
        "<img src='https://cdn.example/kept.jpg'>"
        "<img alt='no source'>"
        f"<p>{TWO}</p>"
    )
    content = parse_fragment(
        f"<div><p>{ONE}</p><p><img src='https://cdn.example/kept.jpg'></p><p>{TWO}</p></div>"
    )
    assert restore_figures(page, content) == 0


def test_a_picture_after_a_list_item_goes_after_the_list() -> None:
    page = _page(f"<ul><li>{ONE}</li></ul><img src='https://cdn.example/1.jpg'><p>{TWO}</p>")
    content = parse_fragment(f"<div><ul><li>{ONE}</li></ul><p>{TWO}</p></div>")
    assert restore_figures(page, content) == 1
    article = content.find(".//ul").getparent()
    assert [child.tag for child in article] == ["ul", "p", "p"]
    assert article[1].find("img").get("src") == "https://cdn.example/1.jpg"


def test_an_article_of_one_paragraph_gets_nothing() -> None:
    page = _page(f"<p>{ONE}</p><img src='https://cdn.example/1.jpg'><p>{ONE}</p>")
    content = _content(ONE)
    assert restore_figures(page, content) == 0


def test_lazy_pictures_sharing_one_placeholder_are_told_apart() -> None:
    blank = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
    page = _page(
        f"<p>{ONE}</p><img src='{blank}' data-src='https://cdn.example/1.jpg'>"
        f"<img src='{blank}' data-src='https://cdn.example/2.jpg'><p>{TWO}</p>"
    )
    content = _content(ONE, TWO)
    assert restore_figures(page, content) == 2
    assert [img.get("data-src") for img in content.iter("img")] == [
        "https://cdn.example/1.jpg",
        "https://cdn.example/2.jpg",
    ]


def test_a_picture_written_twice_between_two_paragraphs_comes_back_once() -> None:
    page = _page(
        f"<p>{ONE}</p><img src='https://cdn.example/1.jpg'>"
        f"<div><img src='https://cdn.example/1.jpg'></div><p>{TWO}</p>"
    )
    content = _content(ONE, TWO)
    assert restore_figures(page, content) == 1


def test_the_lead_photo_goes_before_the_first_paragraph() -> None:
    # A news page: the headline, the byline with its headshot, the lead photo in a figure,
    # then the box of paragraphs readability kept.
    page = _page(
        "<header><figure><img src='https://cdn.example/masthead.jpg'></figure></header>"
        "<article><h1>Moss grows in a bowl</h1>"
        "<div class='byline'><img src='https://cdn.example/jane.jpg' alt='Jane Doe'> Jane</div>"
        "<figure><img src='https://cdn.example/lead.jpg' alt='A bowl of moss'>"
        "<figcaption>The finished bowl</figcaption></figure>"
        f"<div class='body'><p>{ONE}</p><p>{TWO}</p></div></article>"
    )
    content = _content(ONE, TWO)
    assert restore_figures(page, content) == 1
    assert _order(content) == [
        "https://cdn.example/lead.jpg",
        "caption: The finished bowl",
        ONE[:10],
        TWO[:10],
    ]


def test_a_writers_mugshot_is_no_lead_photo() -> None:
    page = _page(
        "<article><header><figure><img src='https://cdn.example/70x70/m.jpg' "
        "alt='Jane Doe mugshot'></figure></header>"
        f"<div class='body'><p>{ONE}</p><p>{TWO}</p></div></article>"
    )
    content = _content(ONE, TWO)
    assert restore_figures(page, content) == 0


def test_a_lead_photo_needs_its_figure_and_nothing_between_it_and_the_article() -> None:
    page = _page(
        "<article><figure><img src='https://cdn.example/teaser.jpg'></figure>"
        "<p>A teaser paragraph of another story, which the article does not include.</p>"
        "<div class='byline'><img src='https://cdn.example/jane.jpg' alt='Jane Doe'></div>"
        f"<div class='body'><p>{ONE}</p><p>{TWO}</p></div></article>"
    )
    content = _content(ONE, TWO)
    assert restore_figures(page, content) == 0
    assert _order(content) == [ONE[:10], TWO[:10]]


def test_a_lead_photo_goes_before_a_list_never_into_it() -> None:
    page = _page(
        "<main><figure><img src='https://cdn.example/lead.jpg'></figure>"
        f"<ul><li>{ONE}</li><li>{TWO}</li></ul></main>"
    )
    content = parse_fragment(f"<ul><li>{ONE}</li><li>{TWO}</li></ul>")
    assert restore_figures(page, content) == 1
    assert [child.tag for child in content] == ["figure", "ul"]
    # An article that is the list itself has no place for a figure: it stays out.
    bare = lxml.html.fragment_fromstring(f"<ul><li>{ONE}</li><li>{TWO}</li></ul>")
    assert restore_figures(page, bare) == 0
    assert [child.tag for child in bare] == ["li", "li"]
    between = _page(
        f"<ul><li>{ONE}</li></ul><figure><img src='https://cdn.example/between.jpg'></figure>"
        f"<ul><li>{TWO}</li></ul>"
    )
    assert restore_figures(between, bare) == 0
    assert [child.tag for child in bare] == ["li", "li"]
