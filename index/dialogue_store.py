"""Dialogue cues in the library's SQLite file, with an FTS5 full-text index and links to shots.

Word scores are BM25's inverse document frequency summed over the query terms a cue contains, divided
by the sum over all query terms: 1.0 means every word of the query is in the line, rare words weigh
more than common ones (and function words little), and the number means the same thing in a 10-cue
library as in a million-cue one (raw ``bm25()`` does not, so it only breaks ties). User text only ever
reaches FTS5 as quoted single tokens, so nothing a user types is read as query syntax.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from index.shot import Shot, fraction_from_str, fraction_to_str

CueSource = Literal["sidecar", "embedded", "asr"]
MAX_QUERY_TERMS = 32
# English function words (and contraction tails, which FTS5 splits off) weigh this much of their idf: in a
# small library "I" and "you" are not rare, and "I love you" must not match a line for sharing them.
FUNCTION_WORD_WEIGHT = 0.1
FUNCTION_WORDS = frozenset("""
a about above after again all am an and any are as at be because been before being below between both but
by can could did do does doing down during each few for from further had has have having he her here hers
him his how i if in into is it its just me more most my no nor not now of off on once only or other our
out over own same she should so some such than that the their them then there these they this those
through to too under until up very was we were what when where which while who whom why will with would
you your yours s t re ve ll d m don didn isn aren wasn weren won
""".split())
# The same for the other languages whose films are searched with words put into their language ("le train"
# must not match every French line with "le"); per language, since German "die" is an English word.
_OTHER_FUNCTION_WORDS = {
    "de": "der die das den dem des ein eine einen einem einer eines und oder aber ich du er sie es wir ihr "
          "mein meine dein deine sein seine ihre ist sind war nicht mit von zu zum zur im in am an auf für "
          "über um aus bei nach vor",
    "fr": "le la les l un une des du de d et ou mais je j tu il elle on nous vous ils elles est sont a ai ce "
          "c qu que qui ne n pas en au aux dans sur pour par avec mon ma mes ton ta tes son sa ses",
    "es": "el la los las un una unos unas de del y o pero yo tú él ella es son está en con por para que no "
          "mi mis tu tus su sus al lo se me te",
    "it": "il lo la i gli le l un una di del della dei delle e o ma io tu lui lei è sono in con per che non "
          "mi ti si a da al alla",
    "pt": "o a os as um uma de do da dos das e ou mas eu tu ele ela é são em no na com por para que não meu "
          "minha se",
    "nl": "de het een en of maar ik jij je hij zij ze wij we is zijn in op met voor van dat niet",
}
_FUNCTION_WORDS_BY_LANGUAGE = {
    language: frozenset(words.split()) for language, words in _OTHER_FUNCTION_WORDS.items()
}


def function_words(language: str | None) -> frozenset[str]:
    """The function words of lines in ``language`` (ISO 639-1); English's when it is unknown or English."""
    return _FUNCTION_WORDS_BY_LANGUAGE.get(language or "", FUNCTION_WORDS)


_TOKEN = re.compile(r"[^\W_]+")  # what FTS5's unicode61 tokenizer keeps: letters and digits

SCHEMA = """
CREATE TABLE IF NOT EXISTS dialogue_sources (
    video_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,       -- sidecar | embedded | asr
    origin TEXT NOT NULL,       -- sidecar path, stream number or ASR model
    signature TEXT NOT NULL,    -- changes when the source's content would change the cues
    language TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    indexed_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS dialogue_cues (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: it is also the cue's FAISS id
    video_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    start TEXT NOT NULL,
    end TEXT NOT NULL,
    start_s REAL NOT NULL,
    end_s REAL NOT NULL,
    text TEXT NOT NULL,
    source TEXT NOT NULL,
    UNIQUE (video_id, idx)
);
CREATE TABLE IF NOT EXISTS dialogue_cue_shots (
    cue_id INTEGER NOT NULL REFERENCES dialogue_cues(id) ON DELETE CASCADE,
    shot_index INTEGER NOT NULL,
    PRIMARY KEY (cue_id, shot_index)
);
CREATE VIRTUAL TABLE IF NOT EXISTS dialogue_fts USING fts5(
    text, content='dialogue_cues', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS dialogue_cues_ai AFTER INSERT ON dialogue_cues BEGIN
    INSERT INTO dialogue_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER IF NOT EXISTS dialogue_cues_ad AFTER DELETE ON dialogue_cues BEGIN
    INSERT INTO dialogue_fts(dialogue_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
"""


@dataclass(frozen=True)
class Cue:
    """One line of dialogue of a video, shown during ``[start, end)`` seconds (exact)."""

    video_id: str
    index: int
    start: Fraction
    end: Fraction
    text: str
    source: CueSource


