"""Running brinkwatch beyond one machine: :mod:`.spark` codes article records inside Spark."""
