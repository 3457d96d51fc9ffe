"""The postal address the policy gives for its publisher, as one line ("Acme Inc., 1 Main St,
Suite 100, San Francisco, CA 94105, United States").

Found from a postcode (US ZIP after a state, UK, Canadian, Dutch, Irish and continental
"12345 City" forms) or a P.O. Box, then grown into the address around it: a block of short lines
(blank lines between them allowed, as web pages copy that way) or the part of a sentence that
leads up to it ("write to us at Acme Ltd, 1 High Street, London EC1A 1AA"). A candidate needs a
street line or a box. A regulator's address (the ICO at Wycliffe House...) or a third party's is
never the publisher's; of the rest, the one in a contact context wins.
"""

from __future__ import annotations

import re

from privacy_tui.core.policy.fast import Triggered
from privacy_tui.core.policy.findings import Evidence
from privacy_tui.core.policy.sentences import Doc

_STATES = (
    r"A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]|PR|"
    r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|"
    r"Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|"
    r"Montana|Nebraska|Nevada|New\s+Hampshire|New\s+Jersey|New\s+Mexico|New\s+York|North\s+Carolina|North\s+Dakota|Ohio|"
    r"Oklahoma|Oregon|Pennsylvania|Rhode\s+Island|South\s+Carolina|South\s+Dakota|Tennessee|Texas|Utah|Vermont|Virginia|"
    r"Washington|West\s+Virginia|Wisconsin|Wyoming"
)
# Postcodes. Each branch starts with a digit or a capital letter, so the engine skips most of the
# text quickly; a US ZIP counts only after a state (checked with _US_STATE_BEFORE).
_ANCHOR = re.compile(
    r"\d{4}[ \t]?[A-Z]{2}[ \t]+[A-Z][a-z]+"  # Netherlands
    r"|\d{4,5}[ \t]+[A-ZÀ-Ý][a-zà-ÿß]{2,}(?:[ -][A-ZÀ-Ý]?[a-zà-ÿß]+)?"  # 10115 Berlin, 75008 Paris
    r"|\d{5}(?:-\d{4})?(?!\d)"  # US ZIP (the state before it is checked separately)
    r"|(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)[ \t]?\d[ABD-HJLNP-UW-Z]{2}\b"  # UK postcode
    r"|[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ \t]?\d[ABCEGHJ-NPRSTV-Z]\d\b"  # Canada
    r"|[AC-FHKNPRTV-Y]\d{2}[ \t]?[AC-FHKNPRTV-Y\d]{4}\b"  # Ireland (Eircode)
    r"|[A-Z]{1,2}-\d{4,5}[ \t]+[A-ZÀ-Ý][a-zà-ÿß]{2,}"  # D-10115 Berlin
    r"|P\.?[ \t]?O\.?[ \t]+Box[ \t]+\d+",
)
_ZIP_ONLY = re.compile(r"\d{5}(?:-\d{4})?")
# Every postcode has a digit: the anchor pattern runs only next to digits.
_ANCHOR_NEAR_DIGITS = Triggered("0|1|2|3|4|5|6|7|8|9", _ANCHOR, reach=14)
_US_STATE_BEFORE = re.compile(r"[A-Za-z.]\s*,?\s+(?:" + _STATES + r")\.?,?\s+$")
_STREET = re.compile(
    r"\b\d{1,6}[A-Za-z]?(?:[-–]\d{1,6})?,?\s+(?:[NSEW]{1,2}\.?\s+)?(?:[A-Z0-9][\w.'’-]*\s+){0,5}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Highway|Hwy|"
    r"Circle|Cir|Square|Sq|Terrace|Plaza|Row|Walk|Broadway|Trail|Center|Centre|Park|Quay|Wharf|Hill|Gardens|Mews|Crescent|Close)\b"
    r"|\b[A-ZÄÖÜ][\wäöüß.-]*(?:straße|strasse|str\.|weg|platz|gasse|allee|ring|damm|laan|straat|gracht|plein|vej|gade|gatan|vägen|katu|tie)\s+\d{1,5}"
    r"|\b\d{1,5},?\s*(?i:rue|avenue|boulevard|bd|via|viale|calle|avenida|rua|carrer|paseo|piazza|place|quai)\s+[^\n,]{2,40}"
    r"|\b(?:Rue|Via|Calle|Avenida|Rua|Carrer|Piazza)\s+[^\n,]{2,40}?\s+\d{1,5}"
    r"|\b[A-Z][a-z]+\s+(?:House|Building|Tower|Centre|Center|Court|Lane|Road|Street|Square)\b"
    r"|\b(?:Suite|Ste\.?|Floor|Unit)\s+\w+"
    r"|\bP\.?\s?O\.?\s+Box\s+\d+",
)
_COUNTRY = re.compile(
    r"^(?:United\s+States(?:\s+of\s+America)?|U\.?S\.?A?\.?|United\s+Kingdom|U\.?K\.?|Great\s+Britain|England|Scotland|Wales|"
    r"Northern\s+Ireland|Ireland|Germany|Deutschland|France|Canada|Netherlands|The\s+Netherlands|Belgium|Luxembourg|Spain|"
    r"Italy|Portugal|Austria|Switzerland|Sweden|Norway|Denmark|Finland|Poland|Czech\s+Republic|Israel|Australia|"
    r"New\s+Zealand|Singapore|Japan|India|Brazil|Mexico|Cyprus|Malta|Estonia|Lithuania|Latvia|Hong\s+Kong)\.?$",
    re.IGNORECASE,
)
_STOP_LINE = re.compile(
    r"@|https?://|www\.|\b(?:phone|tel|telephone|fax|e-?mail|call)\b\s*[:.]?|©|\bcopyright\b|rights\s+reserved", re.IGNORECASE
)
_SENTENCE_WORDS = re.compile(r"\b(?:we|you|your|our|us|please|may|will|can|if|this|that|which|where|the\s+right)\b", re.IGNORECASE)
_ABBREV_END = re.compile(r"\b(?:Inc|Ltd|LTD|Co|Corp|St|Ave|Rd|Blvd|Dr|Ste|L\.?L\.?C|S\.A|B\.V|N\.V|GmbH|Pty|Ln|Pl)\.$")
_CONTACT = re.compile(
    r"contact|write|writing|mail|post\b|postal|address|registered\s+office|head\s*quarter|located\s+at|send|reach\s+us|"
    r"attn|attention|by\s+letter|correspondence|principal\s+place|office",
    re.IGNORECASE,
)
_REGULATOR = re.compile(
    r"commissioner|supervisory|authority|attorney\s+general|wycliffe\s+house|data\s+protection\s+commission|\bCNIL\b|"
    r"federal\s+trade\s+commission|\bICO\b|ombudsman|regulator",
    re.IGNORECASE,
)
_THIRD_PARTY = re.compile(
    r"\b(?:Google|Facebook|Meta\s+Platforms|Microsoft|Apple|Amazon|PayPal|Stripe|Twitter|LinkedIn|Salesforce|HubSpot|"
    r"Mailchimp|Intuit|Cloudflare|Shopify|OneTrust|TrustArc)\b"
)
# "Contact: ", "Postal address: " before the address itself.
_LEAD_LABEL = re.compile(
    r"^(?:(?:our\s+)?(?:postal|mailing|registered|business|office|head\s*office|street)?\s*(?:address|office)|"
    r"contact(?:\s+us)?|write\s+to(?:\s+us)?|by\s+(?:post|mail)|mail)\s*(?:is\s+|at\s+)?:\s*",
    re.IGNORECASE,
)
_REPRESENTATIVE = re.compile(r"representative|article\s+27|art\.\s*27", re.IGNORECASE)


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    # Looking no further than 2,000 characters keeps a text without line breaks linear.
    lo = max(0, pos - 2000)
    start = text.rfind("\n", lo, pos)
    start = start + 1 if start != -1 else lo
    end = text.find("\n", pos, pos + 2000)
    return start, min(len(text), pos + 2000) if end == -1 else end