@dataclass(frozen=True)
class SourceRecord:
    source: CueSource
    origin: str
    signature: str
    language: str | None
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class StoredCue:
    id: int
    cue: Cue
    shot_indices: tuple[int, ...]


def ensure_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def overlapping_shots(cue: Cue, shots: Sequence[Shot]) -> tuple[int, ...]:
    """Shots of the cue's video sharing any time with it: a line spoken across a cut links to both."""
    return tuple(
        s.index for s in shots if s.video_id == cue.video_id and s.start < cue.end and s.end > cue.start
    )


def source_record(conn: sqlite3.Connection, video_id: str) -> SourceRecord | None:
    row = conn.execute("SELECT * FROM dialogue_sources WHERE video_id = ?", (video_id,)).fetchone()
    if row is None:
        return None
    return SourceRecord(row["source"], row["origin"], row["signature"], row["language"],
                        tuple(json.loads(row["warnings"])))


def spoken_sources(conn: sqlite3.Connection, video_ids: Sequence[str]) -> dict[str, SourceRecord | None]:
    """The videos of ``video_ids`` (in order) that have lines stored, each with its source record."""
    out: dict[str, SourceRecord | None] = {}
    for vid in dict.fromkeys(video_ids):
        if conn.execute("SELECT 1 FROM dialogue_cues WHERE video_id = ? LIMIT 1", (vid,)).fetchone():
            out[vid] = source_record(conn, vid)
    return out


def replace_cues(
    conn: sqlite3.Connection, video_id: str, cues: Sequence[Cue], shots: Sequence[Shot], record: SourceRecord
) -> int:
    """Swap a video's cues in one transaction (readers see old or new, never half); returns links made."""
    with conn:
        conn.execute("DELETE FROM dialogue_cues WHERE video_id = ?", (video_id,))
        conn.executemany(
            "INSERT INTO dialogue_cues (video_id, idx, start, end, start_s, end_s, text, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(video_id, cue.index, fraction_to_str(cue.start), fraction_to_str(cue.end),
              float(cue.start), float(cue.end), cue.text, cue.source) for cue in cues],
        )
        conn.execute(
            "INSERT OR REPLACE INTO dialogue_sources (video_id, source, origin, signature, language, "
            "warnings, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (video_id, record.source, record.origin, record.signature, record.language,
             json.dumps(list(record.warnings)), time.time()),
        )
        return _link(conn, video_id, shots)


def relink_shots(conn: sqlite3.Connection, video_id: str, shots: Sequence[Shot]) -> int:
    """Re-link a video's cues to its current shots (shots may be re-detected; cues stay)."""
    with conn:
        return _link(conn, video_id, shots)


def _link(conn: sqlite3.Connection, video_id: str, shots: Sequence[Shot]) -> int:
    conn.execute(
        "DELETE FROM dialogue_cue_shots WHERE cue_id IN (SELECT id FROM dialogue_cues WHERE video_id = ?)",
        (video_id,),
    )
    rows = conn.execute("SELECT * FROM dialogue_cues WHERE video_id = ?", (video_id,)).fetchall()
    links = [(row["id"], i) for row in rows for i in overlapping_shots(_cue(row), shots)]
    conn.executemany("INSERT INTO dialogue_cue_shots (cue_id, shot_index) VALUES (?, ?)", links)
    return len(links)


def _cue(row: sqlite3.Row) -> Cue:
    return Cue(row["video_id"], row["idx"], fraction_from_str(row["start"]), fraction_from_str(row["end"]),
               row["text"], row["source"])


def cues_for(conn: sqlite3.Connection, video_id: str) -> list[Cue]:
    rows = conn.execute("SELECT * FROM dialogue_cues WHERE video_id = ? ORDER BY idx", (video_id,))
    return [_cue(r) for r in rows]


def stored_cues(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, StoredCue]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    links: dict[int, list[int]] = {}
    for row in conn.execute(
        f"SELECT cue_id, shot_index FROM dialogue_cue_shots WHERE cue_id IN ({marks}) ORDER BY shot_index",
        list(ids),
    ):
        links.setdefault(row["cue_id"], []).append(row["shot_index"])
    rows = conn.execute(f"SELECT * FROM dialogue_cues WHERE id IN ({marks})", list(ids))
    return {r["id"]: StoredCue(r["id"], _cue(r), tuple(links.get(r["id"], ()))) for r in rows}


def cue_ids(conn: sqlite3.Connection, video_ids: Sequence[str] | None = None) -> list[int]:
    if video_ids is None:
        return [r[0] for r in conn.execute("SELECT id FROM dialogue_cues")]
    marks = ",".join("?" * len(video_ids))
    return [r[0] for r in conn.execute(f"SELECT id FROM dialogue_cues WHERE video_id IN ({marks})",
                                       list(video_ids))]


def cue_texts(conn: sqlite3.Connection, ids: Sequence[int]) -> list[str]:
    """Texts in the order of ``ids``."""
    found = {i: c.cue.text for i, c in stored_cues(conn, ids).items()}
    return [found[i] for i in ids]


