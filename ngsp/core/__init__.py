"""The canonical model, declared once: errors, limits, the tracker and its schema, corrections."""