_HEADING_LINE = re.compile(
    r"^(?:\d{1,2}[.)]?\s*)?(?:contact(?:\s+(?:us|information|details))?|(?:our\s+)?(?:postal\s+|mailing\s+)?address(?:es)?|"
    r"how\s+(?:can\s+you|to)\s+(?:contact|reach)\s+us|write\s+to\s+us|get\s+in\s+touch|by\s+post|questions|"
    r"(?:owner\s+and\s+)?(?:data\s+)?controller|(?:registered\s+)?office|head\s*quarters|who\s+we\s+are|"
    r"(?:our\s+)?(?:company\s+)?(?:details|information)|imprint|impressum)\s*[:.]?$",
    re.IGNORECASE,
)


def _addressy(line: str) -> bool:
    """A short line that can be part of an address block."""
    body = line.strip()
    if not body or len(body) > 80 or _STOP_LINE.search(body) or body.endswith((":", "?")) or _HEADING_LINE.match(body):
        return False
    if body.endswith(".") and not _ABBREV_END.search(body):
        return False
    return not (_SENTENCE_WORDS.search(body) and len(body.split()) > 6)


def _block(text: str, pos: int) -> tuple[int, int, list[str]] | None:
    """Grow a block of short lines around the anchor's line."""
    start, end = _line_bounds(text, pos)
    anchor_line = text[start:end].strip()
    if len(anchor_line) > 90 or not _addressy(anchor_line):
        return None
    lines = [anchor_line]
    first = start
    cursor = start
    for _ in range(6):
        prev_end = cursor - 1
        if prev_end < 0:
            break
        p_start, p_end = _line_bounds(text, prev_end)
        candidate = text[p_start:p_end]
        gap = 0
        while not candidate.strip() and p_start > 0 and gap < 1:
            gap += 1
            p_start, p_end = _line_bounds(text, p_start - 1)
            candidate = text[p_start:p_end]
        if not candidate.strip() or not _addressy(candidate):
            break
        lines.insert(0, candidate.strip())
        first = p_start
        cursor = p_start
    last = end
    cursor = end
    for _ in range(4):
        if cursor >= len(text):
            break
        n_start, n_end = _line_bounds(text, cursor + 1)
        candidate = text[n_start:n_end]
        if not candidate.strip() and n_end < len(text):
            n_start, n_end = _line_bounds(text, n_end + 1)
            candidate = text[n_start:n_end]
        if candidate.strip() and _COUNTRY.match(candidate.strip()):
            lines.append(candidate.strip().rstrip("."))
            last = n_end
            break
        if candidate.strip() and _addressy(candidate) and len(lines) < 8 and re.search(r"\d", candidate):
            lines.append(candidate.strip())
            last = n_end
            cursor = n_end
            continue
        break
    # One line is an address block only when it holds the street too ("Acme S.r.l. - Via Roma 1, 20100 Milano").
    if len(lines) < 2 and not (_STREET.search(anchor_line) and "," in anchor_line):
        return None
    return first, last, lines


