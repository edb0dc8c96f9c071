"""What a regulatory text says about documents: their numbers, titles, issuers and kind,
which ones it cites, repeals or amends, and when it enters into force.

Works on plain text, whichever extractor found it: a notice's paragraphs, an article's
text. Nothing is guessed: a date, a number or a title is taken only as the text writes it.

* **document numbers** look like ``Yinfa [2026] No. 42`` (issuer code, year in brackets,
  serial number), or ``银发〔2026〕42号`` in Chinese;
* **titles** are quoted ("...", 《...》) and name what the document is (Law, Measures, 办法);
* **repeals and amendments** are the numbers in the sentences that repeal ("is hereby
  repealed", "同时废止") or amend ("is hereby amended as follows", "修改如下"); a number
  said not to be repealed ("不予废止") is neither, one of which only an article is
  repealed ("Article 3 of ... is repealed") is amended;
* **entry into force** is the basis the text gives ("upon the date of its issuance",
  "自2026年3月1日起施行") and the date it implies.
"""

from __future__ import annotations

import re

from scraper.extract.dates import NUM_DATE_RE, WORD_DATE_RE, parse_date

__all__ = [
    "TITLE_STOP_WORDS",
    "amended_documents",
    "cited_documents",
    "find_doc_numbers",
    "find_notice_title",
    "in_force_basis",
    "in_force_from_basis",
    "issuers_from_title",
    "jurisdiction_from_issuers",
    "kind_from_title",
    "repealed_documents",
    "repeals_and_amendments",
]

# --- document numbers -------------------------------------------------------------------------

_OPEN = "[\\[〔［]"
_CLOSE = "[\\]〕］]"
# A capitalised word of an issuer code: at most 40 characters, never given back (a shorter
# word is followed by a letter, which nothing after it accepts), and the number starts at a
# word's beginning, not after a Latin letter or digit. Without these, a long run of capitals
# ("AAAA...") was matched again from each of its letters: 22 s for 40,000, time growing with
# the square of the run; with the bound only, 2.3 s for two million.
_TOKEN = r"[A-Z][\w'’-]{0,39}+"
# Between the words of an issuer code: spaces, never a line break ("... and Others" ending
# a title line is not part of the number on the next line).
_GAP = r"[^\S\n]+"
_EN_NUMBER_RE = re.compile(
    rf"(?<![A-Za-z0-9'’-])(?P<prefix>(?:{_TOKEN}{_GAP}){{0,4}}{_TOKEN})\s*{_OPEN}\s*(?P<year>\d{{4}})\s*{_CLOSE}"
    rf"\s*No\.?\s*(?P<serial>\d+)"
)
_ZH_NUMBER_RE = re.compile(r"(?P<prefix>[\u4e00-\u9fff]{1,8})〔(?P<year>\d{4})〕(?P<serial>\d+)号")
# Words that precede a number in running text but are not part of the issuer code.
_NOT_PREFIX = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "of",
        "in",
        "on",
        "under",
        "per",
        "see",
        "by",
        "to",
        "from",
        "notice",
        "document",
        "circular",
        "decision",
    ]
)


def _clean_prefix(prefix: str) -> str:
    words = prefix.split()
    while len(words) > 1 and words[0].lower() in _NOT_PREFIX:
        words.pop(0)
    return " ".join(words)


def _number_mentions(text: str) -> list[tuple[int, str]]:
    """(position, canonical number) of every document number in ``text``, in text order."""
    return [(start, number) for start, _, number in _number_spans(text)]


