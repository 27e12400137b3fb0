from __future__ import annotations

from murmur.engines.notes.grounded.audit import negation_errors
from murmur.engines.notes.grounded.writer import GroundedNoteWriter
from murmur.language.assertion import Modifier, Span, modifiers
from murmur.notes.domain import NoteSentence, VoiceStyle, WrittenNote, note_from_structure
from murmur.notes.ports import NoteBrief
from murmur.notes.templates import SOAP, FactCategory, Template, TemplateSection
from murmur.transcripts.domain import Segment, SpeakerRole
from tests.engines.notes.grounded.visits import BRONCHITIS, CHRONIC_FOLLOW_UP, segments

LONG_VISIT = BRONCHITIS[:-2] + CHRONIC_FOLLOW_UP[1:]


def _write(lines: list[str], style: VoiceStyle, example: str | None = None) -> WrittenNote:
    return GroundedNoteWriter().write(
        NoteBrief(
            segments=segments(lines),
            template=SOAP,
            context=None,
            language="english",
            style=style,
            example_note=example,
        )
    )


def _words(note: WrittenNote) -> int:
    return sum(len(s.text.split()) for s in note.sentences())


def test_voice_styles_grow_from_brief_to_super_detailed() -> None:
    lengths = [
        _words(_write(LONG_VISIT, style))
        for style in (
            VoiceStyle.BRIEF,
            VoiceStyle.GOLDILOCKS,
            VoiceStyle.DETAILED,
            VoiceStyle.SUPER_DETAILED,
        )
    ]

    assert lengths == sorted(lengths), lengths
    assert lengths[0] < lengths[1] < lengths[3], lengths


def test_my_voice_follows_the_example_notes_headings_order_and_terse_bullets() -> None:
    example = "ASSESSMENT:\n- Acute sinusitis.\nPLAN:\n- Saline rinses.\nSUBJECTIVE:\n- Cough 3d."

    note = _write(BRONCHITIS, VoiceStyle.MY_VOICE, example)

    assert [s.title for s in note.sections][:3] == ["ASSESSMENT", "PLAN", "SUBJECTIVE"]
    texts = [s.text for s in note.sentences()]
    assert all(text.startswith("- ") for text in texts)
    assert not [text for text in texts if text.startswith("- The patient")]


def test_my_voice_without_an_example_is_the_default_note() -> None:
    plain = _write(BRONCHITIS, VoiceStyle.GOLDILOCKS)

    assert _write(BRONCHITIS, VoiceStyle.MY_VOICE, None) == plain


def test_every_sentence_points_at_the_characters_it_rests_on() -> None:
    visit = segments(BRONCHITIS)
    note = GroundedNoteWriter().write(
        NoteBrief(segments=visit, template=SOAP, context=None, language="english")
    )

    wheeze = next(s for s in note.sentences() if "wheezing" in s.text.lower())
    (span,) = wheeze.spans
    assert "wheezing" in visit[span.segment].text[span.start : span.end]
    for sentence in note.sentences():
        assert {span.segment for span in sentence.spans} == set(sentence.evidence)


def test_offsets_survive_storage_and_old_notes_without_them_still_load() -> None:
    note = _write(BRONCHITIS, VoiceStyle.GOLDILOCKS)

    assert note_from_structure(note.to_structure()) == note
    stored_sentence = {"text": "Rest.", "evidence": [3]}
    old = {
        "title": "t",
        "sections": [{"key": "plan", "title": "P", "sentences": [stored_sentence]}],
    }
    assert note_from_structure(old).sentences() == [NoteSentence("Rest.", (3,))]


def test_a_clinicians_he_makes_the_note_say_he_with_agreeing_verbs() -> None:
    visit = [
        Segment(0, 3, "John is a 45-year-old male here for knee pain.", SpeakerRole.CLINICIAN),
        Segment(3, 6, "My knee hurts when I climb stairs every single day.", SpeakerRole.PATIENT),
    ]
    note = GroundedNoteWriter().write(
        NoteBrief(segments=visit, template=SOAP, context=None, language="english")
    )

    texts = " ".join(s.text for s in note.sentences())
    assert "his knee" in texts
    assert "he climbs" in texts
    assert "their" not in texts


def test_context_rules_see_negation_hypotheticals_and_family() -> None:
    def mods(text: str, term: str) -> frozenset[Modifier]:
        start = text.index(term)
        return modifiers(text, Span(start, start + len(term)))

    assert Modifier.NEGATED in mods("I have not had any fever", "fever")
    assert Modifier.NEGATED not in mods("no chest pain but I do have a cough", "cough")
    assert Modifier.HYPOTHETICAL in mods("call me if you get a fever", "fever")
    assert Modifier.FAMILY in mods("my mother had breast cancer", "cancer")
    assert not mods("I have had a fever for two days", "fever")
    assert not mods("Not great. I have had a cough for five days", "cough")


def test_the_audit_finds_a_sentence_that_flips_what_was_said() -> None:
    visit = segments(["Any fever?", "No.", "I have a sore throat."])
    wrong = NoteSentence("The patient reports fever.", (0, 1))
    right = NoteSentence("The patient denies fever.", (0, 1))
    flipped = NoteSentence("The patient denies a sore throat.", (2,))

    assert negation_errors([wrong, right, flipped], visit) == [wrong, flipped]


def test_sections_are_filled_by_the_fact_categories_they_draw_from() -> None:
    template = Template(
        id=SOAP.id,
        name="Exam first",
        sections=(
            TemplateSection("findings", "Findings", "", (FactCategory.EXAMINATION,)),
            TemplateSection("story", "Story", "", (FactCategory.HISTORY_OF_PRESENT_ILLNESS,)),
            TemplateSection("negatives", "Negatives", "", (FactCategory.REVIEW_OF_SYSTEMS,)),
            TemplateSection("todo", "To do", "", (FactCategory.PLAN,)),
        ),
    )
    note = GroundedNoteWriter().write(
        NoteBrief(
            segments=segments(BRONCHITIS), template=template, context=None, language="english"
        )
    )
    by_key = {s.key: [x.text for x in s.sentences] for s in note.sections}

    assert any("wheezing" in text.lower() for text in by_key["findings"])
    assert "The patient denies chest pain." in by_key["negatives"]
    assert any("albuterol" in text for text in by_key["todo"])
    assert not any("chest pain" in text for text in by_key["story"])


SPANISH_VISIT = [
    "Buenos días, ¿qué le trae por aquí?",
    "Tengo tos desde hace cinco días y me duele el pecho cuando toso mucho por la noche.",
    "Además la flema sale amarilla y me siento muy cansado todo el día en el trabajo.",
    "¿Tiene fiebre?",
    "No.",
    "Creo que es bronquitis aguda.",
    "Le voy a recetar un inhalador de albuterol.",
    "Tome mucha agua y descanse, y si tiene dificultad para respirar vuelva a urgencias.",
]


def test_spanish_notes_grow_with_the_style_and_keep_what_was_said() -> None:
    def note(style: VoiceStyle) -> WrittenNote:
        return GroundedNoteWriter().write(NoteBrief(
            segments=segments(SPANISH_VISIT), template=SOAP, context=None,
            language="spanish", style=style,
        ))  # fmt: skip

    brief, detailed = note(VoiceStyle.BRIEF), note(VoiceStyle.SUPER_DETAILED)

    assert _words(brief) < _words(detailed)
    quoted = [s.text for s in detailed.sentences() if s.text.startswith("Paciente refiere: «")]
    assert any("flema sale amarilla" in text for text in quoted)
