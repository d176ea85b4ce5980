"""Tracker -> figures: one pure function per figure, the summary, the page views and charts."""
