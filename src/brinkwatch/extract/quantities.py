"""The ``bw_quantities`` component: numbers with what they count or measure.

Numbers are found with a regular expression over the text (digits, "1.2 million", "$4bn",
"70%", number words, "a dozen"), then read against spaCy's parse: the counted noun ("11
people" -> unit ``people``), what the count is about ("killed 11 people" -> kind ``dead``;
"15,000 troops" -> ``troops``), bound and change words ("more than", "about", "rose by"), and
ranges ("between 10 and 12", "$89 to $93 billion"). Dates, times, ordinals, years and
identifiers ("F-16", "Section 427") are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Quantity
from .extensions import doc_text, entity_around, register_extensions

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
_CURRENCY = {
    "us$": "dollar", "$us": "dollar", "$": "dollar", "usd": "dollar", "a$": "australian dollar",
    "$a": "australian dollar", "c$": "canadian dollar", "nz$": "new zealand dollar", "hk$": "hong kong dollar",
    "s$": "singapore dollar", "€": "euro", "eur": "euro", "£": "pound sterling", "gbp": "pound sterling",
    "¥": "japanese yen", "₹": "indian rupee", "rs": "indian rupee", "₽": "russian ruble", "rm": "malaysian ringgit",
    "y=": "japanese yen", "jpy": "japanese yen", "aud": "australian dollar", "cad": "canadian dollar",
    "nzd": "new zealand dollar", "cny": "chinese yuan", "inr": "indian rupee", "chf": "swiss franc",
    "au$": "australian dollar", "au $": "australian dollar", "a $": "australian dollar", "nz $": "new zealand dollar",
    "s $": "singapore dollar", "hk $": "hong kong dollar", "c $": "canadian dollar", "us $": "dollar",
    "ps": "pound sterling",  # "£" transliterated to ASCII (unidecode writes "PS")
}
#: Currency signs and symbols written after the amount ("1,200€", "150 kn").
_CURRENCY_AFTER = {"€": "euro", "£": "pound sterling", "$": "dollar", "kn": "croatian kuna", "zł": "polish zloty",
                   "Kč": "czech koruna", "₺": "turkish lira", "₽": "russian ruble", "¥": "japanese yen"}
#: ISO 4217 codes written after the amount ("108.79 JPY").
_CURRENCY_CODES = {code.upper(): name for code, name in _CURRENCY.items() if code.isalpha() and len(code) == 3}
_CURRENCY_WORDS = {
    "dollar": "dollar", "euro": "euro", "pound": "pound sterling", "yuan": "chinese yuan", "renminbi": "chinese yuan",
    "yen": "japanese yen", "ruble": "russian ruble", "rouble": "russian ruble", "rupee": "indian rupee",
    "bolivar": "venezuelan bolivar", "bolívar": "venezuelan bolivar", "shekel": "shekel", "peso": "peso",
    "sterling": "pound sterling", "crown": "crown", "krone": "krone", "ringgit": "malaysian ringgit",
    "sen": "sen", "cent": "cent", "pence": "penny", "penny": "penny", "real": "brazilian real",
    "won": "south korean won", "lira": "turkish lira", "rand": "south african rand", "franc": "swiss franc",
}
_MEASURES = {
    "km": "kilometre", "kilometre": "kilometre", "kilometer": "kilometre", "mile": "mile", "nautical mile": "nautical mile",
    "mph": "mile per hour", "km/h": "kilometre per hour", "kph": "kilometre per hour", "kg": "kilogram",
    "kilogram": "kilogram", "kilo": "kilogram", "tonne": "ton", "ton": "ton", "metre": "metre", "meter": "metre",
    "m": "metre", "foot": "foot", "feet": "foot", "ft": "foot", "yard": "yard", "barrel": "barrel",
    "hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year", "minute": "minute",
    "min": "minute", "second": "second", "litre": "litre", "liter": "litre", "gallon": "gallon",
    "acre": "acre", "hectare": "hectare", "point": "point", "degree": "degree", "mm": "millimetre",
    "cm": "centimetre", "lb": "pound-mass", "gram": "gram", "g": "gram", "megawatt": "megawatt", "mw": "megawatt",
    "gigawatt": "gigawatt", "gw": "gigawatt", "basis point": "basis point", "kw": "kilowatt", "kilowatt": "kilowatt",
    "w": "watt", "watt": "watt", "kwh": "kilowatt hour", "gb": "gigabyte", "mb": "megabyte", "tb": "terabyte",
    "hp": "horsepower", "horsepower": "horsepower", "bhp": "brake horsepower", "l": "litre", "ppb": "parts-per-billion",
    "ppm": "parts-per-million", "mah": "milliampere-hour", "ghz": "gigahertz", "mhz": "megahertz", "hz": "hertz",
    "nanometer": "nanometre", "nanometre": "nanometre", "nm": "nanometre", "gigatonne": "gigaton", "gigaton": "gigaton",
    "km/hr": "kilometre per hour", "sq km": "square kilometre", "square kilometre": "square kilometre",
    "square kilometer": "square kilometre", "square mile": "square mile", "megaton": "megaton", "kiloton": "kiloton",
    "degf": "fahrenheit", "degc": "celsius", "fahrenheit": "fahrenheit", "celsius": "celsius",
    "millimeter": "millimetre", "millimetre": "millimetre", "centimeter": "centimetre", "centimetre": "centimetre",
    "micrometer": "micrometre", "micrometre": "micrometre", "inch": "inch", "cubic foot": "cubic foot", "sq m": "square metre", "sq ft": "square foot", "square metre": "square metre",
    "square meter": "square metre", "square foot": "square foot", "sqm": "square metre", "inches": "inch",
    "square foot": "square foot", "gigapascal": "gigapascal", "millisecond": "millisecond", "pascal": "pascal",
}
#: Unit symbols whose case matters ("Nm" is newton metre, "nm" nanometre; "5G" a wireless generation).
_CASED_UNITS = {
    "km/h": "kilometre per hour", "km/hr": "kilometre per hour", "mph": "mile per hour", "lb-ft": "foot pound-force",
    "Nm": "newton metre", "PS": "horsepower", "bhp": "brake horsepower", "hp": "horsepower", "kW": "kilowatt",
    "MW": "megawatt", "GW": "gigawatt", "W": "watt", "kWh": "kilowatt hour", "MWh": "megawatt hour",
    "GWh": "gigawatt hour", "TWh": "terawatt hour", "GPa": "gigapascal", "MPa": "megapascal", "\u03bcm": "micrometre",
    "µm": "micrometre", "mAh": "milliampere hour", "min": "minute", "mins": "minute", "hrs": "hour", "hr": "hour",
    "ms": "millisecond", "l": "litre", "L": "litre", "ml": "millilitre", "mL": "millilitre", "GB": "gigabyte",
    "TB": "terabyte", "MB": "megabyte", "GHz": "gigahertz", "MHz": "megahertz", "mm": "millimetre",
    "cm": "centimetre", "km": "kilometre", "kg": "kilogram", "lbs": "pound-mass", "lb": "pound-mass",
    "ppg": "point per game", "rpg": "rebound per game", "apg": "assist per game", "WAR": "win above replacement",
    "ft": "foot", "sq ft": "square foot", "G": "generation wireless", "degF": "fahrenheit", "degC": "celsius",
    "deg F": "fahrenheit", "deg C": "celsius", "°F": "fahrenheit", "°C": "celsius", "ºF": "fahrenheit", "ºC": "celsius",
    "″": "inch", "in.": "inch", "sq m": "square metre", "sqm": "square metre",
    "p": "point",  # share prices in pence: CQE/NewsQuant normalise "118.5p" to point
}
_CASED_RE = re.compile(r"\s?(" + "|".join(sorted(map(re.escape, _CASED_UNITS), key=len, reverse=True)) + r")(?![\w/])")
#: Vague amounts and the range they stand for ("tens of thousands" -> 10,000 to 100,000).
_VAGUE = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_VAGUE_RE = re.compile(r"\b(?:(tens|hundreds|dozens)\s+of\s+)?(hundreds|thousands|millions|billions|dozens(?=\s+of\b))\b",
                       re.IGNORECASE)
#: Currency words read with the adjective before them ("Danish crowns", "Chinese yuan").
_CURRENCY_ADJ = {"danish": "danish krone", "swedish": "swedish krona", "norwegian": "norwegian krone",
                 "chinese": "chinese yuan", "hong": "hong kong dollar", "australian": "australian dollar",
                 "canadian": "canadian dollar", "new": "new zealand dollar", "singapore": "singapore dollar",
                 "mexican": "mexican peso", "philippine": "philippine peso", "argentine": "argentine peso",
                 "brazilian": "brazilian real", "swiss": "swiss franc", "south": "south african rand"}
_DATE_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "ago", "later", "earlier", "next", "last",
    "since", "until", "this", "'s", "s", "century", "decade", "fiscal", "quarter", "q1", "q2", "q3", "q4",
}
_DURATIONS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
_TROOPS = {"troop", "soldier", "marine", "sailor", "personnel", "paratrooper", "servicemember", "reservist",
           "guardsman", "airman", "service member"}
_PERSONS = {"", "people", "villager", "inmate", "detainee", "demonstrator", "soldier", "adult", "teenager", "person", "civilian", "man", "woman", "child", "fisherman", "crew", "member", "other",
            "protester", "suspect", "migrant", "refugee", "passenger", "worker", "student", "journalist", "resident",
            "fighter", "militant", "rebel", "officer", "policeman", "hostage", "patient", "victim"}
_VESSELS = {"vessel", "boat", "ship", "warship", "tanker", "destroyer", "submarine", "carrier", "frigate",
            "cruiser", "speedboat"}
_DEAD_WORDS = {"kill", "die", "dead", "death", "fatality", "body", "slay", "execute", "massacre", "toll"}
_INJURED_WORDS = {"injure", "wound", "hurt", "injury", "injured", "wounded", "casualty"}
_ARREST_WORDS = {"arrest", "detain", "jail", "imprison", "capture", "detainee", "prisoner", "abduct", "kidnap"}
_GREATER = ("more than", "over", "above", "at least", "upwards of", "in excess of", "exceeding", "greater than",
            "higher than", "no fewer than", "no less than", "beyond")
_LESS = ("less than", "fewer than", "under", "below", "at most", "up to", "no more than", "lower than", "as many as",
         "as much as", "maximum of")
_APPROX = ("about", "around", "approximately", "roughly", "nearly", "almost", "some", "an estimated", "estimated",
           "close to", "circa", "approx.", "approx", "~", "or so", "just under", "just over", "near")
_UP = {"rise", "increase", "gain", "climb", "jump", "grow", "surge", "soar", "up", "advance", "add", "raise", "boost"}
_DOWN = {"fall", "drop", "decline", "decrease", "slide", "slip", "lose", "down", "plunge", "sink", "shed", "cut",
         "tumble", "dip", "shrink", "reduce"}

_WORD = "|".join(sorted(list(_SMALL) + ["hundred", "thousand", "million", "billion", "trillion"], key=len, reverse=True))
_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
_NUMBER_RE = re.compile(
    r"(?P<neg>\b(?:minus|negative)[\s-]|−)?"
    r"(?P<cur>\b(?:US|AU|NZ|HK|[ACS]) \$(?=\d)|US\$|\$US|AU\$|A\$|\$A|C\$|NZ\$|HK\$|S\$|\$|€|£|¥|₹|₽|\bY=|\bPS(?=\d)|"
    r"\b(?:USD|EUR|GBP|JPY|AUD|CAD|NZD|CNY|INR|CHF|Rs\.?|RM)\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
    rf"|\b(?:(?:a|an)\s+(?=(?:{_SCALE_WORDS}|dozen)\b))?(?:{_WORD})"
    rf"(?:(?:\s*-\s*(?=\w)|\s+|(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+)(?:{_WORD}))*\b)"
    r"(?P<scale>(?:bn|tn|mn|mln|mil|m|k|b|M|B)\b|\s(?-i:B|M|bn)\b(?!\.)|\s?(?:hundred|thousand|million|billion|trillion)\b)?"
    r"(?P<pct>\s?(?:%|per\s?cent\b|percent\b|percentage points?\b))?",
    re.IGNORECASE,
)


@dataclass(slots=True)
class QuantityOptions:
    """Switches for the quantity finder."""

    word_numbers: bool = True  # read "three", "a dozen", "two hundred"
    durations: bool = True  # keep "three months" (a duration) though the model tags it DATE


def words_to_number(text: str) -> float | None:
    """The value of number words ("twenty-five", "a dozen", "two hundred thousand"), or None."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if words and words[0] in ("a", "an"):
        words[0] = "one"
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w in _SMALL:
            current = (current or 0) + _SMALL[w] if w != "dozen" else (current or 1) * 12
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * _SCALES[w]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def _value(num: str) -> float | None:
    if num[:1].isdigit() or num[:1] == ".":
        return float(num.replace(",", ""))
    return words_to_number(num)


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    value: float
    currency: str | None
    percent: bool
    scale: float
    is_word: bool
    unit: str | None = None  # a unit symbol written right after the number ("140 km/h", "3min")
    low: float | None = None  # a vague amount's range ("tens of thousands")
    high: float | None = None
    bound: str | None = None  # a bound written into the number itself ("sub-7 nm" -> "<")

    @property
    def scaled(self) -> bool:
        return self.scale > 1


