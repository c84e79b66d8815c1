"""Helper: circular import partner B (sees A partially initialised)."""
import _circ_a
B_VALUE = "b-value"
SEEN_EARLY = hasattr(_circ_a, "A_EARLY")
SEEN_LATE = hasattr(_circ_a, "A_LATE")
