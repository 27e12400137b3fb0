"""Murmur: a self-hostable ambient clinical scribe server."""

__version__ = "0.1.0"