_CLOCK_WORDS = {"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "morning", "afternoon", "evening", "night", "tonight",
                "noon", "midnight", "o'clock", "gmt", "utc", "est", "et", "pt", "local"}
#: Nouns that a following number labels rather than counts ("category 4", "flight 370").
_LABEL_NOUNS = {"category", "level", "grade", "phase", "stage", "tier", "type", "class", "number", "no", "no.",
                "route", "flight", "highway", "channel", "gate", "platform", "seat", "room", "chapter", "section",
                "article", "resolution", "verse", "episode", "season", "page", "version", "step", "exit", "unit",
                "lot", "bus", "line", "track", "code", "model", "game", "round", "week", "day"}
_STREET_WORDS = {"st", "street", "ave", "avenue", "road", "rd", "way", "drive", "dr", "lane", "ln", "boulevard",
                 "blvd", "place", "pl", "court", "ct", "square", "terrace", "parkway", "highway", "crescent", "close"}
_YEAR_CUES = {"in", "by", "since", "until", "till", "before", "after", "during", "through", "ad", "a.d.", "bc", "b.c.",
              "ce", "circa", "c."}


def _is_age(doc: Doc, span: Span, raw: _Raw | None = None) -> bool:
    """A person's age written as a bare number: "John Smith, 44, was", "Nick Hague 44 has", "men aged 18
    to 34", "children under the age of 5 years"."""
    if raw is not None and (raw.unit or raw.currency or raw.percent or raw.scaled):
        return False
    tok = span[0]
    if not tok.like_num:
        return False
    before = [t for t in doc[max(0, span.start - 3):span.start]]
    words = " ".join(t.lower_ for t in before)
    if words.endswith(("aged", "age of", "ages of", "ages", "age")):
        return True
    prev = before[-1] if before else None
    if prev is not None and prev.text == "," and len(before) > 1:
        prev = before[-2]
    after = doc[span.end] if span.end < len(doc) else None
    value = raw.value if raw is not None else None
    named = prev is not None and (prev.ent_type_ == "PERSON" or (
        prev.pos_ == "PROPN" and prev.text[:1].isupper() and doc[span.start - 1].text == ","
        and doc[prev.left_edge.i - 1 if prev.left_edge.i else 0].text == ","))  # ", Ana Perez, 52,"
    return named and (value is None or 1 <= value <= 120) \
        and after is not None and (after.text in (",", ")", ";") or after.pos_ in ("AUX", "VERB"))


