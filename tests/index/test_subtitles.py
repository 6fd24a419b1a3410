"""Subtitle parsing edge cases, sidecar discovery and embedded stream extraction (real ffmpeg)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from index.subtitles import (
    SubtitleError,
    SubtitleStream,
    TimedText,
    clean_cue_text,
    extract_subtitle_stream,
    find_sidecars,
    parse_subtitles,
    parse_timestamp,
    pick_text_stream,
    read_subtitle_file,
    subtitle_streams,
)
from tests.media_factory import run_ffmpeg

SRT = "1\n00:00:00,500 --> 00:00:01,250\nFirst line\n\n2\n00:00:01,000 --> 00:00:02,000\nSecond\n"


def test_timestamps_accept_comma_dot_and_optional_hours() -> None:
    assert parse_timestamp("01:02:03,456") == Fraction(3723456, 1000)
    assert parse_timestamp("01:02:03.456") == Fraction(3723456, 1000)
    assert parse_timestamp("02:03.456") == Fraction(123456, 1000)  # VTT without hours
    assert parse_timestamp("00:00:01.5") == Fraction(3, 2)  # short fraction is tenths, not millis
    assert parse_timestamp("00:00:07") == 7
    for bad in ("00:61:00,000", "aa:bb", "1.5", "00:00:01;000", ""):
        with pytest.raises(ValueError):
            parse_timestamp(bad)


def test_srt_with_bom_and_crlf_parses_exactly() -> None:
    text = "\ufeff" + SRT.replace("\n", "\r\n")
    parsed = parse_subtitles(text)
    assert parsed.warnings == ()
    assert parsed.cues == (
        TimedText(Fraction(1, 2), Fraction(5, 4), "First line"),
        TimedText(Fraction(1), Fraction(2), "Second"),
    )


def test_bom_in_bytes_and_cp1252_fallback(tmp_path: Path) -> None:
    bom = tmp_path / "bom.srt"
    bom.write_bytes(b"\xef\xbb\xbf" + SRT.replace("First", "Caf\u00e9").encode("utf-8"))
    assert read_subtitle_file(bom).cues[0].text == "Caf\u00e9 line"
    legacy = tmp_path / "legacy.srt"
    legacy.write_bytes(SRT.replace("First", "Caf\u00e9").encode("cp1252"))
    parsed = read_subtitle_file(legacy)
    assert parsed.cues[0].text == "Caf\u00e9 line"
    assert any("Windows-1252" in w for w in parsed.warnings)


def test_vtt_header_notes_styles_ids_settings_and_tags() -> None:
    vtt = (
        "WEBVTT - with a title\n\nSTYLE\n::cue { color: yellow }\n\nNOTE a comment\nspanning lines\n\n"
        "intro\n00:01.000 --> 00:02.500 align:start position:10%\n<v Roger Bingham>Hello <i>there</i></v>\n\n"
        "00:00:03.000 --> 00:00:04.000\n<c.yellow.bg_blue>Fish</c> &amp; <b>chips</b> &lt;3\nsecond line\n\n"
        "00:00:05.000 --> 00:00:06.000\nKaraoke <00:00:05.500>words\n"
    )
    parsed = parse_subtitles(vtt)
    assert parsed.warnings == ()
    assert [c.text for c in parsed.cues] == ["Hello there", "Fish & chips <3 second line", "Karaoke words"]
    assert parsed.cues[0].start == 1 and parsed.cues[0].end == Fraction(5, 2)


def test_srt_positioning_codes_are_removed() -> None:
    assert clean_cue_text(["{\\an8}<font color=\"#ff0\">Up top</font>"]) == "Up top"


def test_overlapping_cues_are_kept_in_start_order() -> None:
    srt = (
        "1\n00:00:05,000 --> 00:00:08,000\nLate\n\n"
        "2\n00:00:01,000 --> 00:00:06,000\nEarly and long\n\n"
        "3\n00:00:02,000 --> 00:00:03,000\nInside\n"
    )
    cues = parse_subtitles(srt).cues
    assert [c.text for c in cues] == ["Early and long", "Inside", "Late"]


def test_broken_timestamps_are_warnings_not_fatal() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\nGood one\n\n"
        "2\n00:00:xx,000 --> 00:00:03,000\nBad start\n\n"
        "3\n00:00:04,000 -> 00:00:05,000\nNo arrow\n\n"
        "4\n00:00:07,000 --> 00:00:06,000\nBackwards\n\n"
        "5\n00:00:08,000 --> 00:00:09,000\nGood two\n\n"
        "stray text with no timing\n"
    )
    parsed = parse_subtitles(srt)
    assert [c.text for c in parsed.cues] == ["Good one", "Good two"]
    assert len(parsed.warnings) == 4
    assert parsed.warnings[0].startswith("line 6:")  # points at the bad timing line
    assert any("before it starts" in w for w in parsed.warnings)
    assert any("stray text" in w for w in parsed.warnings)
    assert any("00:00:04,000 -> 00:00:05,000" in w for w in parsed.warnings)


def test_empty_and_garbage_files_yield_no_cues() -> None:
    assert parse_subtitles("").cues == ()
    assert parse_subtitles("WEBVTT\n").cues == ()
    assert parse_subtitles("1\n00:00:01,000 --> 00:00:02,000\n\n").cues == ()  # a cue with no text


def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SubtitleError, match="cannot read subtitles"):
        read_subtitle_file(tmp_path / "missing.srt")


def test_sidecars_are_found_and_ranked(tmp_path: Path) -> None:
    video = tmp_path / "film.v2.mp4"
    video.write_bytes(b"")
    for name in ("film.v2.fr.srt", "film.v2.en-US.vtt", "film.v2.srt", "film.v2.director.commentary.srt",
                 "film.srt", "other.en.vtt", "film.v2.de.txt", "film.v2.EN.SRT"):
        (tmp_path / name).write_text(SRT)
    names = [p.name for p in find_sidecars(video, languages=("en", "fr"))]
    assert names == ["film.v2.srt", "film.v2.EN.SRT", "film.v2.en-US.vtt", "film.v2.fr.srt"]
    assert [p.name for p in find_sidecars(video, languages=("fr",))][:2] == ["film.v2.srt", "film.v2.fr.srt"]
    assert find_sidecars(tmp_path / "nowhere" / "x.mp4") == []


def test_pick_text_stream_prefers_language_and_skips_bitmaps() -> None:
    streams = [
        SubtitleStream(0, "hdmv_pgs_subtitle", "eng"),
        SubtitleStream(1, "subrip", "fra"),
        SubtitleStream(2, "mov_text", "eng"),
    ]
    assert pick_text_stream(streams, ("en",)).index == 2
    assert pick_text_stream(streams, ("de",)).index == 1
    assert pick_text_stream(streams[:1], ("en",)) is None


@pytest.fixture(scope="module")
def embedded_mkv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 3 s clip with a French and an English SubRip stream."""
    base = tmp_path_factory.mktemp("embedded")
    en, fr = base / "en.srt", base / "fr.srt"
    en.write_text(
        "1\n00:00:00,500 --> 00:00:01,500\n<i>Hello</i> world\n\n2\n00:00:02,000 --> 00:00:02,750\nBye\n"
    )
    fr.write_text("1\n00:00:00,500 --> 00:00:01,500\nBonjour\n")
    out = base / "subs.mkv"
    run_ffmpeg([
        "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=12:duration=3", "-i", str(fr), "-i", str(en),
        "-map", "0:v", "-map", "1", "-map", "2", "-c:v", "libx264", "-preset", "ultrafast", "-c:s", "srt",
        "-metadata:s:s:0", "language=fra", "-metadata:s:s:1", "language=eng", str(out),
    ])
    return out