def _number_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical number) of every document number in ``text``, in text order."""
    found = [
        (m.start(), m.end(), f"{_clean_prefix(m['prefix'])} [{m['year']}] No. {m['serial']}")
        for m in _EN_NUMBER_RE.finditer(text)
    ]
    found += [
        (m.start(), m.end(), f"{m['prefix']}〔{m['year']}〕{m['serial']}号")
        for m in _ZH_NUMBER_RE.finditer(text)
    ]
    return sorted(found)


def is_doc_number(text: str) -> bool:
    """Whether ``text`` is a document number and nothing else ("FSA [2025] No. 7",
    "银发〔2025〕88号"): the line a notice gives its number on, under its title."""
    text = text.strip()
    return any(rx.fullmatch(text) for rx in (_EN_NUMBER_RE, _ZH_NUMBER_RE))


def find_doc_numbers(text: str) -> list[str]:
    """Document numbers in ``text``, in order of first mention, in one canonical spelling."""
    return list(dict.fromkeys(number for _, number in _number_mentions(text)))


# --- titles, issuers, citations ----------------------------------------------------------------

_QUOTED_RE = re.compile(r"[\"“《]([^\"“”《》]{3,1000})[\"”》]")
_DOC_WORDS = (
    "Law|Laws|Regulations?|Rules|Measures|Provisions|Notice|Circular|Decision|Opinions|"
    "Guidelines|Guidance|Catalog|Catalogue|Code|Act|Announcement|Interpretation|Directive"
)
_DOC_WORD_RE = re.compile(rf"\b(?:{_DOC_WORDS})\b|法|条例|办法|规定|通知|公告|意见|目录")
_TITLE_START_RE = re.compile(
    r"^(?:Joint\s+)?(?:Notice|Decision|Announcement|Circular|Opinions|Measures|Provisions|"
    r"Guidelines|Rules|Regulations)\b"
)
_TRAILING_NUMBER_RE = re.compile(r"\s*[(（]([^()（）]+)[)）]\s*$")
_ISSUERS_RE = re.compile(
    r"^(?:Joint\s+)?(?:Notice|Decision|Announcement|Circular|Opinions)\s+of\s+(?:the\s+)?"
    r"(?P<issuers>.+?)\s+on\s+\S"
)


def _strip_quote_punct(text: str) -> str:
    """American style puts the comma inside the quotes: "Securities Law," -> Securities Law."""
    return text.strip().rstrip(",.;:，。；").strip()


_CITED_TITLE_CHARS = 300
# A Chinese title in plain quotes ends with what it is (a law, measures, a notice ...).
_ZH_TITLE_END_RE = re.compile(r"(?:法|条例|办法|规定|通知|公告|意见|目录|决定|细则|指引)$")


def _looks_like_doc_title(text: str, *, book_title_marks: bool = False) -> bool:
    """Whether quoted text names a document: "Securities Law", 《中华人民共和国证券法》.

    Quotes also hold speech and passages, which the words "law" or 法 (in 方法, 做法...)
    do not make titles: a title is one line of at most 300 characters; in English its
    words are capitalised (Title Case); in Chinese it sits in 《》 or ends with what it is.
    """
    if not text or len(text) > _CITED_TITLE_CHARS or "\n" in text:
        return False
    if not _DOC_WORD_RE.search(text):
        return False
    if "\u4e00" <= text[0] <= "\u9fff":
        return book_title_marks or bool(_ZH_TITLE_END_RE.search(text))
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.lower() not in TITLE_STOP_WORDS]
    return bool(words) and text[0].isupper() and all(w[0].isupper() for w in words)


def find_notice_title(text: str) -> tuple[str, str | None] | None:
    """The quoted full title of a notice in ``text`` (e.g. a news foreword), and the document
    number given in parentheses at its end, if any.

    A quote counts when it starts like a notice title ("Notice of ...", "Decision on ...");
    one that carries a document number is preferred, because forewords quote the full title
    with its number exactly when they introduce the full text.
    """
    best: tuple[str, str | None] | None = None
    for m in _QUOTED_RE.finditer(text):
        quoted = _strip_quote_punct(m.group(1))
        if not _TITLE_START_RE.match(quoted):
            continue
        number = None
        tail = _TRAILING_NUMBER_RE.search(quoted)
        if tail and find_doc_numbers(tail.group(1)):
            number = find_doc_numbers(tail.group(1))[0]
            quoted = quoted[: tail.start()].strip()
        if number:
            return quoted, number
        best = best or (quoted, None)
    return best


def title_and_number(title: str) -> tuple[str, str | None]:
    """A title line that ends with its own number in brackets ("...的通知（银发〔2030〕2号）",
    "Notice on ... (Yinfa [2030] No. 1)"), split into the title and the number."""
    tail = _TRAILING_NUMBER_RE.search(title)
    if tail is None or not is_doc_number(tail.group(1)):
        return title, None
    return title[: tail.start()].strip(), find_doc_numbers(tail.group(1))[0]


_ZH_ISSUERS_RE = re.compile(
    r"^(?P<issuers>[\u4e00-\u9fff][\u4e00-\u9fff\s、，,]{1,200}?)关于.+(?:通知|公告|决定|意见|办法|规定|通告)$"
)


def issuers_from_title(title: str) -> list[str]:
    """Issuing bodies named in a title such as "Notice of A, B and C on ...", one per item.

    Names are split on commas only: "National Development and Reform Commission" contains an
    "and" of its own, so a bare "and" is stripped from the front of the last name instead.
    """
    m = _ISSUERS_RE.match(title.strip())
    if not m:
        m = _ZH_ISSUERS_RE.match(title.strip())
        # "中国人民银行 国家发展改革委 工业和信息化部关于……的通知": names before 关于.
        return list(dict.fromkeys(re.split(r"[\s、，,]+", m["issuers"].strip()))) if m else []
    issuers: list[str] = []
    for part in m["issuers"].split(","):
        name = re.sub(r"^(?:and\s+)?(?:the\s+)?", "", part.strip())
        if name and name not in issuers:
            issuers.append(name)
    return issuers


# Checked in order: "Hong Kong" before "China" so the HKMA is not filed under CN.
_COUNTRY_WORDS: tuple[tuple[str, str], ...] = (
    ("hong kong", "HK"),
    ("macao", "MO"),
    ("taiwan", "TW"),
    ("china", "CN"),
    ("renminbi", "CN"),
    ("united states", "US"),
    ("federal reserve", "US"),
    ("european", "EU"),
    ("united kingdom", "GB"),
    ("singapore", "SG"),
    ("japan", "JP"),
    ("korea", "KR"),
    ("中国", "CN"),
)


def jurisdiction_from_issuers(issuers: list[str]) -> str | None:
    """A jurisdiction code when the issuers' names say it ("People's Bank of China" -> CN)."""
    for name in issuers:
        low = name.lower()
        for word, code in _COUNTRY_WORDS:
            if word in low:
                return code
    return None