def _inline(text: str, doc: Doc, pos: int, anchor_end: int) -> tuple[int, int, list[str]] | None:
    i = doc.index_at(pos)
    s_start = doc.starts[i]
    lo = max(s_start, pos - 220)
    window = text[lo:pos]
    street = None
    for m in _STREET.finditer(window):
        street = m
        break
    if street is None:
        return None
    begin = lo + street.start()
    # One name segment before the street: "Acme Ltd, 1 High Street" / "Attn: Legal, 123 Main St".
    head = text[max(s_start, begin - 90) : begin]
    seg = re.search(r"(?:(?<=[:;])|(?<=\bat)|(?<=\bto)|(?<=\())\s*((?:Attn\.?:?|Attention:?|c/o)?\s*[A-Z][^:;()\n]{1,80}?),\s*$", head)
    if seg and not _SENTENCE_WORDS.search(seg.group(1)):
        begin = begin - len(head) + seg.start(1)
    end = anchor_end
    tail = re.match(r",?\s+((?:United\s+States(?:\s+of\s+America)?|USA|U\.S\.A\.|United\s+Kingdom|UK|[A-Z][a-z]+))\b", text[end : end + 40])
    if tail and _COUNTRY.match(tail.group(1)):
        end += tail.end()
    body = re.sub(r"\s+", " ", text[begin:end]).strip(" ,")
    return begin, end, [body]