def _is_year(doc: Doc, raw: _Raw, span: Span) -> bool:
    """Four digits that name a year: "in 1998", "by 2120", "2022's market rout", "between A.D. 1000 and 1260"."""
    if raw.scaled or raw.is_word or not float(raw.value).is_integer() or "," in doc_text(doc)[raw.start:raw.end]:
        return False
    after = doc[span.end] if span.end < len(doc) else None
    ent_types = {t.ent_type_ for t in span}
    tail = doc_text(doc)[raw.end:raw.end + 3]
    if 1800 <= raw.value <= 2100 and (after is None or after.pos_ not in ("NOUN",) or "DATE" in ent_types
                                      or re.match(r"[’′']s\b", tail)):
        return True
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("and", "to", "-", "–") and span.start > 2:  # "between A.D. 1000 and 1260"
        first = doc[span.start - 2]
        before = doc[span.start - 3].lower_ if first.is_digit and len(first.text) == 4 else ""
    return 1000 <= raw.value <= 2200 and before in _YEAR_CUES and (after is None or after.pos_ != "NOUN")


def _names_a_thing(doc: Doc, span: Span) -> bool:
    """A number that is part of a name or an address rather than a count."""
    after = doc[span.end] if span.end < len(doc) else None
    if after is None:
        return False
    if after.text == ")" and span.start > 0 and doc[span.start - 1].text == "(" and span.start > 1 \
            and doc[span.start - 2].ent_type_ == "PERSON":
        return True  # a player's shirt number: "Dak Prescott (4)"
    if not after.text[:1].isupper():
        return False
    stop = span.end
    while stop < len(doc) and stop < span.end + 5 and (doc[stop].text[:1].isupper() or doc[stop].text == "."
                                                       or re.fullmatch(r"\d+(?:st|nd|rd|th)", doc[stop].lower_)):
        if doc[stop].lower_.rstrip(".") in _STREET_WORDS or doc[stop].lower_ in ("zip", "postcode"):
            return True
        stop += 1
    num = span[-1]
    # "two new 737 Max jets": a noun has one count; a second number before a name is the name's model number
    return len(span) == 1 and num.head.i > num.i and any(
        c.i < num.i and c.like_num and c.dep_ == "nummod" for c in num.head.children)


