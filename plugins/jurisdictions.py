"""Names of jurisdictions, for readers: front matter holds codes ("CN", "US-NY", "EU").

Codes are ISO 3166 (a country, or a subdivision such as a state or province) plus the two
that ISO does not assign to a country: EU and INT. Names come from pycountry's copy of the
ISO tables, preferring the common name ("South Korea" over "Korea, Republic of"); a code
that ISO does not know is shown as it is.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

__all__ = ["jurisdiction_label", "jurisdiction_name"]

# Not countries, so not in ISO 3166-1; and a name ISO gives no common form of.
_OWN_NAMES = {
    "EU": "European Union",
    "INT": "International",
    "RU": "Russia",  # ISO: "Russian Federation"
}


@lru_cache(maxsize=512)
def jurisdiction_name(code: str) -> str | None:
    """The jurisdiction's name ("China", "New York, United States"), or None if unknown."""
    code = code.strip().upper()
    if code in _OWN_NAMES:
        return _OWN_NAMES[code]
    if "-" in code:
        sub = pycountry.subdivisions.get(code=code)
        if sub is None:
            return None
        country = jurisdiction_name(code.split("-", 1)[0])
        return f"{sub.name}, {country}" if country else sub.name
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


def jurisdiction_label(code: str) -> str:
    """How pages show a jurisdiction: "China (CN)", or the code alone when it has no name."""
    name = jurisdiction_name(code)
    return f"{name} ({code})" if name else code