# Sentences end at ". " and "; " (not "No. ") and, in Chinese, right after "。" and "；",
# which no space follows.
_SENTENCE_RE = re.compile(r"(?<!\bNo\.)(?<=[.;])\s+|(?<=[。；])\s*")
_REPEAL_RE = re.compile(
    r"\b(?:repeal|abolish|annul|rescind)|"
    r"\bceases?\s+to\s+(?:be\s+in\s+force|have\s+(?:legal\s+)?effect|be\s+effective)|废止|失效",
    re.I,
)
#: What a sentence of such a list holds besides its documents: markers, separators.
_LIST_REST_RE = re.compile(
    r"[\s\d.、,，;；:：()（）\[\]〔〕一二三四五六七八九十]*(?:and|和|及)?[\s.;；。]*"
)


# Only the formulas by which a text amends another: "as amended in 2019" cites a law.
_AMEND_RE = re.compile(
    r"\bhereby\s+amend|\b(?:is|are)\s+(?:hereby\s+)?amended\s+as\s+follows|"
    r"\bshall\s+be\s+amended\b|作如下修改|修改如下|予以修改|修订如下",
    re.I,
)


# "is not repealed", "shall not be repealed", "不予废止": the verb says what does not happen.
_NEGATED_BEFORE_RE = re.compile(
    r"(?:\bnot\s+(?:(?:be|been|being|hereby)\s+)*|(?:不予|未予|不再|暂不|不得|无须|无需|未|不))$",
    re.I,
)
# "Pursuant to the Securities Law, ... is repealed", "根据《中国人民银行法》，...同时废止": a
# document named as the ground of the repeal, not what it repeals.
_GROUND_BEFORE_RE = re.compile(
    r"(?:根据|依据|按照|依照|遵照|\bpursuant\s+to|\bunder|\baccording\s+to|"
    r"\bin\s+accordance\s+with|\bas\s+provided\s+(?:in|by)|\bas\s+required\s+by|"
    r"\bon\s+the\s+basis\s+of)\s*(?:the\s+)?"
    r"(?:(?:Articles?|Sections?|Paragraphs?)\s+[\dIVXLC]+\s+of\s+(?:the\s+)?)?[《\"“]?\s*$",
    re.I,
)
#: A quoted title this far (characters) from the repealing words is what they repeal: "the
#: "Measures for Payment Services" issued in 2010 are hereby repealed", 《...公告》同时废止.
_TITLE_TO_VERB = 80
# A part of a document: "Article 3 of", "Paragraph 2 of Article 5 of", "Annex 1 to".
_PART_OF_RE = re.compile(
    r"\b(?:Articles?|Paragraphs?|Items?|Sections?|Chapters?|Clauses?|Annex(?:es)?|"
    r"Appendix|Appendices)\s+[\dIVXLC(][^.;]{0,60}?\b(?:of|to|in)\b",
    re.I,
)
# ... 银发〔2020〕3号第三条, 银发〔2020〕3号）中的第五款, ...号附件2
_ZH_PART_AFTER_RE = re.compile(
    r"[)）》」』\s]*(?:中的?|的)?(?:第[一二三四五六七八九十百千零〇两\d]+[条款项章节]|附件)"
)


