"""Which language a request is written in, and the chat's fixed phrases in that language.

The rules parser reads English only, so a request in another language must go to a language model (or
get an honest "offline I only read English") instead of becoming a CLIP query made of foreign words.
Detection is deliberately small: the writing system decides Chinese, Japanese and Korean; short
function words and accented letters decide the Latin-script languages. Quoted text is ignored, because
a quoted line of dialogue is in the film's language, not necessarily the user's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from assistant.prompt_files import load_examples

ENGLISH = "en"
UNDETERMINED = "und"  # ISO 639-2 "undetermined": too little evidence; the rules parser still tries it
MESSAGE_CATALOG = "chat_messages.jsonl"

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
CJK_LETTERS = f"{_HAN}{_KANA}{_HANGUL}"  # for a character class: Chinese, Japanese and Korean letters
CJK_CHAR = re.compile(f"[{CJK_LETTERS}]")
_DOUBLE = r"\"[^\"]*\"|“[^”]*”|„[^“”]*[“”]|«[^»]*»|「[^」]*」|『[^』]*』"
_DOUBLE_QUOTED = re.compile(_DOUBLE)
_QUOTED = re.compile(_DOUBLE + r"|‘[^’]*’|(?<!\w)'[^']*'(?!\w)")
_WORD = re.compile(r"[^\W\d_]+")

# Words that are common in requests of one language (and not English words), plus letters that only
# some languages use. English has its own list so that a name like "La Playa" in an English request
# does not outweigh the English around it.
_STOP_WORDS: dict[str, frozenset[str]] = {
    ENGLISH: frozenset(
        "the a an and only just of with without remove keep add make please scene scenes clip clips cut "
        "shorter longer where to it all more less from them me put at is on that this these those first "
        "last second show get rid drop trim seconds minutes faster slower speed title undo redo start end "
        "every each but then some no not out off up want like can you my fight fights shot shots part "
        "parts bit bits crossfade fade transition order story instead everything except i as by for so too "
        "half twice double long fast slow motion into over again back go let what which who why how do does "
        "did have has was were be are your our their his her she he they we its there here when after before "
        "between about around under until stop blur blurring unblur pixelate hide crop reframe vertical "
        "square".split()
    ),
    "de": frozenset(
        "der die das den dem des und nur ohne mit bitte mehr weniger nicht kein keine keinen alle allen "
        "ist sind ein eine einen einem schneller langsamer kürzer länger entferne entfernen behalte "
        "zeig zeige zeigen füge hinzu szene szenen clip clips wo wie sagt sagen auf aus zum zur vom "
        "rückgängig dann auch noch mach mache machen sekunden minuten unter ende anfang ich du er wir "
        "ihr mein meine dein deine sein seine titel überschrift kürze kürzen setze nimm lösche schneide "
        "bis im vom beim".split()
    ),
    "fr": frozenset(
        "le la les un une des du de et seulement sans avec plus moins pas ne que qui où ajoute ajouter "
        "garde garder enlève enlever supprime supprimer montre scène scènes rien tout tous toutes "
        "secondes minutes dit dire fin début puis aussi plus rapide lent fondu annule seconde minute mets "
        "fais est je tu nous vous ce mais pour dans sur au aux encore mon ma mes ton ta ses titre".split()
    ),
    "es": frozenset(
        "el la los las un una unos unas de del y solo sólo sin con más menos que donde dónde quita quitar "
        "elimina eliminar añade añadir agrega deja dejar mantén muestra escena escenas todo todos todas "
        "segundos minutos dice decir final principio luego también rápido lento deshaz por favor segundo "
        "minuto escena haz hazlo hazla pon ponle ponlo ponla quítale quítalo déjalo".split()
    ),
    "it": frozenset(
        "il i lo la gli le un una di del della dei delle e solo senza con più meno che dove togli aggiungi "
        "tieni mostra scena scene tutto tutti tutte secondi minuti dice poi anche veloce lento "
        # the verbs and words of an edit ("rendilo quadrato", "metti tutto in ordine", "taglia la fine")
        "rendi rendilo rendila fallo falla metti mettilo mettila taglia tagliare elimina rallenta velocizza "
        "quadrato verticale orizzontale nella nello negli alla allo agli sono dove parla parte parti "
        "primo prima ultimo ultima volte doppio metà fine inizio clip grazie".split()
    ),
    "pt": frozenset(
        "o os as um uma de do da dos das e só somente sem com mais menos que onde tira remove adiciona "
        "mantém mostra cena cenas tudo todos todas segundos minutos diz depois também rápido lento "
        # the words of an edit ("só as partes em que ...", "desfoca o rosto", "acelera o clipe 3")
        "em no na nos nas ao aos pelo pela está estão parte partes clipe clipes vídeo desfoca desfocar rosto "
        "rostos meu minha sou acelera deixa coloca põe corta cortar fala falando dobro metade vezes primeiro "
        "último quadrado vertical obrigado obrigada por favor".split()
    ),
    "nl": frozenset(
        "de het een en alleen zonder met meer minder niet geen waar verwijder voeg toe houd laat zien "
        "scène scènes alles seconden minuten zegt dan ook sneller langzamer kun kunt je jij omwisselen "
        "wisselen verplaats knip zet maak graag".split()
    ),
    # Below: languages the chat has no phrases for; knowing them sends the request to translation first
    # instead of the English rules (measured on requests_dev17: Polish, Swedish, Turkish, Hindi written in
    # Latin letters were "undetermined" or English, so the rules made a search of the words).
    "pl": frozenset(
        "usuń usun dodaj tylko bez się nie jest scenę sceny klip klipy klipu zostaw pokaż wszystko sekund "
        "minut szybciej wolniej tytuł drugi pierwszy ostatni ze psem proszę".split()
    ),
    "sv": frozenset(
        "ta bort lägg bara utan och det ett klipp klippet klippen scenerna scener behåll visa allt sekunder "
        "minuter snabbare långsammare titel andra första sista hunden gör alla mellan övertoningar".split()
    ),
    "tr": frozenset(
        "ve bir bu sadece olmadan ile daha sil ekle klibi klipleri klipler sahne sahneleri göster hepsi "
        "saniye dakika hızlı yavaş başlık ikinci olsun yap arasında kat videoyu ses sesi sesini kapat kapa "
        "tamamen".split()
    ),
    "id": frozenset(
        "hapus tambah hanya tanpa dengan yang ini itu adegan tampilkan semua detik menit lebih cepat lambat "
        "judul kedua pertama terakhir buat jadikan tolong".split()
    ),
    "hi": frozenset(  # Hindi written in Latin letters ("video ko 30 second ka kar do")
        "ko ka ki ke kar karo karna hai hain mein wala wale wali sirf aur nahi isko usko jaldi dheere thoda "
        "zyada hatao lagao dikhao rakho banao chahiye".split()
    ),
    "tl": frozenset(
        "ang ng mga sa tanggalin idagdag lang lamang pangalawang una huling ipakita gawin".split()
    ),
    "cs": frozenset(
        "smaž smazat odstraň přidej přidat jen jenom pouze klipy klipu záběr záběry scény "
        "nech ukaž všechno sekund minut rychleji pomaleji název druhý první poslední zruš udělej prosím "
        "zrychli zpomal zkrať ztlum vystřihni".split()
    ),
    "ro": frozenset(
        "șterge sterge adaugă adauga doar fără fara și clipul clipuri cadrele scenele arată "
        "secunde repede încet titlu doilea primul ultimul fă rog".split()
    ),
    "vi": frozenset("xóa thêm chỉ không với và của đoạn cảnh giây phút nhanh chậm tiêu đề thứ vào nhé "
                    "cho tôi bỏ cắt làm được này đi lại những các một cái trên".split()),
}
_LETTERS: dict[str, str] = {"de": "äöüß", "fr": "èêçàâîôûœëï", "es": "ñ¿¡áíóú", "it": "àèìòù", "pt": "ãõçâêô",
                            "pl": "ąćęłńśźż", "tr": "ğış", "sv": "å", "cs": "ěščřžůťďň", "ro": "șțşţ",
                            "vi": "ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"}
# Scripts that name their language well enough to answer in it (Cyrillic as Russian, the commonest).
_SCRIPTS = tuple((language, re.compile(f"[{letters}]")) for language, letters in (
    ("ar", "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"), ("ru", "\u0400-\u04ff"),
    ("hi", "\u0900-\u097f"), ("el", "\u0370-\u03ff"), ("he", "\u0590-\u05ff"), ("th", "\u0e00-\u0e7f"),
))
# ties go to the earlier; English first
_ORDER = (ENGLISH, "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "tr", "id", "hi", "tl", "vi", "cs", "ro")
# Cyrillic letters Russian does not use: the text is Ukrainian
_UKRAINIAN = re.compile("[іїєґІЇЄҐ]")


def _unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text)


def quoted_parts(text: str, *, single: bool = True) -> list[str]:
    """The text inside each pair of quotation marks, in any of the quote styles above, empty ones left out.

    ``single=False`` leaves out 'single' quotes: a translation's apostrophes and a model's habits make them
    unreliable marks of a title kept as written."""
    pattern = _QUOTED if single else _DOUBLE_QUOTED
    return [part for match in pattern.finditer(text) if (part := match.group()[1:-1].strip())]


def replace_quoted(text: str, parts: Iterable[str], *, single: bool = False) -> str:
    """``text`` with its quoted parts (as ``quoted_parts(text, single=single)`` finds them) replaced in turn
    by ``parts``, each in plain double quotes."""
    given = iter(parts)

    def put(match: re.Match[str]) -> str:
        return f'"{next(given)}"' if match.group()[1:-1].strip() else match.group()

    return (_QUOTED if single else _DOUBLE_QUOTED).sub(put, text)


def detect_language(text: str) -> str:
    """An ISO 639-1 code (``en``, ``de``, ``fr``, ``es``, ``it``, ``pt``, ``nl``, ``zh``, ``ja``, ``ko``), or
    ``und`` when nothing points anywhere (a bare noun such as "Drachen" or "crossfade")."""
    text = _unquoted(text)
    words = _WORD.findall(text)
    cjk = CJK_CHAR.findall(text)
    latin_words = [w for w in words if not CJK_CHAR.search(w)]
    if cjk and len(cjk) >= len(latin_words):
        if re.search(f"[{_KANA}]", text):
            return "ja"
        if re.search(f"[{_HANGUL}]", text):
            return "ko"
        return "zh"
    letters = [ch for ch in text if ch.isalpha()]
    for language, script in _SCRIPTS:
        # Arabic, Russian, Hindi...: no English word is written in these letters; without this they read as
        # "undetermined", and the English rules turned the whole request into one search for those words
        if letters and sum(bool(script.match(ch)) for ch in letters) * 2 >= len(letters):
            return "uk" if language == "ru" and _UKRAINIAN.search(text) else language
    scores = dict.fromkeys(_ORDER, 0)
    for written in latin_words:
        word = written.lower()
        named = written[0].isupper() and written is not latin_words[0]  # "stop blurring Tomás": a name's
        for language in _ORDER:  # letters say nothing of the request's language
            scores[language] += word in _STOP_WORDS[language]
            scores[language] += not named and any(ch in word for ch in _LETTERS.get(language, ""))
    best = max(_ORDER, key=lambda language: scores[language])  # max keeps the first of equal scores
    return best if scores[best] else UNDETERMINED


def reads_as_english(language: str) -> bool:
    """Whether the English rules parser may read a request of this detected language."""
    return language in (ENGLISH, UNDETERMINED)


@cache
def _catalog() -> dict[str, dict[str, str]]:
    """``prompts/chat_messages.jsonl``: one phrase per line, ``{"key": ..., "en": ..., "de": ...}``."""
    return {entry["key"]: entry for entry in load_examples(MESSAGE_CATALOG)}


def message(key: str, language: str = ENGLISH, **fields: object) -> str:
    """The phrase ``key`` in ``language`` (English when the catalog has no entry for it), filled in."""
    entry = _catalog()[key]
    return entry.get(language, entry[ENGLISH]).format(**fields)


def has_messages(language: str) -> bool:
    """Whether the catalog speaks ``language`` (a reply in English otherwise)."""
    return language in _catalog()["offline_english_only"]


def offline_english_only(language: str) -> str:
    """One line: offline only English is understood, in English and, when known, the user's language."""
    english = message("offline_english_only")
    if language == ENGLISH or not has_messages(language):
        return english
    return f"{english} / {message('offline_english_only', language)}"


