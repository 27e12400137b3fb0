"""What the note writer may know besides the transcript."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from murmur.encounters.models import Encounter
from murmur.encounters.session_context import session_context


def gather_context(session: Session, encounter: Encounter) -> dict[str, Any]:
    """The encounter's context as ``{label: value}``: Playback ``addContext`` to start with;
    clinician notes, context documents and linked sessions join it as they are stored.

    Keys are camelCase labels the writers show ("patientHistory" -> "patient history").
    """
    context = dict(encounter.add_context or {})
    context.update(session_context(session, encounter))
    return context
