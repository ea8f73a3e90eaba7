"""Evaluate extraction against gold: the seeds-gold format, PolNeAR, and the
journalistic-sourcing benchmark, with one report shape."""
