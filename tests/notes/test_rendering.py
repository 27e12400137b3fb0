from __future__ import annotations

import pytest

from murmur.notes.domain import NoteSection, NoteSentence, WrittenNote
from murmur.notes.events import note_events
from murmur.notes.rendering import ContentType, render, render_events

NOTE = WrittenNote(
    title="Cough",
    sections=(
        NoteSection(
            "subjective",
            "Subjective",
            (
                NoteSentence("Reports a cough & <script>alert(1)</script>.", (1,)),
                NoteSentence("Denies fever.", (2,)),
            ),
        ),
        NoteSection("objective", "Objective <b>", ()),
    ),
)


def test_html_escapes_what_was_said() -> None:
    html = render(NOTE, ContentType.HTML)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "cough &amp; " in html
    assert "<h2>Objective &lt;b&gt;</h2>\n<p>Not discussed.</p>" in html


def test_markdown_has_one_heading_per_section() -> None:
    assert render(NOTE, ContentType.MARKDOWN) == (
        "## Subjective\nReports a cough & <script>alert(1)</script>. Denies fever.\n\n"
        "## Objective <b>\nNot discussed."
    )


@pytest.mark.parametrize("content_type", list(ContentType))
def test_stream_pieces_concatenate_to_the_whole_note(content_type: ContentType) -> None:
    pieces = list(render_events(note_events(NOTE), content_type))
    assert len(pieces) >= 4
    assert "".join(pieces) == render(NOTE, content_type)


def test_bulleted_sentences_go_one_per_line() -> None:
    note = WrittenNote(
        title="Plan",
        sections=(
            NoteSection(
                "plan",
                "Plan",
                (
                    NoteSentence("Acute bronchitis.", (1,)),
                    NoteSentence("- Albuterol inhaler.", (2,)),
                    NoteSentence("- Follow up in 1 week.", (3,)),
                ),
            ),
        ),
    )
    markdown = "## Plan\nAcute bronchitis.\n- Albuterol inhaler.\n- Follow up in 1 week."
    assert note.to_markdown() == markdown
    assert render(note, ContentType.MARKDOWN) == markdown
    assert render(note, ContentType.HTML) == (
        "<h2>Plan</h2>\n<p>Acute bronchitis.<br>\n- Albuterol inhaler.<br>\n"
        "- Follow up in 1 week.</p>\n"
    )