def _metre_not_million(text: str, end: int) -> bool:
    """A bare "m" after a number means metres when no counted word follows ("37m (121ft)", "a 37m-long
    hull", "the 100m final" -> metres; "3m people", "4m in aid" -> millions)."""
    rest = text[end:end + 24]
    if re.match(r"m-?(?:long|tall|high|wide|deep|high|metre|meter|\s*\(|\s*[,.;]?\s*$)", rest):
        return True
    return bool(re.match(r"m\s+(?:long|tall|high|wide|deep|away|above|below|from|in (?:length|height|diameter))\b", rest))


class QuantityFinder:
    """Finds the quantities of one doc."""

    def __init__(self, options: QuantityOptions) -> None:
        self.options = options

    def _raw(self, doc: Doc) -> list[_Raw]:
        text = doc_text(doc)
        out: list[_Raw] = []
        for m in _NUMBER_RE.finditer(text):
            num = m.group("num")
            is_word = not (num[:1].isdigit() or num[:1] == ".")
            if is_word and not self.options.word_numbers:
                continue
            value = _value(num)
            if value is None:
                continue
            start, end = m.start(), m.end()
            if m.group("pct") is None and m.group("scale") is None:
                end = m.end("num")
            prev = text[start - 1] if start else " "
            nxt = text[end] if end < len(text) else " "
            bound = None
            if text[max(0, start - 4):start].lower() == "sub-":
                bound = "<"  # "sub-7 nanometer"
            elif not m.group("cur") and (prev.isalnum() or prev in "-/#" and start > 1 and text[start - 2].isalpha()):
                continue  # F-16, MH17, COVID-19, #3
            scale_word = (m.group("scale") or "").strip()
            if scale_word == "m" and not m.group("cur") and not m.group("pct") and _metre_not_million(text, m.start("scale")):
                scale_word, end = "", m.end("num")  # "a 37m-long skeleton" is metres, "3m people" millions
                unit_hint_m = "metre"
            else:
                unit_hint_m = None
            unit_hint = unit_hint_m
            after_cur = re.match(r"\s?(€|£|\$|¥|₺|₽|zł|Kč|kn)(?![\w$])", text[end:end + 4])
            if after_cur is not None and not m.group("cur") and not m.group("pct") and unit_hint is None:
                unit_hint, end = _CURRENCY_AFTER[after_cur.group(1)], end + after_cur.end()
            code = re.match(r"\s([A-Z]{3})\b", text[end:end + 5])
            if code is not None and code.group(1) in _CURRENCY_CODES and not m.group("cur"):
                unit_hint, end = _CURRENCY_CODES[code.group(1)], end + 4
            cased = _CASED_RE.match(text, end) if not (m.group("cur") or m.group("pct") or unit_hint) else None
            if cased is not None and cased.group(1) == "p" and (m.group("scale") or is_word
                                                                or re.match(r"\.?\s?m\b", text[cased.end():])):
                cased = None
            if cased is not None and not (cased.group(1) == "G" and not (1 <= value <= 6 and float(value).is_integer())):
                unit_hint, end = _CASED_UNITS[cased.group(1)], cased.end()
                nxt = text[end] if end < len(text) else " "
            if unit_hint is not None:
                pass
            elif nxt.isalpha() and not is_word:
                suffix = re.match(r"[A-Za-z/]+", text[end:])
                if suffix is None or suffix.group().lower() not in _MEASURES:
                    continue  # 3G, 4x4, 22nd
            if (nxt == ":" and end + 1 < len(text) and text[end + 1].isdigit()) or (prev == ":" and start > 1
                                                                                   and text[start - 2].isdigit()):
                continue  # clock times and lap times ("9:35", "1:36.6")
            scale = _SCALES.get(scale_word.lower(), 1.0)
            value *= -scale if m.group("neg") else scale
            cur = (m.group("cur") or "").strip().lower().rstrip(".")
            out.append(_Raw(start, end, value, _CURRENCY.get(cur), m.group("pct") is not None, scale, is_word,
                            unit_hint, bound=bound))
        taken = [(r.start, r.end) for r in out]
        for m in _VAGUE_RE.finditer(text):  # "tens of thousands of people", "millions"
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            base = _VAGUE[m.group(2).lower()]
            low = base * (_VAGUE[m.group(1).lower()] if m.group(1) else 1)
            cur = text[max(0, m.start() - 1):m.start()]
            out.append(_Raw(m.start(), m.end(), low, _CURRENCY.get(cur), False, 1.0, True, None, low, low * 10))
        return sorted(out, key=lambda r: r.start)

    def _excluded(self, doc: Doc, raw: _Raw, span: Span) -> bool:
        ent_types = {t.ent_type_ for t in span}
        after = doc[span.end] if span.end < len(doc) else None
        after_lemma = after.lemma_.lower() if after is not None else ""
        measured = bool(raw.unit or raw.currency or raw.percent) or after_lemma in _MEASURES \
            or after_lemma in _CURRENCY_WORDS
        if "ORDINAL" in ent_types and not raw.unit:
            return True
        if "TIME" in ent_types and not raw.unit and self._is_clock_time(doc, span):
            return True
        if raw.is_word:
            root = span[-1]
            ranged = after is not None and after.lower_ in ("to", "or") and span.end + 1 < len(doc) \
                and doc[span.end + 1].like_num
            if root.lower_ == "one" and not ranged and (root.dep_ != "nummod" or after_lemma in ("of", "another")):
                return True
        if "DATE" in ent_types and not raw.currency and not raw.percent and self._is_date(doc, span):
            return True
        if not raw.currency and not raw.percent and not raw.unit and _is_year(doc, raw, span):
            return True
        before = doc[span.start - 1] if span.start > 0 else None
        if _is_age(doc, span, raw):
            return False
        if before is not None and not measured \
                and (before.text[:1].isupper() or (before.pos_ == "PROPN" and before.text[1:2].isupper())) \
                and before.pos_ in ("PROPN", "NOUN") and before.ent_type_ not in ("MONEY",) and not before.is_sent_start:
            return True  # Section 427, Model 3, Article 5, iPhone 11
        if before is not None and not measured and before.lower_ in _LABEL_NOUNS:
            return True  # category 4, flight 370, route 66
        if not measured and _names_a_thing(doc, span):
            return True  # 9 E 71st St, 787 Dreamliner, 90049 ZIP Code, "Prescott (4)"
        return False

    @staticmethod
    def _is_clock_time(doc: Doc, span: Span) -> bool:
        """The model tags durations ("3.5 seconds", "16 hours") TIME too; only times of day are skipped."""
        ent = entity_around(doc, span.start)
        ent = ent if ent is not None and ent.label_ == "TIME" else span
        words = {t.lower_ for t in ent}
        return bool(words & _CLOCK_WORDS) or any(":" in t.text or t.lower_ in ("am", "pm") for t in ent)

    def _is_date(self, doc: Doc, span: Span) -> bool:
        """The model tags durations, ages and ranges DATE too; only real dates are skipped."""
        ent = entity_around(doc, span.start)
        ent = ent if ent is not None and ent.label_ == "DATE" else None
        words = {t.lower_.strip(".") for t in (ent if ent is not None else span)}
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.lemma_.lower() in _DURATIONS:
            words -= {"last", "next", "this", "since", "until"}  # "the last 16 hours" is a duration
        if words & _DATE_WORDS:
            return True
        if after is not None and after.lemma_.lower() in _DURATIONS and not self.options.durations:
            return True
        return False

    def __call__(self, doc: Doc) -> list[Quantity]:
        raws = self._raw(doc)
        quantities: list[Quantity] = []
        skip = set()
        for k, raw in enumerate(raws):
            if k in skip:
                continue
            span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
            if span is None or not len(span) or self._excluded(doc, raw, span):
                continue
            low = high = None
            end_raw = raw
            nxt = raws[k + 1] if k + 1 < len(raws) else None
            if nxt is not None:
                gap = doc_text(doc)[raw.end:nxt.start].strip().lower()
                before = doc_text(doc)[max(0, raw.start - 9):raw.start].lower()
                same_kind = raw.percent == nxt.percent or (raw.percent is False and nxt.percent)
                same_kind = same_kind and (raw.currency is None or nxt.currency in (None, raw.currency))
                same_kind = same_kind and not (nxt.currency and not raw.currency and raw.percent)
                after_next = doc_text(doc)[nxt.end:nxt.end + len(gap) + 1].strip().lower()
                repeated = re.fullmatch(r"([a-z]+)\s+(to|-|–)", gap)
                if repeated and after_next.startswith(repeated.group(1)):
                    gap = repeated.group(2)  # "252 miles to 287 miles"
                by_amount = re.search(r"\bby\s*$", before) is not None  # "rose by $43.6bn to $419.2bn"
                if same_kind and not by_amount and gap in ("to", "-", "–", "—", "and", "or") \
                        and (gap != "and" or "between" in before):
                    descending = raw.value > nxt.value and not nxt.scaled and not raw.scaled
                    if not descending or (gap == "to" and re.search(r"\bfrom\s*$", before)):
                        low, high = raw.value, nxt.value
                        if nxt.scale > 1 and raw.scale == 1 and raw.value < 1000:  # "$89 to $93 billion"
                            low = raw.value * nxt.scale
                        end_raw = nxt
                        skip.add(k + 1)
            full = doc.char_span(raw.start, end_raw.end, alignment_mode="expand") or span
            q = self._describe(doc, full, raw, end_raw)
            if low is not None:
                q.low, q.high, q.value = low, high, None
            quantities.append(q)
        _share_units(doc, quantities)
        return quantities

    def _describe(self, doc: Doc, span: Span, raw: _Raw, last: _Raw) -> Quantity:
        currency = raw.currency or last.currency
        end = span.end
        unit: str | None = None
        after = doc[end] if end < len(doc) else None
        num_tok = span[-1]
        if last.unit or raw.unit:
            unit = last.unit or raw.unit
        elif currency:
            unit = currency
            if currency == "dollar" and after is not None and after.lower_ == "sterling":
                unit, end = "pound sterling", end + 1
        elif raw.percent or last.percent:
            unit = "percentage"
        elif after is not None:
            unit, end = _unit_after(doc, end, num_tok)
        if (unit is None or unit == "year") and _is_age(doc, span):
            unit = "year of age"
        if unit is not None and (currency or unit in _MEASURES.values() or unit in _CASED_UNITS.values()
                                 or unit in _CURRENCY_WORDS.values() or unit in _CURRENCY_ADJ.values()
                                 or unit == "point"):
            unit, end = _per_unit(doc, end, unit)
        text_end = max(span.end_char, doc[end - 1].idx + len(doc[end - 1].text)) if end > span.start else span.end_char
        start_char = span.start_char
        q = Quantity(text=doc_text(doc)[start_char:text_end], start=start_char, end=text_end, value=raw.value, unit=unit)
        if raw.low is not None:
            q.low, q.high, q.value = raw.low, raw.high, None
        q.change = _change(doc, span)
        q.kind, q.concept = _kind(doc, span, doc[span.start:end], q.unit, currency is not None or unit in
                                  _CURRENCY_WORDS.values(), unit == "percentage")
        return q