def query_terms(text: str) -> list[str]:
    """Distinct lower-cased word tokens, as FTS5 would split them."""
    seen: dict[str, None] = {}
    for token in _TOKEN.findall(text.lower()):
        seen.setdefault(token, None)
    return list(seen)[:MAX_QUERY_TERMS]


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def word_search(
    conn: sqlite3.Connection, text: str, video_ids: Sequence[str] | None = None, limit: int = 200,
    language: str | None = None,
) -> list[tuple[int, float]]:
    """``(cue id, word score in [0, 1])``, best first, for cues sharing at least one query word; the
    function words of the lines' ``language`` weigh little."""
    if _UNSPACED.search(text):
        return _unspaced_search(conn, text, video_ids, limit)
    terms = query_terms(text)
    minor = function_words(language)
    if not terms:
        return []
    total = conn.execute("SELECT count(*) FROM dialogue_cues").fetchone()[0]
    idf = {}
    for term in terms:
        df = conn.execute("SELECT count(*) FROM dialogue_fts WHERE dialogue_fts MATCH ?", (_phrase(term),))
        df = df.fetchone()[0]
        idf[term] = math.log(1 + (total - df + 0.5) / (df + 0.5))
        idf[term] *= FUNCTION_WORD_WEIGHT if term in minor else 1.0
    sql = ("SELECT c.id, bm25(dialogue_fts) AS rank FROM dialogue_fts JOIN dialogue_cues c "
           "ON c.id = dialogue_fts.rowid WHERE dialogue_fts MATCH ?")
    params: list = [" OR ".join(_phrase(t) for t in terms)]
    if video_ids is not None:
        sql += f" AND c.video_id IN ({','.join('?' * len(video_ids))})"
        params += list(video_ids)
    candidates = conn.execute(sql + " ORDER BY rank LIMIT ?", [*params, limit]).fetchall()
    if not candidates:
        return []
    ids = [r["id"] for r in candidates]
    marks = ",".join("?" * len(ids))
    weight = dict.fromkeys(ids, 0.0)
    for term in terms:
        for row in conn.execute(
            f"SELECT rowid FROM dialogue_fts WHERE dialogue_fts MATCH ? AND rowid IN ({marks})",
            [_phrase(term), *ids],
        ):
            weight[row[0]] += idf[term]
    norm = sum(idf.values())
    bm25 = {r["id"]: r["rank"] for r in candidates}
    scored = [(i, weight[i] / norm) for i in ids]
    scored.sort(key=lambda item: (-item[1], bm25[item[0]]))
    return scored


# Chinese and Japanese put no spaces between words, and FTS5's unicode61 tokenizer makes a whole run of
# them one token: "烟花" would only find a line that is exactly "烟花". Such queries are matched inside the
# text instead, by the usual two-character pieces (a one-character word as itself).
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def unspaced_terms(text: str) -> list[str]:
    """The pieces a query with Chinese or Japanese is matched by: two-character pieces of each run of those
    characters (a run of one or two as itself), and the other words as FTS5 would split them."""
    seen: dict[str, None] = {}
    for run in _UNSPACED.findall(text):
        for piece in [run] if len(run) <= 2 else [run[i:i + 2] for i in range(len(run) - 1)]:
            seen.setdefault(piece, None)
    for token in _TOKEN.findall(_UNSPACED.sub(" ", text).lower()):
        seen.setdefault(token, None)
    return list(seen)[:MAX_QUERY_TERMS]


def _unspaced_search(
    conn: sqlite3.Connection, text: str, video_ids: Sequence[str] | None, limit: int
) -> list[tuple[int, float]]:
    """``word_search`` for a query with Chinese or Japanese: each piece found inside a line's text, weighed
    by how rare it is among the lines searched, the line's score its pieces' share."""
    terms = unspaced_terms(text)
    if not terms:
        return []
    # Rarity within the films searched (the scan is of those films' lines only; FTS counts the library's).
    scope = f" WHERE video_id IN ({','.join('?' * len(video_ids))})" if video_ids is not None else ""
    lines = conn.execute(f"SELECT id, lower(text) FROM dialogue_cues{scope}", [*(video_ids or ())]).fetchall()
    idf: dict[str, float] = {}
    weight: dict[int, float] = {}
    for term in terms:
        having = [cue_id for cue_id, line in lines if term in line]
        idf[term] = math.log(1 + (len(lines) - len(having) + 0.5) / (len(having) + 0.5))
        for cue_id in having:
            weight[cue_id] = weight.get(cue_id, 0.0) + idf[term]
    norm = sum(idf.values()) or 1.0
    scored = sorted(((i, w / norm) for i, w in weight.items()), key=lambda item: (-item[1], item[0]))
    return scored[:limit]
