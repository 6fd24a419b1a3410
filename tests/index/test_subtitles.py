"""Subtitle parsing edge cases (SRT, WebVTT, ASS/SSA, MicroDVD through pysubs2), sidecar discovery and
embedded stream extraction (real ffmpeg)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from index.subtitles import (
    SubtitleError,
    SubtitleStream,
    TimedText,
    extract_subtitle_stream,
    find_sidecars,
    parse_subtitles,
    pick_text_stream,
    read_subtitle_file,
    subtitle_streams,
)
from tests.media_factory import run_ffmpeg

SRT = "1\n00:00:00,500 --> 00:00:01,250\nFirst line\n\n2\n00:00:01,000 --> 00:00:02,000\nSecond\n"


def test_timestamps_accept_comma_dot_short_fractions_and_vtt_without_hours() -> None:
    srt = (
        "1\n01:02:03,456 --> 01:02:04.5\nComma and dot\n\n"
        "2\n00:00:01,5 --> 00:00:02,25\nShort fractions are tenths and hundredths, not millis\n"
    )
    parsed = parse_subtitles(srt)
    assert parsed.warnings == ()
    assert [(c.start, c.end) for c in parsed.cues] == [
        (Fraction(3, 2), Fraction(9, 4)), (Fraction(3723456, 1000), Fraction(37245, 10))]
    vtt = parse_subtitles("WEBVTT\n\n02:03.456 --> 1:02:03.000\nNo hours, then one-digit hours\n")
    assert [(c.start, c.end) for c in vtt.cues] == [(Fraction(123456, 1000), Fraction(3723))]


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


def test_srt_positioning_codes_font_tags_and_line_breaks_are_removed() -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<font color=\"#ff0\">Up top</font>\n<i>and</i>   below\n"
    assert [c.text for c in parse_subtitles(srt).cues] == ["Up top and below"]


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
    assert len(parsed.warnings) == 1 and parsed.warnings[0].startswith("line 8: skipped cue ending before")


def test_one_broken_ass_event_is_skipped_and_named_not_the_whole_file(tmp_path: Path) -> None:
    broken = ASS.replace("Dialogue: 0,0:00:06.00", "Dialogue: 0,0:0x:06.00")
    sidecar = tmp_path / "film.ass"
    sidecar.write_text(broken)
    parsed = read_subtitle_file(sidecar)
    assert [c.text for c in parsed.cues] == ["Hello there"]
    assert len(parsed.warnings) == 2
    assert parsed.warnings[1].startswith("line 9: skipped cue 'Dialogue: 0,0:0x:06.00")
    assert "0:0x:06.00" in parsed.warnings[1]


def test_v4_ssa_with_marked_fields_is_read_as_ssa(tmp_path: Path) -> None:
    sidecar = tmp_path / "old.ssa"
    sidecar.write_text(
        "[Script Info]\nScriptType: v4.00\n\n[V4 Styles]\n"
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, BackColour, Bold, "
        "Italic, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, AlphaLevel, Encoding\n"
        "Style: Default,Arial,20,16777215,65535,65535,0,0,0,1,2,2,2,10,10,10,0,0\n\n[Events]\n"
        "Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        "Dialogue: Marked=0,0:00:02.00,0:00:03.50,Default,,0000,0000,0000,,Old {\\i1}style{\\i0}\n"
    )
    parsed = read_subtitle_file(sidecar)
    assert parsed.warnings == ()
    assert parsed.cues == (TimedText(Fraction(2), Fraction(7, 2), "Old style"),)


def test_srt_cues_without_a_blank_line_between_them_are_both_kept() -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,000\nFirst\n2\n00:00:03,000 --> 00:00:04,000\nSecond\n"
    parsed = parse_subtitles(srt)
    assert parsed.warnings == ()
    assert parsed.cues == (
        TimedText(Fraction(1), Fraction(2), "First"), TimedText(Fraction(3), Fraction(4), "Second"))


def test_a_webvtt_file_named_srt_is_read_as_webvtt(tmp_path: Path) -> None:
    misnamed = tmp_path / "film.srt"
    misnamed.write_text("WEBVTT\n\n00:01.250 --> 00:02.000\n<v Ann>Hours are optional here</v>\n")
    assert read_subtitle_file(misnamed).cues == (
        TimedText(Fraction(5, 4), Fraction(2), "Hours are optional here"),)


MICRODVD = "{24}{48}{y:i}Hello|world\n\n{abc}{60}no start frame\n{100}{90}backwards\n{120}{150}Bye\n"


def test_microdvd_frames_are_timed_with_the_video_frame_rate(tmp_path: Path) -> None:
    sidecar = tmp_path / "film.sub"
    sidecar.write_text(MICRODVD)
    parsed = read_subtitle_file(sidecar, fps=Fraction(24000, 1001))
    assert parsed.cues == (  # frame n at 23.976 fps starts n * 1001/24 ms, rounded to the millisecond
        TimedText(Fraction(1001, 1000), Fraction(2002, 1000), "Hello world"),
        TimedText(Fraction(5005, 1000), Fraction(6256, 1000), "Bye"),
    )
    assert [w.split(":")[0] for w in parsed.warnings] == ["line 3", "line 4"]
    assert "no start and end time in '{abc}{60}no start frame'" in parsed.warnings[0]
    assert "ending before it starts" in parsed.warnings[1]
    at_25 = read_subtitle_file(sidecar, fps=Fraction(25)).cues
    assert [(c.start, c.end) for c in at_25] == [(Fraction(24, 25), Fraction(48, 25)), (Fraction(24, 5), 6)]


def test_microdvd_declared_frame_rate_wins_and_none_at_all_is_an_error(tmp_path: Path) -> None:
    declared = tmp_path / "declared.sub"
    declared.write_text("{1}{1}25\n{50}{75}Two seconds in\n")
    assert read_subtitle_file(declared, fps=Fraction(30)).cues == (
        TimedText(Fraction(2), Fraction(3), "Two seconds in"),)
    undeclared = tmp_path / "undeclared.sub"
    undeclared.write_text("{50}{75}Two seconds in\n")
    with pytest.raises(SubtitleError, match="undeclared.sub: MicroDVD counts frames.*frame rate is unknown"):
        read_subtitle_file(undeclared)


def test_a_vobsub_picture_file_is_refused_clearly(tmp_path: Path) -> None:
    vobsub = tmp_path / "film.sub"
    vobsub.write_bytes(b"\x00\x00\x01\xba" + bytes(range(256)) * 8)  # an MPEG-PS pack header and binary
    with pytest.raises(SubtitleError, match="film.sub: no MicroDVD .*VobSub"):
        read_subtitle_file(vobsub, fps=Fraction(25))


def test_microdvd_sidecars_are_found_with_the_others(tmp_path: Path) -> None:
    video = tmp_path / "film.mkv"
    video.write_bytes(b"")
    for name in ("film.en.sub", "film.srt", "film.idx", "film.sub.txt"):
        (tmp_path / name).write_text(MICRODVD)
    assert [p.name for p in find_sidecars(video)] == ["film.srt", "film.en.sub"]