#: Words after a bare number that show its noun was left out ("435 homes by sale and 187 by tender").
_ELLIPSIS_NEXT = {"by", "in", "at", "for", "from", "to", "on", "of", "with", "who", "which", "that", "and", "or", "but",
                  "while", "during", "last", "this", "the", "a", "an", "were", "was", "are", "is", "have", "had"}


def _share_units(doc: Doc, quantities: list[Quantity]) -> None:
    """Give a bare number the unit its sentence left out: "435 homes ... and 187 by tender", "increased
    by 2 percent but fell by 1", "dozens of planes ... suddenly there were zero" take the unit of the
    nearest earlier quantity of the sentence; "280 million of the 1.5 billion shekels" and "four-, five-
    and six-cylinder" take the following one."""
    for k in range(len(quantities) - 2, -1, -1):  # right to left: "four-, five- and six-cylinder"
        q, nxt = quantities[k], quantities[k + 1]
        rest = doc_text(doc)[q.end:q.end + 14]
        suspended = re.match(r"\s*(?:,|and\b|or\b)", rest) if q.text.endswith("-") \
            else re.match(r"-\s*(?:,|and\b|or\b)", rest)
        if q.unit is None and nxt.unit and (suspended
                                            or re.fullmatch(r"\s+of\s+the\s+", doc_text(doc)[q.end:nxt.start])):
            q.unit, q.kind, q.concept = nxt.unit, nxt.kind, nxt.concept
    for k, q in enumerate(quantities):
        if q.unit is not None:
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        sent = span.sent
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and not (after.is_punct or after.lower_ in _ELLIPSIS_NEXT):
            continue  # "212 horsepower"-like words or names follow: not an ellipsis
        person = after is not None and after.lower_ == "who"
        prev = next((p for p in reversed(quantities[:k]) if p.start >= sent.start_char and p.unit
                     and not (person and p.unit in _MEASURES.values())), None)
        if prev is None or prev.unit in ("year of age",) or (prev.kind == "money" and q.value is not None
                                                             and prev.value is not None and q.value < 1000 <= prev.value):
            continue
        if prev.unit == "percentage" and (q.value is None or q.value > 100 or re.search(
                r"\b(?:to|at)\s*$", doc_text(doc)[max(0, q.start - 6):q.start])):
            continue  # "fell 0.4 per cent to 13176": the level after a change is not a percentage
        q.unit = prev.unit
        if q.kind in (None, "other"):
            q.kind, q.concept = prev.kind, q.concept or prev.concept


