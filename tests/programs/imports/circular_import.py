# imports: circular imports see partially initialised modules
import _circ_a
import _circ_b
print(_circ_b.SEEN_EARLY, _circ_b.SEEN_LATE, _circ_a.A_LATE, _circ_a.from_b())
