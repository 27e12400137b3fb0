"""The languages a visit can be in: an encounter stores the note language's name ("english"),
speech engines and Heidi speak ISO 639-1 codes ("en")."""

from __future__ import annotations

LANGUAGE_CODES = {"english": "en", "spanish": "es"}
LANGUAGE_NAMES = {code: name for name, code in LANGUAGE_CODES.items()}
# An encounter created without a language (a Heidi session with no language_code) has this
# one until its first chunk of speech is heard; detection then writes the real one.
DETECT_LANGUAGE = "auto"