def _unit_after(doc: Doc, end: int, num_tok: Token) -> tuple[str | None, int]:
    """The unit after a number and the token index where the quantity's text ends."""
    tok = doc[end]
    two = f"{tok.lower_} {doc[end + 1].lower_}" if end + 1 < len(doc) else ""
    lemma = tok.lemma_.lower()
    if tok.lower_ in ("-year-old", "year-old") or (tok.text == "-" and end + 3 < len(doc)
                                                   and doc[end + 1].lower_.startswith("year")
                                                   and "old" in (doc[end + 2].lower_, doc[end + 3].lower_)):
        stop = end + 1
        while stop < len(doc) and stop < end + 5 and doc[stop].lower_ in ("-", "year", "old", "years"):
            stop += 1
        return "year of age", stop
    if lemma == "year" and end + 2 < len(doc) and doc[end + 1].text == "-" and doc[end + 2].lower_ == "old":
        return "year of age", end + 3
    if lemma == "degree" and end + 1 < len(doc) and doc[end + 1].lower_ in ("fahrenheit", "celsius", "f", "c"):
        return ("fahrenheit" if doc[end + 1].lower_[0] == "f" else "celsius"), end + 2
    if two in ("nautical miles", "nautical mile", "basis points", "basis point"):
        return _MEASURES[two.rstrip("s")], end + 2
    if tok.lower_ in _MEASURES or lemma in _MEASURES:
        unit = _MEASURES.get(lemma) or _MEASURES[tok.lower_]
        stop = end + 1
        if stop + 1 < len(doc) and doc[stop].lower_ in ("per", "a") and doc[stop + 1].lemma_.lower() in _DURATIONS:
            unit = f"{unit} per {doc[stop + 1].lemma_.lower()}"
            stop += 2
        return unit, stop
    if lemma in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[lemma], end + 1
    if tok.lower_ == "of" and end + 1 < len(doc) and doc[end + 1].pos_ in ("NOUN", "PROPN"):
        noun = doc[end + 1]
        while noun.dep_ in ("compound", "amod", "nmod") and noun.head.i > noun.i and noun.head.i - end <= 5:
            noun = noun.head  # "dozens of Kia and Hyundai vehicles" counts vehicles
        return _noun_unit(noun, end + 1), noun.i + 1
    head = num_tok.head if num_tok.dep_ in ("nummod", "quantmod", "compound") else None
    if head is not None and head.i >= end and head.pos_ in ("NOUN", "PROPN") and head.i - end <= 4:
        return _noun_unit(head, end), head.i + 1
    if tok.pos_ == "NOUN" and tok.i == end:
        return _noun_unit(tok, end), end + 1
    return None, end