# ISO 639-2 codes (bibliographic and terminology) that subtitle streams and files carry, as ISO 639-1.
_ISO639_2 = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it", "por": "pt",
    "nld": "nl", "dut": "nl", "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko", "rus": "ru", "pol": "pl",
    "swe": "sv", "dan": "da", "nor": "no", "nob": "no", "fin": "fi", "tur": "tr", "ara": "ar", "hin": "hi",
    "ces": "cs", "cze": "cs", "ell": "el", "gre": "el", "heb": "he", "hun": "hu", "ukr": "uk",
}
_ISO639_1 = re.compile(r"[a-z]{2}")
LANGUAGE_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "ru": "Russian", "pl": "Polish",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "tr": "Turkish", "ar": "Arabic",
    "hi": "Hindi", "cs": "Czech", "el": "Greek", "he": "Hebrew", "hu": "Hungarian", "uk": "Ukrainian",
    "ro": "Romanian", "id": "Indonesian", "tl": "Tagalog", "vi": "Vietnamese", "th": "Thai",
}


def language_code(tag: str | None) -> str | None:
    """An ISO 639-1 code for a subtitle's language tag ("en", "en-US", "eng", "ger", "pt_BR"), or None for
    no tag, "und" or a longer tag that names no language ("forced", "sdh")."""
    if not tag:
        return None
    base = re.split(r"[-_.]", tag.strip().lower())[0]
    if base in _ISO639_2:
        return _ISO639_2[base]
    return base if _ISO639_1.fullmatch(base) else None


def language_name(code: str) -> str:
    """"German" for "de"; the code itself for a language without a name here (a prompt still reads it)."""
    return LANGUAGE_NAMES.get(code, code)