def test_embedded_stream_is_listed_and_extracted(embedded_mkv: Path) -> None:
    streams = subtitle_streams(embedded_mkv)
    assert [(s.index, s.language) for s in streams] == [(0, "fra"), (1, "eng")]
    parsed = extract_subtitle_stream(embedded_mkv, pick_text_stream(streams, ("en",)))
    assert parsed.cues == (
        TimedText(Fraction(1, 2), Fraction(3, 2), "Hello world"),
        TimedText(Fraction(2), Fraction(11, 4), "Bye"),
    )


def test_mp4_mov_text_stream_is_extracted(tmp_path: Path) -> None:
    srt = tmp_path / "a.srt"
    srt.write_text("1\n00:00:00,250 --> 00:00:01,000\nText track\n")
    out = tmp_path / "movtext.mp4"
    run_ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=64x48:rate=12:duration=2", "-i", str(srt),
                "-c:v", "libx264", "-preset", "ultrafast", "-c:s", "mov_text", str(out)])
    (stream,) = subtitle_streams(out)
    assert stream.codec == "mov_text"
    expected = (TimedText(Fraction(1, 4), Fraction(1), "Text track"),)
    assert extract_subtitle_stream(out, stream).cues == expected


def test_not_a_video_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"not a video at all")
    with pytest.raises(SubtitleError, match="cannot open"):
        subtitle_streams(junk)


ASS = """[Script Info]
ScriptType: v4.00+

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.50,0:00:03.25,Default,,0,0,0,,{\\an8}Hello\\Nthere
Comment: 0,0:00:02.00,0:00:04.00,Default,,0,0,0,,not shown
Dialogue: 0,0:00:05.00,0:00:04.00,Default,,0,0,0,,backwards
Dialogue: 0,0:00:06.00,0:00:07.00,Default,,0,0,0,,{\\i1}Bye{\\i0}
"""


@pytest.mark.parametrize("suffix", [".ass", ".ssa", ".en.ass"])
def test_ass_and_ssa_sidecars_are_found_and_read(tmp_path: Path, suffix: str) -> None:
    from index.subtitles import find_sidecars, read_subtitle_file

    video = tmp_path / "film.mp4"
    video.write_bytes(b"")
    sidecar = tmp_path / f"film{suffix}"
    sidecar.write_text(ASS)
    assert find_sidecars(video) == [sidecar]
    parsed = read_subtitle_file(sidecar)
    assert [(c.start, c.end, c.text) for c in parsed.cues] == [
        (Fraction(3, 2), Fraction(13, 4), "Hello there"), (Fraction(6), Fraction(7), "Bye")]
    assert len(parsed.warnings) == 1 and "event 3" in parsed.warnings[0]  # the broken cue, skipped
