"""The wording of the stance and actor findings: the entries of `data/findings.yaml` and their rendering.

The analyses compute numbers, names and quotes; an entry's template only places
them, so a finding reads the same for any corpus and its wording is data.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from sahel_analysis.errors import SahelError
from sahel_analysis.package_data import load_yaml

FINDINGS_FILE = "data/findings.yaml"


@cache
def finding_entries(section: str) -> tuple[dict, ...]:
    """The finding entries of one section of data/findings.yaml (`positions`, `actors`), in order."""
    return tuple(dict(e) for e in load_yaml("findings.yaml")[section])


def number_word(n: int) -> str:
    """A count in words where data/findings.yaml has the word, else in digits.

    >>> number_word(2), number_word(40)
    ('two', '40')
    """
    words = load_yaml("findings.yaml")["number_words"]
    return words[n] if 0 <= n < len(words) else str(n)


class Count(int):
    """A count a template places: `{n}` in digits, `{n:w}` in words, `{n:s}` the plural s.

    >>> "{0} stance{0:s} in the {1:w} text{1:s}".format(Count(1), Count(2))
    '1 stance in the two texts'
    """

    def __format__(self, spec: str) -> str:
        if spec == "w":
            return number_word(int(self))
        if spec == "s":
            return "" if self == 1 else "s"
        return int.__format__(self, spec)


def render(template: str, values: Mapping[str, object], entry: str, file: str = FINDINGS_FILE) -> str:
    """Fill a template with computed values; a field the values lack is a one-line error naming the file and entry.

    >>> render("{n} text{n:s}", {"n": Count(3)}, "positions/x")
    '3 texts'
    >>> render("{nope}", {}, "positions/x")
    Traceback (most recent call last):
    ...
    sahel_analysis.errors.SahelError: data/findings.yaml: finding positions/x: the template names {nope}, which is not computed (fields: none)
    """
    try:
        return template.format_map(values)
    except KeyError as err:
        fields = ", ".join(sorted(values)) or "none"
        problem = f"the template names {{{err.args[0]}}}, which is not computed (fields: {fields})"
    except (AttributeError, IndexError, ValueError) as err:
        problem = f"the template cannot be filled: {err}"
    raise SahelError(file, f"finding {entry}: {problem}")