def find_address(doc: Doc, company: str | None = None) -> tuple[str | None, Evidence | None]:
    text = doc.text
    best: tuple[float, int, str, int] | None = None
    for m in _ANCHOR_NEAR_DIGITS.finditer(text):
        pos = m.start()
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-/."):
            continue  # inside a longer number or word
        if _ZIP_ONLY.fullmatch(m.group(0)):
            state = _US_STATE_BEFORE.search(text, max(0, pos - 40), pos)
            if state is None:
                continue
            pos = state.start() + 1
        grown = _block(text, pos) or _inline(text, doc, pos, m.end())
        if grown is None:
            continue
        begin, end, lines = grown
        joined = _LEAD_LABEL.sub("", ", ".join(line.strip(" ,") for line in lines if line.strip(" ,")))
        if not (_STREET.search(joined)):
            continue
        context = text[max(0, begin - 300) : begin]
        i = doc.index_at(begin)
        heading = doc.heading_text(i)
        if _REGULATOR.search(joined) or _REGULATOR.search(text[max(0, begin - 200) : begin]):
            continue
        if _THIRD_PARTY.search(joined) and not (company and company.split()[0].lower() in joined.lower()):
            continue
        score = 0.0
        if _CONTACT.search(context[-160:]) or _CONTACT.search(heading):
            score += 2
        if company and company.split()[0].lower() in joined.lower():
            score += 2
        if _REPRESENTATIVE.search(context[-160:]):
            score -= 1
        # Ties go to the fuller address (a block found from its street line and again from its ZIP line).
        if best is None or score > best[0] or (score == best[0] and begin == best[1] and len(joined) > len(best[2])):
            best = (score, begin, joined, i)
    if best is None:
        return None, None
    _, begin, joined, i = best
    # The evidence is the address as it stands in the text (a block of lines, or part of a sentence).
    raw = text[begin : begin + len(joined) + 200]
    end = begin + _span_length(raw, joined)
    return joined, Evidence(re.sub(r"\s+", " ", text[begin:end]).strip(), begin)


def _span_length(raw: str, joined: str) -> int:
    """How many characters of `raw` the address `joined` covers (its lines may be far apart)."""
    last = joined.rsplit(", ", 1)[-1]
    at = raw.find(last)
    return at + len(last) if at >= 0 else len(joined)


# Short forms policies use that are no ISO 3166 name (pycountry knows "USA" and "United States").
_COUNTRY_SHORT = {"u s": "US", "u s a": "US", "us": "US", "uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
                  "northern ireland": "GB"}
# Country names that are also US state names: "Atlanta, Georgia" is no address in Tbilisi.
_AMBIGUOUS = {"georgia"}


def address_country(address: str) -> str:
    """The country an address names at its very end ("…, Bellevue, WA 98005, United States"), or "".

    Only the last part counts: a street or city named after a country ("Georgia", "Jersey Road")
    earlier in the address must not decide it.
    """
    from privacy_tui.core.directory.countries import country_from_name
    from privacy_tui.core.directory.normalize import fold

    lines = [line.strip() for line in (address or "").strip().splitlines() if line.strip()]
    if not lines:
        return ""
    last = re.split(r"[,;]", lines[-1])[-1].strip(" .")
    key = " ".join(fold(last).replace(".", " ").split())
    if key in _AMBIGUOUS or any(c.isdigit() for c in last):
        return ""
    return _COUNTRY_SHORT.get(key) or country_from_name(last)
