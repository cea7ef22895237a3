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
from .extensions import register_extensions

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
_CURRENCY = {
    "us$": "dollar", "$us": "dollar", "$": "dollar", "usd": "dollar", "a$": "australian dollar",
    "$a": "australian dollar", "c$": "canadian dollar", "nz$": "new zealand dollar", "hk$": "hong kong dollar",
    "s$": "singapore dollar", "€": "euro", "eur": "euro", "£": "pound sterling", "gbp": "pound sterling",
    "¥": "japanese yen", "₹": "indian rupee", "rs": "indian rupee", "₽": "russian ruble", "rm": "malaysian ringgit",
    "y=": "japanese yen", "jpy": "japanese yen", "aud": "australian dollar", "cad": "canadian dollar",
    "nzd": "new zealand dollar", "cny": "chinese yuan", "inr": "indian rupee", "chf": "swiss franc",
}
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
    "micrometer": "micrometre", "micrometre": "micrometre", "inch": "inch", "cubic foot": "cubic foot",
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
    "ft": "foot", "sq ft": "square foot", "G": "generation wireless",
}
_CASED_RE = re.compile(r"\s?(" + "|".join(sorted(map(re.escape, _CASED_UNITS), key=len, reverse=True)) + r")(?![\w/])")
#: Vague amounts and the range they stand for ("tens of thousands" -> 10,000 to 100,000).
_VAGUE = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_VAGUE_RE = re.compile(r"\b(?:(tens|hundreds|dozens)\s+of\s+)?(hundreds|thousands|millions|billions)\b(?=\s+of\b)?",
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
_NUMBER_RE = re.compile(
    r"(?P<cur>US\$|\$US|A\$|\$A|C\$|NZ\$|HK\$|S\$|\$|€|£|¥|₹|₽|\bY=|"
    r"\b(?:USD|EUR|GBP|JPY|AUD|CAD|NZD|CNY|INR|CHF|Rs\.?|RM)\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
    rf"|\b(?:a\s+|an\s+)?(?:{_WORD})(?:(?:[\s-]+(?:and\s+)?)(?:{_WORD}))*\b)"
    r"(?P<scale>(?:bn|tn|mn|mln|m|k|b)\b|\s?(?:hundred|thousand|million|billion|trillion)\b)?"
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

    @property
    def scaled(self) -> bool:
        return self.scale > 1


class QuantityFinder:
    """Finds the quantities of one doc."""

    def __init__(self, options: QuantityOptions) -> None:
        self.options = options

    def _raw(self, doc: Doc) -> list[_Raw]:
        text = doc.text
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
            if not m.group("cur") and (prev.isalnum() or prev in "-/#" and start > 1 and text[start - 2].isalpha()):
                continue  # F-16, MH17, COVID-19, #3
            unit_hint = None
            code = re.match(r"\s([A-Z]{3})\b", text[end:end + 5])
            if code is not None and code.group(1) in _CURRENCY_CODES and not m.group("cur"):
                unit_hint, end = _CURRENCY_CODES[code.group(1)], end + 4
            cased = _CASED_RE.match(text, end) if not (m.group("cur") or m.group("pct") or unit_hint) else None
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
            scale = _SCALES.get((m.group("scale") or "").strip().lower(), 1.0)
            value *= scale
            cur = (m.group("cur") or "").strip().lower().rstrip(".")
            out.append(_Raw(start, end, value, _CURRENCY.get(cur), m.group("pct") is not None, scale, is_word,
                            unit_hint))
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
        if "ORDINAL" in ent_types or "TIME" in ent_types:
            return True
        if raw.is_word:
            root = span[-1]
            if root.lower_ == "one" and (root.dep_ != "nummod" or after_lemma in ("of", "another")):
                return True
        if "DATE" in ent_types and not raw.currency and not raw.percent and self._is_date(doc, span):
            return True
        if not raw.currency and not raw.percent and float(raw.value).is_integer() and 1800 <= raw.value <= 2100:
            if not raw.scaled and (after is None or after.pos_ not in ("NOUN",) or "DATE" in ent_types):
                return True  # a year
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and not raw.currency and not raw.percent and not raw.unit \
                and (before.text[:1].isupper() or (before.pos_ == "PROPN" and before.text[1:2].isupper())) \
                and before.pos_ in ("PROPN", "NOUN") and before.ent_type_ not in ("MONEY",) and not before.is_sent_start:
            return True  # Section 427, Model 3, Article 5, iPhone 11
        return False

    def _is_date(self, doc: Doc, span: Span) -> bool:
        """The model tags durations, ages and ranges DATE too; only real dates are skipped."""
        ent = next((e for e in doc.ents if e.start <= span.start < e.end and e.label_ == "DATE"), None)
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
                gap = doc.text[raw.end:nxt.start].strip().lower()
                before = doc.text[max(0, raw.start - 9):raw.start].lower()
                same_kind = raw.percent == nxt.percent or (raw.percent is False and nxt.percent)
                same_kind = same_kind and (raw.currency is None or nxt.currency in (None, raw.currency))
                same_kind = same_kind and not (nxt.currency and not raw.currency and raw.percent)
                after_next = doc.text[nxt.end:nxt.end + len(gap) + 1].strip().lower()
                repeated = re.fullmatch(r"([a-z]+)\s+(to|-|–)", gap)
                if repeated and after_next.startswith(repeated.group(1)):
                    gap = repeated.group(2)  # "252 miles to 287 miles"
                if same_kind and gap in ("to", "-", "–", "—", "and", "or") and (gap != "and" or "between" in before):
                    if not (raw.value > nxt.value and not nxt.scaled and not raw.scaled):
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
        if unit is not None and (currency or unit in _MEASURES.values() or unit in _CASED_UNITS.values()
                                 or unit in _CURRENCY_WORDS.values() or unit in _CURRENCY_ADJ.values()
                                 or unit == "point"):
            unit, end = _per_unit(doc, end, unit)
        text_end = max(span.end_char, doc[end - 1].idx + len(doc[end - 1].text)) if end > span.start else span.end_char
        start_char = span.start_char
        q = Quantity(text=doc.text[start_char:text_end], start=start_char, end=text_end, value=raw.value, unit=unit)
        if raw.low is not None:
            q.low, q.high, q.value = raw.low, raw.high, None
        q.change = _change(doc, span)
        q.kind, q.concept = _kind(doc, span, doc[span.start:end], q.unit, currency is not None or unit in
                                  _CURRENCY_WORDS.values(), unit == "percentage")
        return q


def _unit_after(doc: Doc, end: int, num_tok: Token) -> tuple[str | None, int]:
    """The unit after a number and the token index where the quantity's text ends."""
    tok = doc[end]
    two = f"{tok.lower_} {doc[end + 1].lower_}" if end + 1 < len(doc) else ""
    lemma = tok.lemma_.lower()
    if tok.lower_ in ("-year-old", "year-old") or (tok.text == "-" and end + 1 < len(doc)
                                                   and doc[end + 1].lower_.startswith("year")):
        stop = end + 1
        while stop < len(doc) and stop < end + 5 and doc[stop].lower_ in ("-", "year", "old", "years"):
            stop += 1
        return "year of age", stop
    if lemma == "year" and end + 2 < len(doc) and doc[end + 1].text == "-" and doc[end + 2].lower_ == "old":
        return "year of age", end + 3
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
        return _noun_unit(doc[end + 1]), end + 2
    head = num_tok.head if num_tok.dep_ in ("nummod", "quantmod", "compound") else None
    if head is not None and head.i >= end and head.pos_ in ("NOUN", "PROPN") and head.i - end <= 4:
        return _noun_unit(head), head.i + 1
    if tok.pos_ == "NOUN" and tok.i == end:
        return _noun_unit(tok), end + 1
    return None, end


def _per_unit(doc: Doc, end: int, unit: str) -> tuple[str, int]:
    """A rate after a unit: "$10 per gram", "$52 a barrel", "5 cents per share" -> "dollar per gram"."""
    if end + 1 < len(doc) and doc[end].lower_ in ("per", "a", "an", "each") and doc[end + 1].pos_ in ("NOUN", "PROPN"):
        stop = end + 1
        words = []
        while stop < len(doc) and stop < end + 4 and doc[stop].pos_ in ("NOUN", "PROPN", "ADJ") \
                and not doc[stop].is_punct:
            words.append(doc[stop])
            if doc[stop].dep_ != "compound" and doc[stop].pos_ != "ADJ":
                break
            stop += 1
        if words and words[-1].pos_ in ("NOUN", "PROPN"):
            per = " ".join([*(w.lower_ for w in words[:-1]), words[-1].lemma_.lower()])
            return f"{unit} per {_MEASURES.get(per, per)}", words[-1].i + 1
    return unit, end


#: Plural nouns news keeps as they are.
_KEEP_PLURAL = frozenset({"people", "troops", "forces", "personnel"})


def _noun_unit(tok: Token) -> str:
    """The counted noun with its modifiers ("four different bosses" -> "different boss"), the head
    as its lemma except words news keeps plural (people, troops); currencies and measures by name."""
    low = tok.lower_
    lemma = tok.lemma_.lower()
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i
            and not c.like_num and c.pos_ not in ("NUM", "DET", "PRON")
            and c.tag_ not in ("VBG", "VBN", "VBD")]  # "517 rushing yards" counts yards
    if lemma in _CURRENCY_WORDS or lemma in ("crown", "krone"):
        adj = mods[0].lower_ if mods else ""
        return _CURRENCY_ADJ.get(adj, _CURRENCY_WORDS.get(lemma, lemma)) if adj in _CURRENCY_ADJ or lemma != "crown" \
            else "crown"
    if lemma in _MEASURES and not mods:
        return _MEASURES[lemma]
    head = low if low in _KEEP_PLURAL else lemma
    words = [m.text.lower() if m.pos_ == "PROPN" else m.lower_ for m in mods if m.i > tok.i - 4]
    return " ".join([*words, head])


def _change(doc: Doc, span: Span) -> str:
    before = doc.text[max(0, span.start_char - 40):span.start_char].lower()
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
        return "money", None
    if percent:
        return "percent", None
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