def repealed_documents(text: str) -> list[str]:
    """Documents (numbers, or quoted titles without a number) that sentences of ``text``
    repeal as a whole.

    Not a number whose sentence says it is *not* repealed ("remains in effect and is not
    repealed", "不予废止"), nor one of which only a part is repealed ("Article 3 of ...
    shall be repealed", "...号第三条予以废止"): that document is amended
    (:func:`amended_documents`), it stays in force."""
    return repeals_and_amendments(text)[0]


def amended_documents(text: str) -> list[str]:
    """Document numbers named in sentences that amend something ("Article 5 of Yinfa [2020]
    No. 3 is hereby amended as follows"), and documents a part of which is repealed."""
    return repeals_and_amendments(text)[1]


def repeals_and_amendments(text: str) -> tuple[list[str], list[str]]:
    """:func:`repealed_documents` and :func:`amended_documents` of ``text``, from one reading
    of its sentences (a notice needs both)."""
    whole, partly = _repeals(text)
    amended = _numbers_in_sentences(text, _AMEND_RE)
    return whole, amended + [n for n in partly if n not in amended]


def _only_items(sentence: str, mentions: list[tuple[int, int, str, bool]]) -> bool:
    """Whether ``sentence`` is an item of a list of documents (or a bare item marker)."""
    rest, at = [], 0
    for start, end, _, _ in sorted(mentions):
        rest.append(sentence[at:start])
        at = max(at, end)
    rest.append(sentence[at:])
    return _LIST_REST_RE.fullmatch("".join(rest)) is not None


def _part_of(before: str) -> bool:
    """Whether the text just before a number names a part of it ("Article 3 of", "Article 2
    of the Notice on Payments (", "... and Article 4 of"), not a clause of its own ("Under
    Article 5 of the Law, "), a title that names an article ("The Notice Implementing
    Article 5 of the Law (") or a sentence about parts ("Annex 1 to this Notice lists the
    documents repealed: ")."""
    found = _PART_OF_RE.search(before)
    if found is None:
        return False
    lead = before[: found.start()].strip().lower()
    if lead not in ("", "the", "and") and not lead.endswith((" and", ",", ";", "、", "，", "；")):
        return False  # the part phrase does not open the subject: a title's words
    tail = before[found.end() :]
    if re.search(r"[:：]", tail):
        return False
    return not (re.search(r"[,，]\s*", tail) and not re.search(r"[\"“‘'《(（]", tail))


