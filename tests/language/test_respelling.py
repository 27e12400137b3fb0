from __future__ import annotations

from murmur.language.respelling import Respeller, edit_distance, sound_key


def test_edit_distance_and_its_early_stop() -> None:
    assert edit_distance("furosmide", "furosemide") == 1
    assert edit_distance("abcdefgh", "zzzzzzzz", limit=2) == 3


def test_soundalikes_share_a_key() -> None:
    assert sound_key("metforman") == sound_key("metformin")
    assert sound_key("fenytoin") == sound_key("phenytoin")


def test_a_near_miss_is_found_with_its_span() -> None:
    speller = Respeller(["lisinopril", "metformin"])
    text = "start lisinoprill today and met formin too"

    found = [(text[r.start : r.end], r.term) for r in speller.find(text)]

    assert found == [("lisinoprill", "lisinopril"), ("met formin", "metformin")]


def test_known_and_short_words_are_never_respelled() -> None:
    speller = Respeller(["crestor", "miralax"], known=["continue"])

    assert speller.find("chest or belly, me relax, crestor") == []
    assert Respeller(["continuex"], known=["continue"]).find("continue") == []