def _per_unit(doc: Doc, end: int, unit: str) -> tuple[str, int]:
    """A rate after a unit: "$10 per gram", "$52 a barrel", "5 cents per share" -> "dollar per gram"."""
    if end + 2 < len(doc) and doc[end].lower_ in ("a", "an") and doc[end + 1].lemma_.lower() in _DURATIONS \
            and doc[end + 2].lower_ in ("earlier", "ago", "later", "before", "after"):
        return unit, end  # "$6.78 billion a year earlier" compares with a past level; it is not a rate
    if end + 1 < len(doc) and doc[end].lower_ in ("a-year", "a-month", "a-day", "a-week"):
        return f"{unit} per {doc[end].lower_[2:]}", end + 1
    if end + 1 < len(doc) and doc[end].lower_ in ("per", "a", "an", "each") \
            and doc[end + 1].pos_ in ("NOUN", "PROPN", "ADJ"):
        stop = end + 1
        words = []
        while stop < len(doc) and stop < end + 4 and doc[stop].pos_ in ("NOUN", "PROPN", "ADJ") \
                and not doc[stop].is_punct:
            words.append(doc[stop])
            if doc[stop].dep_ != "compound" and doc[stop].pos_ != "ADJ":
                break
            stop += 1
        if words and words[-1].pos_ in ("NOUN", "PROPN"):
            per = " ".join([*(w.lower_ for w in words[:-1]), words[-1].lemma_.lower()]).rstrip(".")
            return f"{unit} per {_MEASURES.get(per, per)}", words[-1].i + 1
    return unit, end


_COMPARATIVES = {"more", "fewer", "less", "further", "extra", "additional", "another"}
#: Plural nouns news keeps as they are.
_KEEP_PLURAL = frozenset({"people", "troops", "forces", "personnel"})


def _noun_unit(tok: Token, first: int | None = None) -> str:
    """The counted noun with the modifiers between the number and it ("four different bosses" ->
    "different boss", "460 Kia and Hyundai vehicles" -> "kia hyundai vehicle", "two new 737 Max jets"
    -> "new 737 max jet"), the head as its lemma except words news keeps plural (people, troops);
    currencies and measures by name ("9.99 New Zealand dollars" -> "new zealand dollar")."""
    low = tok.lower_
    lemma = tok.lemma_.lower()
    first = max(first if first is not None else tok.i - 3, tok.left_edge.i, tok.i - 5)
    doc = tok.doc
    mods = [t for t in doc[first:tok.i] if t.pos_ not in ("DET", "PRON", "PUNCT", "CCONJ", "ADV", "ADP", "PART")
            and not (t.tag_ in ("VBG", "VBN", "VBD") and not (t.i > 0 and doc[t.i - 1].text == "-"))
            and not (t.like_num and t.i == first) and t.lower_ not in _COMPARATIVES]  # "517 rushing yards" counts yards
    if lemma in _CURRENCY_WORDS or lemma in ("crown", "krone"):
        adj = " ".join(m.lower_ for m in mods)
        for name in _CURRENCY_ADJ.values():
            if name.endswith(lemma) and adj and name.startswith(adj):
                return name  # "New Zealand dollars", "Danish crowns"
        first_adj = mods[0].lower_ if mods else ""
        if first_adj in _CURRENCY_ADJ:
            return _CURRENCY_ADJ[first_adj]
        return _CURRENCY_WORDS.get(lemma, lemma) if lemma != "crown" else "crown"
    two = f"{mods[-1].lower_} {lemma}" if mods else ""
    if two in _MEASURES:
        return _MEASURES[two]  # "24.5 cubic feet"
    if lemma in _MEASURES and not any(m.pos_ in ("NOUN", "PROPN") for m in mods):
        return _MEASURES[lemma]  # "50 previous years" counts years
    head = low if low in _KEEP_PLURAL else lemma
    words = []
    for m in mods:
        text = m.text.lower()
        if words and m.i > 0 and doc[m.i - 1].text == "-":
            words[-1] += "-" + text  # "coal-fired"
        else:
            words.append(text)
    return " ".join([*words, head])