def _numbers_in_sentences(text: str, verb: re.Pattern[str]) -> list[str]:
    out: list[str] = []
    for sentence in _SENTENCE_RE.split(text):
        if verb.search(sentence):
            out += [n for n in find_doc_numbers(sentence) if n not in out]
    return out


def _repeals(text: str) -> tuple[list[str], list[str]]:
    """(documents repealed whole, documents repealed in part), each in order of mention.

    Each document named in a sentence with repealing words is read against the words that
    govern it (the first after it, else the last before it: "下列文件同时废止：..."): not
    repealed when they are negated ("... is not repealed") or when it is named as the ground
    ("Pursuant to the Securities Law"); a quoted title, which may be anything the sentence
    quotes, only when it stands next to them."""
    whole: list[str] = []
    partly: list[str] = []
    listing = False  # in the items under "are hereby repealed:", "下列文件同时废止："
    for sentence in _SENTENCE_RE.split(text):
        verbs = list(_REPEAL_RE.finditer(sentence))
        mentions = [(s, e, n, False) for s, e, n in _number_spans(sentence)]
        mentions += [(s, e, t, True) for s, e, t in _title_spans(sentence)]
        if not verbs:
            if listing and _only_items(sentence, mentions):
                whole += [ref for _, _, ref, _ in sorted(mentions) if ref not in whole + partly]
            else:
                listing = False
            continue
        last = verbs[-1]
        listing = bool(re.search(r"[:：]", sentence[last.end() :])) and not (
            _NEGATED_BEFORE_RE.search(sentence[: last.start()])
        )
        previous_end = 0
        for start, end, ref, is_title in sorted(mentions):
            before = sentence[previous_end:start]
            previous_end = end
            after = next((v for v in verbs if v.start() >= end), None)
            verb = after or next((v for v in reversed(verbs) if v.end() <= start), None)
            if verb is None or _NEGATED_BEFORE_RE.search(sentence[: verb.start()]):
                continue
            if _GROUND_BEFORE_RE.search(sentence[max(0, start - 40) : start]):
                continue
            gap = verb.start() - end if verb is after else start - verb.end()
            if is_title and gap > _TITLE_TO_VERB:
                continue
            part = _part_of(before) or _ZH_PART_AFTER_RE.match(sentence, end)
            target = partly if part else whole
            if ref not in whole and ref not in partly:
                target.append(ref)
    return whole, partly


