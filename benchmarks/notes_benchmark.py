"""Superseded by benchmarks/notes.py; kept so that older imports of the ACI-Bench loaders work."""

from benchmarks.aci import DATA, SPLITS, Encounter, read_split, to_segments

__all__ = ["DATA", "SPLITS", "Encounter", "read_split", "to_segments"]
