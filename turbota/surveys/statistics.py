"""The statistics of a survey, as formulas a person can check by hand.

- A share's 95 % confidence interval is Wilson's score interval (it stays within 0–100 %
  and behaves for small counts and shares near 0 or 1, where the textbook p ± 1.96·SE
  does not).
- The survey's margin of error is the half-width for the worst case p = 0.5:
  e = z·√(p(1 − p)/n), times the finite-population correction √((N − n)/(N − 1)) when the
  population N is known.
z = 1.96 (95 %), as survey reports print it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.96
WORST_P = 0.5


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def share(count: int, total: int) -> float | None:
    return count / total if total else None


def wilson(count: int, total: int, z: float = Z95) -> Interval | None:
    """Wilson score interval for ``count`` successes of ``total``."""
    if total <= 0:
        return None
    p = count / total
    z2 = z * z
    centre = (p + z2 / (2 * total)) / (1 + z2 / total)
    half = z * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / (1 + z2 / total)
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def finite_population_correction(sample: int, population: int | None) -> float:
    """√((N − n)/(N − 1)); 1 when N is unknown."""
    if population is None or population <= 1:
        return 1.0
    if sample >= population:
        return 0.0
    return math.sqrt((population - sample) / (population - 1))


def margin_of_error(sample: int, population: int | None = None, z: float = Z95) -> float | None:
    """The maximum error of a share (p = 0.5) for ``sample`` respondents."""
    if sample <= 0:
        return None
    plain = z * math.sqrt(WORST_P * (1 - WORST_P) / sample)
    return plain * finite_population_correction(sample, population)


def population_for_margin(sample: int, margin: float, z: float = Z95) -> float | None:
    """The population N for which ``sample`` respondents give exactly ``margin``; None
    when no N does (the correction only lowers the error, so a margin at or above the
    infinite-population one holds for every N)."""
    plain = margin_of_error(sample, None, z)
    if plain is None or margin >= plain:
        return None
    ratio = (margin / plain) ** 2  # = (N − n)/(N − 1)
    return (sample - ratio) / (1 - ratio)


def sample_for_margin(margin: float, population: int | None = None, z: float = Z95) -> float:
    """Respondents needed for ``margin``: n₀ = z²·p(1 − p)/e², and with a known population
    n = n₀ / (1 + (n₀ − 1)/N)."""
    needed = z * z * WORST_P * (1 - WORST_P) / (margin * margin)
    if population:
        needed = needed / (1 + (needed - 1) / population)
    return needed