def cited_documents(text: str, *, exclude: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Documents ``text`` refers to: document numbers, and quoted titles of laws, regulations
    and catalogs. A quoted title directly followed by its number ("... Activities" (NDRC ...
    [2021] No. 1283)) is cited once, by the number."""
    mentions = [(start, title) for start, _, title in _title_spans(text)]
    mentions += _number_mentions(text)
    skip = {_key(n) for n in exclude}
    cites: dict[str, str] = {}
    for _, item in sorted(mentions):
        if _key(item) not in skip:
            cites.setdefault(_key(item), item)
    return list(cites.values())


_DEFINED_TERM_BEFORE_RE = re.compile(
    r"(?:[(（]\s*(?:the\s+)?|\bhereinafter(?:\s+referred\s+to\s+as)?\s+(?:the\s+)?|以下简称|简称)$",
    re.I,
)


def _title_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, title) of the quoted document titles in ``text`` that carry no number of
    their own (a title with its number is known by the number)."""
    out = []
    for m in _QUOTED_RE.finditer(text):
        quoted = _strip_quote_punct(m.group(1))
        tail = re.match(r"\s*[(（]([^()（）]+)[)）]", text[m.end() : m.end() + 120])
        if find_doc_numbers(quoted) or (tail and find_doc_numbers(tail.group(1))):
            continue  # cited by its number
        if _DEFINED_TERM_BEFORE_RE.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # (the "Notice"), （以下简称《通知》）: a short name for a document
        if _looks_like_doc_title(quoted, book_title_marks=m.group(0).startswith("《")):
            out.append((m.start(), m.end(), quoted))
    return out


def _key(item: str) -> str:
    return re.sub(r"\s+", " ", item).strip().lower().replace("no. ", "no.")


# --- entry into force ----------------------------------------------------------------------------

_IN_FORCE_RE = re.compile(
    r"(?:(?:enter|enters|come|comes)\s+into\s+(?:force|effect)|(?:take|takes)\s+effect|"
    r"(?:be|become|becomes)\s+effective)\s+"
    r"(?P<basis>(?:upon|on|from|as\s+of|with\s+effect\s+from)\s+[^.;。]+)",
    re.I,
)
# "本办法自2026年3月1日起施行", "自印发之日起施行": the basis is what stands between 自 and 起.
_ZH_IN_FORCE_RE = re.compile(r"自(?P<basis>[^，。；自]{1,30}?)起?(?:施行|生效|实施)")
_BY_ISSUE_RE = re.compile(r"\b(?:issu|promulgat|publi|sign)|印发|发布|公布|颁布|签署", re.I)
# What may stand around an explicit date in a basis: "on", "from", "as of", "with effect from".
_DATE_CONNECTIVES_RE = re.compile(r"\b(?:on|from|as\s+of|with\s+effect\s+from|the)\b", re.I)


def in_force_basis(text: str) -> str | None:
    """What the text says about its entry into force: "upon the date of its issuance",
    "on 1 March 2026", "2026年3月1日" (from "自2026年3月1日起施行")."""
    m = _IN_FORCE_RE.search(text) or _ZH_IN_FORCE_RE.search(text)
    return re.sub(r"\s+", " ", m["basis"]).strip() if m else None


def in_force_from_basis(basis: str | None, issued: str | None) -> str | None:
    """The in-force date ``basis`` gives: the date it names when it is only a date ("on 1
    March 2026"), the issue date when it says the text enters into force on issuance (and the
    issue date is known), else nothing. Never a guess: "30 days after 1 March 2026" names a
    date that is not the one."""
    if not basis:
        return None
    explicit = parse_date(basis)
    if explicit:
        rest = _DATE_CONNECTIVES_RE.sub("", NUM_DATE_RE.sub("", WORD_DATE_RE.sub("", basis)))
        return explicit if not re.search(r"\w", rest) else None
    if not issued:
        return None
    return issued if _BY_ISSUE_RE.search(basis) else None


TITLE_STOP_WORDS = frozenset(
    ["of", "and", "the", "for", "on", "in", "to", "with", "a", "an", "or", "by", "at", "from", "as"]
)


# What a title says the text is: its head noun, which leads an English title ("Measures
# for ...", "Securities Law of ...") and ends a Chinese one ("……管理办法", "……的通知").
_EN_KIND_RE = re.compile(
    r"\b(?:(?P<notice>Notice|Circular|Decision)|(?P<law>Laws?)|"
    r"(?P<regulation>Measures|Regulations?|Provisions|Rules)|"
    r"(?P<guidance>Guidelines|Guidance|Opinions|Guide)|(?P<announcement>Announcement))\b"
)
_ZH_KINDS = (
    ("通知|通告|决定", "notice"),
    ("办法|规定|条例|细则|规则", "regulation"),
    ("法", "law"),
    ("意见|指引|指南", "guidance"),
    ("公告", "announcement"),
)


def kind_from_title(title: str) -> str:
    """``notice``, ``law``, ``regulation``, ``guidance`` or ``announcement`` as the title
    names it; ``notice`` when it names none of them."""
    text = re.sub(r"[》」”\"')）)]+$", "", title.strip())
    for words, kind in _ZH_KINDS:
        if re.search(f"(?:{words})$", text):
            return kind
    m = _EN_KIND_RE.search(text)
    return m.lastgroup if m and m.lastgroup else "notice"