def _change(doc: Doc, span: Span) -> str:
    before = doc_text(doc)[max(0, span.start_char - 40):span.start_char].lower()
    before_words = re.sub(r"[^\w~.$ ]+", " ", before).split()
    tail = " ".join(before_words[-3:])
    window = [t for t in doc[max(0, span.start - 5):span.start]]
    for t in reversed(window):
        lemma = t.lemma_.lower()
        if t.lower_ in ("to", "from", "at") and t.i == span.start - 1:
            break  # "rose to 5%" is a level, not a change
        if lemma in _UP and t.pos_ in ("VERB", "ADV", "ADP", "NOUN"):
            return "up"
        if lemma in _DOWN and t.pos_ in ("VERB", "ADV", "ADP", "NOUN"):
            return "down"
    for words, sign in ((_GREATER, ">"), (_LESS, "<"), (_APPROX, "~")):
        for w in words:
            if tail.endswith(" " + w) or tail == w:
                return sign
    return "="


def _kind(doc: Doc, span: Span, full: Span, unit: str | None, money: bool, percent: bool) -> tuple[str, str | None]:
    if money:
        return "money", _measured_concept(doc, span, full)
    if percent:
        return "percent", _measured_concept(doc, span, full)
    head_noun = full[-1] if full.end > span.end else None
    sent = span.sent
    around = {t.lemma_.lower() for t in sent[max(0, span.start - sent.start - 2):full.end - sent.start + 2]}
    verb = next((a for a in (head_noun or span[-1]).ancestors if a.pos_ in ("VERB", "ADJ")), None)
    context = around | {t.lemma_.lower() for t in full} | ({verb.lemma_.lower()} if verb is not None else set())
    concept = unit
    base = (unit or "").split()[-1] if unit else ""
    troops = base in ("troops", "forces", "personnel") or base in _TROOPS
    human = troops or base in _PERSONS
    if base in ("death", "fatality", "body", "dead") or (human and context & _DEAD_WORDS):
        return "dead", concept
    if human and context & _INJURED_WORDS:
        return "injured", concept
    if human and context & _ARREST_WORDS:
        return "arrested", concept
    if troops:
        return "troops", concept
    if base in _VESSELS:
        return "vessels", concept
    if unit and unit not in _MEASURES.values() and " per " not in unit and unit != "year of age":
        return "count", concept
    return "other", concept


def _phrase(tok: Token) -> str:
    """A noun with its compound and adjective modifiers, lower-cased ("commercial air traffic")."""
    mods = [t for t in tok.subtree if t.i < tok.i and t.i >= tok.i - 4 and t.dep_ in ("compound", "amod", "nmod")
            and not t.like_num and t.pos_ not in ("DET", "PRON", "NUM")]
    return " ".join([*(m.lower_ for m in mods), tok.lower_])


def _measured_concept(doc: Doc, span: Span, full: Span) -> str | None:
    """What an amount of money or a percentage measures: "70% of flights" -> "flights", "commercial traffic
    dropping by over 70%" -> "commercial traffic", "revenue rose to $7.36 billion" -> "revenue"."""
    after = doc[full.end] if full.end < len(doc) else None
    if after is not None and after.lower_ == "of":
        noun = next((t for t in doc[full.end + 1:min(len(doc), full.end + 6)] if t.pos_ in ("NOUN", "PROPN")
                     and t.dep_ not in ("compound", "amod")), None)
        if noun is not None:
            return _phrase(noun)
    tok: Token | None = span.root
    for _ in range(4):
        tok = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX", "NOUN")), None)
        if tok is None:
            return None
        if tok.pos_ == "NOUN" and tok.i > span.end:
            return _phrase(tok)  # "a 4.2 percent drop", "a $5 billion deal"
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")),
                       None) or next((c for c in tok.lefts if c.i == tok.i - 1 and c.pos_ == "NOUN"
                                      and c.dep_ in ("compound", "npadvmod")), None)  # a small model's misparse
        if subject is not None:
            return _phrase(subject)
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
            return _phrase(tok.head)  # "data shows traffic dropping by 70%"
    return None


class QuantitiesComponent:
    """spaCy component: fills ``doc._.bw_quantities`` with the doc's quantities in text order."""

    def __init__(self, options: QuantityOptions) -> None:
        register_extensions()
        self.finder = QuantityFinder(options)

    def __call__(self, doc: Doc) -> Doc:
        doc._.bw_quantities = self.finder(doc)
        return doc


@Language.factory("bw_quantities", default_config={"word_numbers": True, "durations": True})
def make_quantities(nlp: Language, name: str, word_numbers: bool, durations: bool) -> QuantitiesComponent:
    return QuantitiesComponent(QuantityOptions(word_numbers=word_numbers, durations=durations))


def _clause_head(tok: Token) -> Token:
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _own_subtree(tok: Token) -> set[int]:
    """The token's subtree without coordinated verbs ("killed 11 ... and arrested 40")."""
    out, todo = set(), [tok]
    while todo:
        t = todo.pop()
        out.add(t.i)
        todo += [c for c in t.children if not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    return out


def event_quantities(doc: Doc, sent: Span, trigger_token: Token) -> list[Quantity]:
    """The quantities attached to an event: in the trigger's subtree or in its clause."""
    subtree = _own_subtree(trigger_token)
    clause = _clause_head(trigger_token)
    out = []
    for q in doc._.bw_quantities or []:
        if q.start < sent.start_char or q.end > sent.end_char:
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if any(t.i in subtree for t in span) or _clause_head(span.root).i == clause.i:
            out.append(q)
    return out
