"""Requests for what the editor cannot do: music, narration, captions, colour, stabilising, watermarks,
choosing clips by their length, shuffling, playing backwards, cutting at a point inside the film, one fade
at an end, holding a part back from edits, blurring things other than faces, freeze frames, repeats, zooms,
and removing every clip.

Read as searches they would rewrite the cut ("add some upbeat music" adding scenes that match "music"),
so a clause that asks only for one of these gets a plain answer saying what cannot be done and what can.
A search that mentions the same words ("keep the bits where the band plays music", "only the darker
scenes") is no such request and is left to the other rules.
"""

from __future__ import annotations

import re

from assistant.planning.rules.volume import SOUND_WORDS

MAX_ANSWER = 300  # a plan's refusal holds no more
CAN_DO = ("I can choose, remove, reorder, trim and speed up or slow down clips, add transitions and a title, "
          "blur faces and reframe the picture.")

# "it", "this version", "the final cut" (with "please", "as an mp4" after it): the cut itself, which is saved
# or downloaded as it is, never a film to fetch
_THE_CUT_ITSELF = (r"(?:it|this|that|the\s+(?:cut|edit|video|result|final\s+(?:cut|version))|this\s+"
                   r"(?:version|cut|edit))(?:\s+(?:please|now|for\s+me|as\s+(?:an?\s+)?(?:mp4|video|file)))*$")

_ADJECTIVES = (r"(?:(?:some|a|an|the|my|nice|new|cool|upbeat|background|sad|happy|epic|chill|calm|relaxing|"
               r"dramatic|cheerful|funny|royalty[\s-]free|bit\s+of|little|proper|catchy|soft|quiet|loud|"
               r"energetic|fun|emotional|cinematic|lo-?fi|piano|guitar|drum|mellow|gentle|moody|jazzy|classical|acoustic|"
               r"orchestral|dreamy|lively|peaceful|romantic|retro|indie)\s+)*")
_SOUND = (r"(?:music|soundtrack|song|tune|score|backing\s+track|beat|voice\s*-?\s*over|narration|"
          r"sound\s+effects?|sfx)")
_LANGUAGE_NAMES = r"english|german|french|spanish|chinese|japanese|italian|portuguese|dutch|arabic|hindi"
_LANGUAGES = rf"(?:(?:{_LANGUAGE_NAMES})\s+)?"
_CAPTIONS = r"(?:subtitles|captions|closed\s+captions|stickers?|emojis?|text\s+overlays?|lower\s+thirds?)"
_ADD = r"(?:add|put|lay|play|stick|throw|include|use|set|overlay|give\s+it|slap|burn\s+in)"
_WHERE = (r"(?:\s+(?:(?:over|under|underneath|behind|on(?:\s+top\s+of)?|to|in|across|throughout)\s+"
          r"(?:it|this|that|them|the\s+(?:whole\s+)?(?:thing|video|cut|edit|clips|montage|film)|everything|"
          # "put english captions on the interview": on some of the clips, still text on the picture
          r"(?:the|clip|clips|his|her|their|my)\s+[\w'-]+(?:\s+[\w'-]+)?)|"
          r"underneath|under\s+it|behind\s+it|throughout))?")
# "... for grandma", "... in english"
_FOR_WHOM = (rf"(?:\s+(?:for\s+(?:my\s+|our\s+|the\s+)?[\w'-]+|in\s+(?:{_LANGUAGE_NAMES}|korean|\w+ish)|"
             # "add subtitles for all the dialogue"
             r"for\s+(?:all\s+)?(?:the\s+|of\s+the\s+)?(?:dialogue|speech|talking|lines|words|audio|speaking)))*")
_BY_LENGTH = (r"\b(?:clips?|shots?|scenes?|ones|bits|parts)\s+(?:that\s+(?:are|is)\s+|which\s+(?:are|is)\s+)?"
              r"(?:shorter|longer|less|more|under|over|below|above)\s+")
_VERB_OF_CHOICE = (r"\b(?:remove|drop|delete|cut|lose|keep|only|skip|get\s+rid\s+of|trim|shorten|ditch|bin|"
                   r"exclude)\b")
_LOOK = (r"(?:grainy|warm|warmer|cool|cooler|faded|washed\s+out|vintage|retro|moody|contrasty|saturated|"
         r"desaturated|sepia|golden|dreamy|hazy)")
# "make all the clips ...", "the shots are too ...": every clip at once (the lead; the answers below end it)
_EACH_CLIP = (r"^(?:(?:can|could)\s+(?:you|u|we)\s+|please\s+)?(?:(?:make|have)\s+(?:(?:all|each|every)\s+"
              r"(?:of\s+)?)?(?:the\s+)?(?:clips?|shots?|cuts?)\s+(?:a\s+(?:bit|little|lot)\s+|much\s+)?")
_CLIPS_ARE = (r"(?:the\s+|all\s+the\s+)?(?:clips|shots)\s+are\s+(?:all\s+)?"
              r"(?:a\s+bit\s+|way\s+|much\s+)?too\s+")
_HOW_MANY_SECONDS = ("How many seconds? Say e.g. \"cut the last 10 seconds\" or \"keep only the first 30 "
                     "seconds\" (the whole cut), or \"cut 5 seconds off the start of clip 1\".")
_UNSUPPORTED: tuple[tuple[re.Pattern[str], str], ...] = (
    # "alternate between Celia and Thom" (it kept the scenes of both matching "alternate between")
    (re.compile(r"^(?:(?:can|could)\s+(?:you|u|we)\s+)?(?:alternate|interleave|intercut|inter-cut|cut\s+back\s+and\s+"
                r"forth|switch\s+back\s+and\s+forth|go\s+back\s+and\s+forth)\s+(?:between\s+)?\S"),
     "I can't interleave two kinds of clips; I can put one before the other (\"the scenes with Celia before "
     "the scenes with Thom\") or order the cut by story."),
    # "give me three versions", "make me a couple of options": several cuts at once (it kept the matches for
    # "3 versions")
    (re.compile(r"^(?:(?:can|could)\s+(?:you|u)\s+)?(?:give|make|show|send|do)\s+(?:me\s+|us\s+)?(?:\d+|a\s+(?:few|"
                r"couple(?:\s+of)?)|several|multiple|two|three|four|five)\s+(?:different\s+|alternative\s+|"
                r"other\s+)?(?:versions|options|variations|variants|alternatives|cuts|edits|takes)\b"),
     "I make one cut at a time: each request makes a new version, and all are kept (\"what versions do I "
     "have?\", \"go back to version 2\")."),
    (re.compile(rf"^(?:{_ADD}\s+)?{_ADJECTIVES}{_SOUND}(?:\s+(?:track|in\s+the\s+background))?{_WHERE}"
                r"(?:\s+(?:to\s+it|please|pls))?$|"
                # "add a voiceover saying happy anniversary": new sound, whatever it says
                rf"^(?:{_ADD}\s+)?{_ADJECTIVES}(?:voice\s*-?\s*over|narration)\s+(?:saying|that\s+says|reading|of)\s+.+$"),
     "I can't add music, narration or sound effects; the sound of each clip is kept as it is."),
    (re.compile(rf"^(?:{_ADD}\s+){_ADJECTIVES}{_LANGUAGES}{_CAPTIONS}{_WHERE}{_FOR_WHOM}$|"
                # "put text on clip 3 saying 'best day ever'" (it had kept only the scenes where it is said)
                # "put subtitles on", "translate the dialogue to spanish" (guesses at searches for them)
                r"^(?:put|turn|switch)\s+(?:the\s+|some\s+)?(?:subtitles|captions|subs)\s+on$|"
                r"^(?:turn|switch)\s+on\s+(?:the\s+)?(?:subtitles|captions|subs)$|"
                r"^translate\s+(?:the\s+)?(?:dialogue|subtitles|captions|speech|words|lines|audio|talking)\b.*$|"
                rf"^(?:{_ADD}|write)\s+(?:some\s+|a\s+(?:little\s+)?)?(?:text|words?|caption|label|note|message)\s+"
                r"(?:on|over|onto|in|across)\s+(?:clip\s+\d+|the\s+(?:\w+\s+){0,2}(?:clip|shot|scene|bit))\b.*$"),
     "I can't add subtitles, captions or stickers; a title at the start is the only text I put on the "
     "picture."),
    # "give it a title card that says The End at the end": a closing title (it had titled the cut "The End at
    # the end", at its start); "put the title at the end" moves the one there is (answered below)
    (re.compile(r"^(?:(?:can|could)\s+(?:you|u|we)\s+|please\s+)?(?:add|put|give\s+it|stick|throw|have|show|"
                r"finish\s+(?:it\s+)?with|end\s+(?:it\s+)?(?:with|on))\s+(?:a\s+|an\s+|some\s+)?(?:title(?:\s+card)?|"
                r"end\s+card|closing\s+(?:title|card)|card|text|caption)\b"
                r"(?:(?!\b(?:and|fade|fades|crossfade|crossfades|then|plus|dissolve)\b)[^,;])*?"
                r"\bat\s+the\s+(?:very\s+)?end\b(?!\s+of\s+clip)|"
                r"^(?:add|put|give\s+it|stick|throw)\s+(?:a|an|some)?\s*(?:end|closing)\s+(?:title|card|credits?)\b|"
                r"^(?:finish|end)\s+(?:it\s+)?(?:with|on)\s+(?:a\s+)?(?:title(?:\s+card)?|card)\b"),
     "A title opens the cut; I can't put text at its end (\"title it The End\" puts one at the start)."),
    # "make the words 'Chapter 2' pop up at 1:30": text at a moment (it had kept only the lines saying
    # "Chapter 2" and cut the video to 90 seconds)
    (re.compile(r"^(?:make|have|let|put|show|add|get)\s+(?:the\s+|some\s+)?(?:words?|text|caption|label|message|"
                r"lettering)\b.*\b(?:pop\s+up|popping\s+up|appear|show\s+up|come\s+up|flash)\b"),
     "I can't put text on the picture at a chosen moment; a title at the start is the only text I put on the "
     "picture."),
    # "add a heart sticker over Priya", "put a crown emoji on the baby": a drawing on the picture
    (re.compile(rf"^(?:{_ADD}|draw|paste)\s+(?:a|an|some|the)?\s*(?:[\w-]+\s+){{0,2}}(?:stickers?|emojis?|gifs?|"
                r"doodles?|drawings?)\b(?!\s+(?:scenes?|clips?|shots?|bits?|parts?|footage|book|album|moments?))"
                r".*$"),
     "I can't add subtitles, captions or stickers; a title at the start is the only text I put on the "
     "picture."),
    # "add a picture-in-picture of the reaction cam", "split screen the two dances": two pictures at once
    (re.compile(r"\b(?:picture[\s-]*in[\s-]*picture|pip|split[\s-]*screens?|side[\s-]+by[\s-]+side\s+(?:view|video|"
                r"screens?)|green[\s-]*screen|chroma[\s-]*key)\b"),
     "I can't show two videos at once (picture-in-picture, split screen): the clips play one after another."),
    # "put her face on the other guy", "face swap them": a face pasted onto someone else (it had been offered
    # back as a search for those words)
    (re.compile(r"\b(?:put|paste|stick|swap|switch|replace|morph)\s+(?:\w+\s+){0,2}?faces?\s+(?:on|onto|with|for)\b|"
                r"\bface[\s-]?swap\w*|\bdeep[\s-]?fakes?\b"),
     "I can't swap or paste faces: everyone keeps their own face (I can blur faces, or leave people out)."),
    # "remove the subtitles", "turn off the captions": text burnt into the footage, or none at all (it had
    # searched the pictures for "subtitles")
    (re.compile(r"^(?:remove|delete|drop|lose|hide|get\s+rid\s+of|take\s+(?:out|off|away)|turn\s+off|switch\s+off|"
                r"disable|no)\s+(?:the\s+|all\s+(?:the\s+)?|any\s+)?(?:subtitles|subs|captions|closed\s+captions|"
                r"burnt[\s-]in\s+(?:subtitles|captions|text)|on[\s-]screen\s+text)"
                r"(?:\s+(?:please|pls|from\s+(?:it|the\s+(?:cut|video))))?$"),
     "I put no subtitles in the picture (an .srt goes beside an export if you choose it) and can't erase "
     "text that is in the footage."),
    (re.compile(r"^(?:make|turn|render|grade|colou?r[\s-]?grade)\s+(?:it|this|everything|the\s+"
                r"(?:whole\s+)?(?:video|cut|thing|edit|film)|the\s+[\w\s]{1,30}?)\s+(?:look\s+)?"
                r"(?:a\s+(?:bit|little|lot)\s+|much\s+|more\s+)?(?:bluer|warmer|cooler|brighter|darker|more\s+saturated|more\s+vivid|more\s+colou?rful|"
                r"black\s+and\s+white|b\s*&\s*w|sepia|gr[ae]yscale|monochrome|vintage|cinematic)\b.*$|"
                r"^(?:add|apply|put|use)\s+(?:a\s+|some\s+)?(?:\w+\s+)?(?:colou?r\s+)?(?:filter|lut|grade|colou?r\s+grading)"
                r"(?:\s+\w+){0,4}$|^colou?r[\s-]?(?:grade|correct)\b.*$|"
                # "teal and orange grade on everything", "a moody colour grade"
                r"^(?:an?\s+)?(?:[\w-]+\s+(?:and\s+|&\s+)?){0,3}(?:colou?r\s+)?(?:grade|grading|lut)"
                r"(?:\s+(?:on|for|across|over|to)\s+(?:everything|it\s+all|it|all(?:\s+of\s+it)?|the\s+[\w\s]{1,20}))?$|"
                # "more contrast", "less saturation" (it had added the matches for "contrast")
                r"^(?:(?:add|give\s+it|use)\s+)?(?:a\s+(?:bit|little|lot)\s+)?(?:more|less|higher|lower|extra|some)\s+"
                r"(?:contrast|saturation|brightness|exposure|colou?rs?|vibrance|warmth|sharpness|grain)"
                r"(?:\s+please)?$|"
                # "brighten the dark scenes", "make the colours pop" (it kept only the matches for
                # "brighten the dark")
                r"^(?:brighten|darken|lighten|saturate|desaturate|colou?r[\s-]?correct)\s+(?:up\s+)?(?:the\s+|all\s+the\s+|"
                r"it|this|everything|clip\s+\d+)\b.*$|^make\s+(?:the\s+)?colou?rs\s+(?:pop|brighter|more\s+vivid|"
                r"stand\s+out|richer|warmer|cooler|nicer)\b.*$"),
     "I can't change colours or add filters; every clip keeps the look it was shot with."),
    # "make it look like old film, grainy and warm": a look, not a search for "grainy and warm"
    (re.compile(r"^(?:make|turn|give)\s+(?:it|this|everything|the\s+(?:whole\s+)?(?:video|cut|thing|edit|film))\s+"
                r"(?:(?:look|feel)\s+(?:like\s+|more\s+)?(?:an?\s+)?|an?\s+)(?:old|vintage|retro|classic|super\s*8|8\s*mm|"
                r"16\s*mm|vhs|home\s+movie|film\s+stock|grainy|warm\w*|cool\w*|faded|washed\s+out)\b.*$|"
                r"^(?:add|put)\s+(?:some\s+|a\s+bit\s+of\s+)?(?:film\s+)?grain\b.*$|"
                # "..., grainy and warm": the look described after it
                rf"^(?:(?:and|but|kinda|a\s+bit|more|nice\s+and|really|all)\s+)*{_LOOK}(?:\s*(?:,|and|&)\s*{_LOOK})*$"),
     "I can't change the look or colour of the footage; every clip keeps the look it was shot with."),
    # "make grandpa say happy birthday to Lucy": words put in someone's mouth
    (re.compile(r"^(?:make|have|get)\s+(?!it\b|this\b|that\b|the\s+title\b)(?:my\s+|our\s+|the\s+)?[a-z][\w'-]*\s+"
                r"(?:(?:to\s+)?say|sing|tell|shout|whisper)\s+\S.*$"),
     "I can't make anyone say something they didn't; I can only use what is said in your videos (e.g. \"the "
     "part where grandpa says happy birthday\")."),
    (re.compile(r"\b(?:stabili[sz](?:e|ed|ing|ation)|de-?shake|steady\s+(?:it|the\s+(?:footage|shots?|video)))\b"),
     "I can't stabilise footage; I can remove the shaky shots (e.g. \"remove the shaky bits\")."),
    # "remove all clips shorter than 2 seconds": read as a trim it would cut seconds off every clip
    # ("cut the scenes over 3 seconds down to 3" is a cap on every clip, reworded before this is asked)
    (re.compile(rf"^.*?(?:\b(?:remove|drop|delete|cut|lose|keep|only|skip|get\s+rid\s+of|trim|shorten|"
                rf"exclude|ditch|bin)\b.*?{_BY_LENGTH}(?:than\s+)?(?:about\s+)?\d|{_BY_LENGTH}than\s+(?:about\s+)?\d)"),
     "I can't pick clips by their length; remove them by number (e.g. \"remove clips 2 and 5\") or set a "
     "length for the whole cut (e.g. \"make it 60 seconds\")."),
    # "drop anything under 2 seconds": the clips by their length too (it had removed the matches for "under"
    # and cut the whole cut to 2 s); "keep everything under 2 minutes" is a length for the cut, not this
    (re.compile(r"\b(?:remove|drop|delete|lose|skip|get\s+rid\s+of|exclude|ditch|bin|cut\s+out|toss)\s+"
                r"(?:anything|everything|whatever(?:'s|\s+is)?)\s+(?:that(?:'s|\s+is)\s+|which\s+is\s+)?"
                r"(?:shorter|longer|less|more|under|over|below|above)\s+(?:than\s+)?(?:about\s+)?\d"),
     "I can't pick clips by their length; remove them by number (e.g. \"remove clips 2 and 5\") or set a "
     "length for the whole cut (e.g. \"make it 60 seconds\")."),
    # "fade the music out at the end": the sound alone (the cut's fades take picture and sound together)
    (re.compile(r"\bfade\s+(?:out\s+|in\s+|down\s+|up\s+)?(?:the\s+|all\s+the\s+)?(?:music|sound|audio|song|soundtrack|"
                r"volume|noise)\b|\b(?:music|sound|audio|song|soundtrack|volume)\s+(?:to\s+)?fades?\b"),
     "I can't fade the sound alone; \"fade out at the end\" fades the picture and the sound together."),
    (re.compile(r"\b(?:blur|pixelate|hide|mask|censor|cover)\s+(?:out\s+)?(?:the\s+|any\s+|all\s+(?:the\s+)?|my\s+|"
                r"our\s+|his\s+|her\s+|their\s+)?(?:car\s+|house\s+)?(?:number\s*plates?|licen[cs]e\s+plates?|"
                r"reg(?:istration)?\s+plates?|screens?|phone\s+screens?|logos?|brands?|signs?|street\s+signs?|text|"
                r"addresses?|house\s+numbers?|documents?|tattoos?|names?\s+tags?|badges?)\b"),
     "I can blur faces only (everyone's, or by name); number plates, screens, signs and other things can't "
     "be blurred."),
    (re.compile(r"\bfreeze(?:[\s-]?frames?)?\b|\bhold\s+(?:on\s+)?(?:the\s+)?(?:last|first|final|end)\s+frame\b|"
                r"\bstill\s+frame\b"),
     "I can't freeze or hold a frame; each clip plays as it was shot (I can slow it down, e.g. \"slow clip "
     "3 to half speed\")."),
    # "duplicate clip 1", "copy the goal": a second copy of a moment, which a cut does not hold
    (re.compile(r"^(?:(?:and|then|also)\s+)?(?:loop|repeat|replay|rewind|duplicate|clone)\b|"
                r"^(?:copy|double\s+up)\s+(?:clip\s+\d+|the\s+(?:first|last|\w+)\s+(?:clip|shot|one))$|"
                r"^(?:play|show|have|see|put\s+in|include|use)\s+.+?\s+(?:twice|again|two\s+times|three\s+times|"
                r"on\s+(?:a\s+)?loop)$|"
                r"\binstant\s+replay\b"),
     "I can't repeat a moment; each part of the films plays once in the cut (I can slow it down or move "
     "it)."),
    (re.compile(r"\bzoom(?:ing)?\s+(?:in|out|into)\b|\bken\s+burns\b|\bpan\s+(?:across|over|along)\b|"
                r"\bpush\s+in\s+on\b|"
                # "add slow zoom" (it added the matches for "slow zoom")
                r"^(?:add|put|use|do|give\s+it)\s+(?:a\s+|some\s+)?(?:slow\s+|gentle\s+|subtle\s+|little\s+|quick\s+)?"
                r"(?:zooms?|pans?)(?:\s+(?:effects?|on\s+(?:it|everything|the\s+\w+)))?$"),
     "I can't zoom or pan inside a shot; I can reframe the whole cut to 9:16, 1:1 or 4:5."),
    # "save it as a gif", "render it in 720p", "export just the audio": the file's format (they were searches
    # for "export just the audio" or no answer at all)
    (re.compile(r"^(?:make|create|export|give\s+me)\s+(?:me\s+)?an?\s+(?:animated\s+)?gif\b.*$|"
                r"^(?:save|export|render|make|turn|convert|download|give\s+me)\s+(?:it|this|the\s+(?:cut|video))?\s*"
                r"(?:as|to|into|in)\s+(?:an?\s+)?(?:gif|webm|mkv|avi|mp3|wav|m4a|audio(?:\s+file)?|animated\s+gif|"
                r"\d{3,4}\s*p|4k|hd|full\s+hd|\d{2,3}\s*fps)\b.*$|^(?:export|render|save|download)\s+(?:just\s+|only\s+)?the\s+"
                r"(?:audio|sound|soundtrack)(?:\s+(?:track|only))?$|^(?:export|render)\s+(?:it\s+)?at\s+(?:\d{2,3}\s*fps|\d{3,4}"
                r"\s*p|4k)$|^(?:compress|shrink)\s+(?:it|the\s+(?:file|video))$|^make\s+the\s+(?:file|video\s+file)\s+"
                r"(?:smaller|lighter|bigger)$"),
     "The render is an MP4 with its dialogue as an .srt; I can't choose another format, size, frame rate or "
     "file size, or export the sound alone (\"export it\" says how)."),
    # "follow Celia", "center on Thom", "crop to her face": whom the crop follows (they were searches for
    # "follow" / "center" with that person, which replaced the cut)
    (re.compile(r"^(?:follow|track|centr?e(?:r)?\s+on|keep\s+(?:the\s+(?:crop|frame|camera)\s+)?(?:centr?e(?:r)?ed|"
                r"focused)\s+on|focus\s+(?:the\s+(?:crop|frame)\s+)?on|crop\s+(?:in\s+)?(?:to|on|around))\s+"
                r"(?:[\w'-]+(?:'s)?)"
                r"(?:\s+(?:face|head))?(?:\s+(?:in\s+the\s+(?:crop|frame)|please))?$"),
     "I can't choose whom the crop follows: a vertical, square or 4:5 reframe (\"make it vertical\") keeps "
     "the main people in frame by itself."),
    # "make the title bigger", "put the title at the end": the title's look or place (they became titles
    # reading "bigger" and "at the end")
    (re.compile(r"^(?:make|set|change|put|move|show|place|turn)\s+(?:the\s+)?title(?:\s+card)?\s+(?:bigger|smaller|"
                r"larger|(?:in\s+)?(?:red|white|black|blue|yellow|green|pink|gold|orange|purple|grey|gray)|bold|italic|"
                r"at\s+the\s+(?:end|bottom|top)|to\s+the\s+(?:end|bottom|top)|"
                r"last|in\s+(?:a\s+)?(?:different\s+)?(?:font|colou?r)|(?:a\s+)?(?:different\s+)?(?:font|colou?r|size))"
                r"(?:\s+please)?$|^(?:change|pick|use)\s+(?:the\s+)?(?:title(?:'s)?\s+)?(?:font|colou?r|size)\b.*$|"
                # "the title is too long" (it had become a title reading "is too long")
                r"^(?:the\s+)?title(?:\s+card)?(?:\s+is|'s)\s+(?:(?:way|a\s+bit|kinda|much|far)\s+)?(?:too\s+)?(?:long|short|"
                r"big|small|quick|fast|slow|tiny|huge)$|"
                # "make the title appear slowly" (it had been a title reading "appear slowly")
                r"^(?:make|have|let|get)\s+(?:the\s+)?title(?:\s+card)?\s+(?:appear|come\s+in|pop\s+up|"
                r"pop\s+in|slide\s+in|zoom\s+in|show\s+up|animate)\b.*$"),
     "I can't change how the title looks or where it goes; it opens the cut as a plain card (change its "
     "words: \"title it 'Bridge'\", or take it off: \"remove the title\")."),
    # "don't touch the first clip", "leave the intro alone": a part held back from later edits
    (re.compile(r"^(?:(?:and|but|just|please)\s+)?(?:don'?t|do\s+not|never)\s+(?:touch|change|edit|mess\s+with|alter)\s+"
                r"(?!anything\b|everything\b|it\b|a\s+thing\b|that\b|this\b)\S|"
                r"^(?:(?:and|but|just|please)\s+)?leave\s+(?!it\b|everything\b|that\b|this\b|things\b).+?\s+(?:alone|as\s+(?:it\s+is|is|they\s+are)|untouched)$"),
     "I can't hold part of the cut back from later edits; each request changes only what it names, and "
     "\"undo\" takes back the last change."),
    # "delete the really short clips": clips picked by how long they are, said without a number
    # ("the long shots of the sea" are wide shots: "long" counts only with "very", "really", ...)
    (re.compile(rf"{_VERB_OF_CHOICE}.*?\b(?:(?:very|really|super|too|extra)\s+(?:short|long|tiny|brief|quick)|short|"
                r"tiny|brief)\s+(?:clips|shots|scenes|ones|bits)\b"),
     "I can't pick clips by their length; remove them by number (e.g. \"remove clips 2 and 5\") or set a "
     "length for the whole cut (e.g. \"make it 60 seconds\")."),
    (re.compile(rf"{_VERB_OF_CHOICE}.*?\b(?:duplicates?|duplicated\s+(?:clips|shots|bits)|repeated\s+(?:clips|shots|"
                r"bits|scenes)|doubles)\b|"
                # "remove the shots that look the same" (it had searched the pictures for "same")
                rf"{_VERB_OF_CHOICE}.*?\b(?:that|which)\s+(?:look|looks|are)\s+(?:the\s+same|alike|identical|almost\s+"
                r"identical)\b"),
     "I can't find duplicate clips; remove one of each pair by number (e.g. \"clips 7 and 8 are the same, "
     "delete 8\")."),
    # "drop every other clip" (it had kept only the matches for "drop every other")
    (re.compile(r"\b(?:every\s+(?:other|second|alternate)|alternate|alternating|(?:all\s+the\s+)?(?:odd|even)"
                r"(?:-numbered)?)\s+(?:clips?|shots?|scenes?|ones?)\b"),
     "I can't pick every other clip; name them by number (e.g. \"remove clips 2, 4 and 6\")."),
    (re.compile(r"\b(?:shuffle|randomi[sz]e|jumble|scramble)\b|\bmix\s+(?:up\s+)?(?:the\s+)?(?:order|clips|shots|scenes)\b|"
                r"\b(?:random|any)\s+order\b"),
     "I can't shuffle clips at random; I can order them by story, best first or in reverse "
     "(\"reverse the order\"), or move one (\"put clip 3 first\")."),
    (re.compile(r"\b(?:backwards?|in\s+reverse)\b(?!.*\border\b)(?!.*\b(?:newest|latest|most\s+recent|(?:last|final)\s+"
                r"(?:day|days|night|week|event|events|stop|leg))(?:\s+\w+)?\s+first\b)"),
     "I can't play clips backwards; \"reverse the order\" plays the clips in the opposite order."),
    # "cut the first few seconds": time off an end of the whole cut by no amount (with one, ``cut_ends``; they
    # were clip numbers 1-10 "matching seconds"); "the first 2 seconds of clip 3" is a trim, left to the trims
    (re.compile(r"^(?!.*\b(?:clips?|shots?)\s+#?\d)(?!.*\b(?:first|second|third|fourth|fifth|last|final|\d+(?:st|nd|rd|th))"
                r"\s+(?:clip|shot)\b).*?"
                r"\b(?:remove|drop|delete|cut|lose|skip|get\s+rid\s+of|ditch|bin|trim|chop|shave|keep|only|"
                r"just)\b.*?\b(?:the\s+)?(?:first|last|final|opening|closing|initial)\s+(?:\d+(?:\.\d+)?\s*|few\s+|couple\s+(?:of\s+)?)?"
                r"(?:seconds?|secs?|minutes?|mins?)\b(?!\s+(?:of|off|from)\s+(?:clip|each|every|all|both|"
                r"the\s+(?:[\w-]+\s+)?(?:clips?|shots?|scenes?|ones?)|#?\d))"),
     _HOW_MANY_SECONDS),
    # "cut the end off", "chop off the beginning", "trim the ending": an end of the whole cut, by no amount
    # (it removed the matches for "end off")
    (re.compile(r"^(?:(?:can|could)\s+(?:you|u|we)\s+|please\s+)?(?:(?:cut|chop|trim|lop|snip|shave)\s+(?:the\s+)?"
                r"(?:very\s+)?(?:end|ending|start|beginning)\s+off|(?:cut|chop|lop|snip)\s+off\s+(?:the\s+)?(?:very\s+)?"
                r"(?:end|ending|start|beginning)|(?:trim|chop)\s+(?:the\s+)?(?:end|ending|start|beginning))"
                r"(?:\s+(?:a\s+bit|a\s+little))?(?:\s+please)?$"),
     _HOW_MANY_SECONDS),
    # "remove everything after the speech", "keep the first half": a cut at a point inside the film
    (re.compile(r"\b(?:remove|drop|delete|cut|lose|keep|only|skip|get\s+rid\s+of|ditch|bin|trim|leave\s+out|"
                r"take\s+out)\b.*?"
                r"\b(?:everything|anything|all|the\s+rest|whatever(?:\s+comes)?|the\s+(?:bits?|parts?|stuff))\s+"
                r"(?:after|before|until|till|up\s+to|since|following|preceding)\s+\w|"
                # (not "crossfades only in the second half": the transitions at the cuts there)
                r"^(?!.*\b(?:cross[\s-]?fades?|dissolves?|fades?|transitions?|wipes?)\b).*?"
                r"\b(?:remove|drop|delete|cut|lose|keep|only|skip|get\s+rid\s+of|ditch|bin)\b.*?"
                r"\b(?:first|second|last|latter|other|middle)\s+(?:half|third|quarter)\b|"
                # ("start 3 seconds in", "end it at the 40 second mark" are the cut's ends: ``cut_ends``)
                r"^(?:the\s+)?(?:first|opening|middle|last|final)\s+"
                r"(?:half|third|quarter)(?:\s+only)?$|"
                # "take the boring middle bit out", "cut the middle": a stretch by position (it had searched
                # for a picture of a "middle")
                r"^(?:remove|drop|delete|cut|lose|skip|ditch|bin|trim|take|leave\s+out|get\s+rid\s+of)\s+"
                r"(?:out\s+)?the\s+(?:[\w-]+\s+)?middle(?:\s+(?:bit|bits|part|parts|section|portion|stretch|"
                r"chunk))?(?:\s+out)?$"),
     "I can't cut at a point inside the film or keep part of it by position; remove scenes (e.g. "
     "\"remove the speech\") or clips by number instead."),
    # "cut from 1:00 to 1:30": a stretch out of the middle of the cut (it removed the matches for "from" and
    # set two lengths)
    (re.compile(r"^(?:cut|remove|delete|drop|lose|skip|take\s+out)\s+(?:out\s+)?"
                r"(?:the\s+(?:part|bit|section|stretch)\s+)?(?:from|between)\s+\d{1,3}:[0-5]\d\s+(?:and|to|till|until|-)\s+\d{1,3}:[0-5]\d$"),
     "I can't cut a stretch from the middle by time; I can trim either end (\"lose the first 20 seconds\") "
     "or keep one stretch (\"only 0:20 to 0:50\")."),
    # "make the teacher's voice louder", "turn the volume down on clip 2", "mute the wind"
    (re.compile(rf"\b(?:speech|{SOUND_WORDS})\s+(?:a\s+(?:bit|lot|little)\s+)?"
                r"(?:louder|quieter|softer|clearer|up|down|(?:twice|three\s+times|half)\s+as\s+(?:loud|quiet))\b|"
                r"\b(?:turn|crank|bump)\s+(?:up|down)\s+the\s+"
                r"(?:volume|sound|audio)\b|\b(?:turn|crank|bump)\s+the\s+(?:volume|sound|audio)\s+(?:up|down)\b|"
                r"^(?:mute|unmute)\b|\b(?:music|sound|audio|volume|voices?)\s+(?:is|are)\s+(?:way\s+|far\s+|a\s+bit\s+)?"
                r"too\s+(?:loud|quiet|soft)\b|\b(?:boost|normali[sz]e|lower|raise)\s+the\s+(?:audio|volume|sound)\b|"
                r"\b(?:turn|crank|bump|tone)\s+(?:up|down)\s+(?:the\s+)?(?:\w+\s+)?(?:noise|music|voices?|wind|hum|"
                r"hiss|traffic|talking|chatter|song|birds?|crowd)\b|"
                # "the dog's barking is too loud": one sound (whole clips by number are ``volume``'s)
                r"\b(?:is|are|'s)\s+(?:way\s+|far\s+|much\s+|a\s+bit\s+)?too\s+(?:loud|noisy)\b|"
                # "no sound please", "without audio", "a silent version", "kill the audio": read as a search
                # they removed the scenes matching "sound"
                r"^(?:(?:make\s+it|i\s+want\s+it|(?:i\s+want\s+|give\s+me\s+|make\s+)?a\s+version)\s+)?(?:with\s+)?"
                r"(?:no|without(?:\s+any)?|zero)\s+(?:sound|audio|volume)(?:\s+at\s+all)?$|"
                r"^(?:make\s+(?:it|the\s+(?:cut|video|whole\s+thing))\s+silent|(?:a|the)\s+silent\s+version|"
                r"(?:kill|cut|remove|drop|lose|strip(?:\s+out)?|turn\s+off|switch\s+off|get\s+rid\s+of|take\s+out)\s+"
                r"(?:the\s+|all\s+(?:the\s+)?)?(?:sound|audio|volume|soundtrack)(?:\s+(?:track|completely|entirely|"
                r"altogether))?|(?:sound|audio)\s+off)$|"
                # "no music in the last clip please", "without the soundtrack on clip 2": the music in them,
                # which cannot be picked out (they removed the clips matching "music in the last")
                r"^(?:(?:i\s+want\s+|give\s+me\s+|make\s+)?a\s+version\s+)?(?:with\s+)?(?:no|without)\s+"
                r"(?:any\s+|the\s+)?(?:background\s+)?(?:music|soundtrack|songs?|score)\b"
                r"(?!\s+(?:videos?|scenes?|clips?|shots?|parts?|bits?|stand|room|class|lessons?|teachers?)\b)|"
                # "kill the music in clip 2", "get rid of the music": it removed the scenes matching "music"
                r"^(?:(?:can|could)\s+(?:you|u|we)\s+)?(?:kill|cut|remove|drop|lose|strip(?:\s+out)?|turn\s+off|"
                r"switch\s+off|get\s+rid\s+of|take\s+out|silence)\s+(?:the\s+|all\s+(?:the\s+)?)?"
                r"(?:background\s+)?(?:music|soundtrack)\b"
                r"(?!\s+(?:videos?|scenes?|clips?|shots?|parts?|bits?|stand|room|class|lessons?|teachers?)\b)"),
     "I can change the sound of whole clips or of the cut (\"mute clip 3\", \"make it quieter\"), but not "
     "pick out one sound in them (voices, music, wind)."),
    # "who's that woman at the back? find out her name": naming or tracing strangers
    (re.compile(r"(?:\bfind\s+|^)out\s+(?:who\s+(?:she|he|they|that)|(?:her|his|their)\s+(?:name|address|number))\b|"
                r"\b(?:identify|look\s+up|search\s+for)\s+(?:the\s+|that\s+|this\s+)?(?:woman|man|person|"
                r"guy|girl|stranger|people|faces?)\b"),
     "I don't identify people who aren't in your cast list; name someone yourself with \"number 3 is Ana\"."),
    # "upload it to youtube when you're done", "post this on insta": nothing leaves this machine by itself
    (re.compile(r"^(?:(?:and|then|also)\s+)?(?:upload|post|publish|put|stick|send|share)\s+(?:it|this|that|the\s+(?:video|cut|edit|"
                r"film|thing))\s+(?:up\s+)?(?:to|on|onto|in)\s+(?:my\s+|our\s+|the\s+|her\s+|his\s+)?(?:youtube|yt|"
                r"instagram|insta|ig|tiktok|tik\s+tok|facebook|fb|twitter|x|vimeo|snapchat|reddit|linkedin|"
                r"the\s+(?:internet|web)|online|channel|account|page|feed|story|stories)\b.*$|"
                r"^(?:upload|post|publish)\s+(?:it|this|that)(?:\s+(?:online|somewhere))?(?:\s+(?:when|once|after)\b.*)?$"),
     "I can't upload or post it anywhere: \"Share this version\" makes a link to it, and \"Download\" (or "
     "`personalcut render`) saves the video file for you to upload."),
    # "add some text": text on the picture with nothing said for it
    # "can you add a title?": a title with nothing said for it (it had added the matches for "title")
    (re.compile(r"^(?:(?:can|could)\s+(?:you|we|u)\s+)?(?:add|put|stick|i\s+want|i'?d\s+like)\s+(?:some\s+|a\s+bit\s+"
                r"of\s+)?(?:text|words|writing|(?:a\s+|the\s+)?title(?:\s+card)?)"
                r"(?:\s+(?:on|to)\s+(?:it|the\s+(?:video|screen|start|picture|cut)))?(?:\s+(?:please|pls))?$"),
     "What should it say? A title at the start is the only text I put on the picture: say e.g. \"add a "
     "title saying Summer 2024\"."),
    (re.compile(r"\b(?:remove|get\s+rid\s+of|take\s+off|erase|hide|crop\s+out|blur\s+out)\s+(?:the\s+|that\s+|this\s+)?"
                r"(?:watermarks?|logos?|copyright\s+notices?)\b"),
     "I can't remove watermarks or logos from the picture."),
    # "add our logo in the corner" (it added the matches for "logo in the corner")
    (re.compile(r"^(?:add|put|stick|place|overlay|show)\s+(?:our\s+|my\s+|a\s+|the\s+|his\s+|her\s+|their\s+)?"
                r"(?:company\s+|brand\s+|channel\s+|team\s+|club\s+)?(?:logo|watermark)s?\b(?!\s+(?:scenes?|shots?|clips?))"),
     "I can't put a logo or watermark on the picture; a title at the start is the only thing I put on it."),
    # "make the middle part faster": read as a speed for clips matching "middle"; the plan language has spans
    # of the cut from its ends only ("the second half", "the last 10 seconds": ``ClipSpan``)
    (re.compile(r"^(?!.*\btoo\s+(?:slow|fast|quick|long|short)\b)"  # a complaint alone is asked about
                r"(?!.*\bfade)"  # "a slow fade out at the end": the fade's pace (``end_fades``)
                r"(?=.*\b(?:speed|faster|slower|slow|quicker|quick|fast|pace|tempo)\b)(?=.*\b(?:(?:middle|other)\s+"
                r"(?:half|third|quarter|part|bit|section)|(?:first|second|last|final)\s+(?:part|bit|section)|"
                r"second\s+(?:third|quarter)|the\s+(?:end|ending|beginning|start|middle))\b)(?!.*\b(?:clips?|shots?|scenes?|ones?)\b)|"
                # "speed up the middle clips": clips chosen for "middle" before
                r"^(?!.*\bfade)(?=.*\b(?:speed|faster|slower|slow|quicker|quick|fast|pace|tempo)\b).*\bthe\s+middle\s+"
                r"(?:clips?|shots?|scenes?|ones?|bits?|parts?)\b"),
     "I can't tell where that stretch begins and ends; say an end (\"slow down the last 10 seconds\", \"the "
     "second half faster\") or clips (\"speed up clips 5 to 9\")."),
    # "louder at the end", "a bit quieter towards the end": which stretch is not said (it had moved the clips
    # matching "louder" to the end)
    (re.compile(r"^(?!.*\bfade)(?=.*\b(?:louder|quieter|softer|volume|loud|quiet)\b)"
                r"(?=.*\bthe\s+(?:very\s+)?(?:end|beginning|start|middle)\b)"  # ("the ending": the last clip)
                r"(?!.*\b(?:clips?|shots?|scenes?|ones?|seconds?|secs?|minutes?|mins?|half|third|quarter)\b)"),
     "I can't tell where that stretch begins and ends; say an end (\"louder for the last 10 seconds\") or "
     "clips (\"make clips 5 to 9 louder\")."),
    # "cut it to the beat": kept the matches for "beat" (part 41)
    (re.compile(r"\b(?:cut|edit|sync|time|match)\s+(?:it\s+|the\s+(?:clips|cuts|video|edit)\s+|everything\s+)?(?:to|with)\s+"
                r"(?:the\s+)?(?:beat|beats|music|rhythm|song|tempo|bpm|soundtrack)\b|\bon\s+the\s+beats?\b|"
                r"\bbeat[\s-]?(?:sync|match)"),
     "I can't time cuts to music: clips keep their own sound, and cuts fall where you choose or where the "
     "shots change."),
    # "download the new dune trailer and cut it in": footage from outside the library (it searched the
    # library for "download the new dune trailer")
    (re.compile(rf"^download\s+(?!{_THE_CUT_ITSELF})\S"),  # ("download the final cut": answered below)
     "I can only cut from the videos in your library, not fetch any: upload the video first (the upload "
     "box, or `personalcut ingest FILE`)."),
    # "cut clip 6 down to the bit where he jumps": a moment inside one clip found by what happens (it removed
    # everything matching "clip 6 down to the bit where he jumps")
    (re.compile(r"^(?:cut|trim|chop|shorten|crop|narrow)\s+(?:clip\s+\d+|the\s+(?:\w+\s+){0,2}(?:clip|shot|one))\s+"
                r"(?:down\s+)?to\s+(?:just\s+|only\s+)?(?:the\s+)?(?:bit|part|moment|section|bits|parts)\s+"
                r"(?:where|when|with|of)\b"),
     "I can't cut a clip down to a moment in it by what happens; say how long (\"cut clip 6 to 3 seconds\") "
     "or where it starts (\"start clip 6 2 seconds later\")."),
    # "shorter clips", "make all the clips shorter", "the shots are too long": every clip, by no amount (it
    # kept only the matches for "shorter")
    (re.compile(rf"{_EACH_CLIP}shorter|(?:much\s+|a\s+bit\s+)?(?:shorter|quicker|snappier)\s+(?:clips|shots|cuts)|"
                rf"{_CLIPS_ARE}long)(?:\s+please)?$"),
     "How much shorter should each clip be? Say e.g. \"trim every clip to 2 seconds\" or \"trim a second "
     "off the end of each clip\"."),
    (re.compile(rf"{_EACH_CLIP}longer|(?:much\s+|a\s+bit\s+)?longer\s+(?:clips|shots)|{_CLIPS_ARE}short)"
                r"(?:\s+please)?$"),
     "How much longer should each clip be? Say e.g. \"make every clip 2 seconds longer\" (each runs on into "
     "its video)."),
    # "put back the second clip", "bring clip 3 back": a clip taken out earlier, which a clip number (counting
    # the clips in the cut now) cannot name (it searched for "second")
    (re.compile(r"^(?:(?:can|could)\s+(?:you|u|we)\s+|please\s+)?(?:put|bring|add|restore)\s+(?:back\s+)?"
                r"(?:the\s+)?(?:(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+(?:clip|shot|one)|"
                r"(?:clip|shot)\s+#?\d+)(?:\s+(?:back|again))?(?:\s+(?:in|please))*$"),
     "Clip numbers count the clips in the cut now, not one taken out: say \"undo\", or what is in it "
     "(\"add the bridge back\")."),
    # "delete all my uploads", "wipe my library": the videos themselves (it removed scenes matching "uploads")
    (re.compile(r"^(?:delete|remove|erase|wipe|clear|get\s+rid\s+of|trash|bin)\s+(?:out\s+)?(?:all\s+(?:of\s+)?)?"
                r"(?:my|our|the)\s+(?:(?:uploaded|original)\s+)?(?:uploads|uploaded\s+(?:videos|files)|files|"
                r"library|account|data|videos(?:\s+(?:from|in)\s+(?:the|my)\s+library)?)"
                r"(?=\s*(?:$|[,.!;]|please|now|every|for\s+good|forever|too))"),
     "I edit the cut; I don't delete videos from your library. To leave one out of the cut, say e.g. "
     "\"remove everything from sintel\"."),
    # "speed the timelapse up 20x": past what a clip can play at (it had kept only the matches for those
    # words)
    (re.compile(r"\b(?:speed|sped|faster|quicker|fast[\s-]?forward|slow|slower)\b.*?(?<![\d.])(?:[5-9]|[1-9]\d+)"
                r"(?:\.\d+)?\s*(?:x|×|times)(?!\w)|(?<![\d.])(?:[5-9]|[1-9]\d+)(?:\.\d+)?\s*(?:x|×|times)\s+"
                r"(?:faster|quicker|slower|speed|as\s+fast|as\s+slow)\b"),
     "Clips play from a quarter of their speed (0.25x) to four times it (4x); say e.g. \"speed it up 4x\"."),
    # "rotate clip 3", "clip 3 is upside down": a turned picture (not understood)
    (re.compile(r"^rotate\b.*$|"
                r"^turn\s+(?:it|this|them|clip\s+\d+|the\s+(?:\w+\s+){0,2}(?:clip|video|picture|shot))\s+(?:(?:90|180|270)\s*(?:degrees|°)|upside\s+down|sideways|the\s+right\s+way\s+up)"
                r"(?:\s+(?:clockwise|anti-?clockwise|counter-?clockwise|left|right))?$|"
                r"^(?:it|this|clip\s+\d+|the\s+(?:\w+\s+){0,2}(?:clip|video|shot))(?:\s+is|'s)\s+(?:upside\s+down|"
                r"sideways|rotated|on\s+its\s+side)$"),
     "I can't rotate the picture; every clip keeps the way it was filmed (I can reframe it to 9:16, 1:1 or "
     "4:5)."),
    # "keep my face in frame" alone: what a reframe does (it had kept only the shots with someone in them)
    (re.compile(r"^(?:keep|have)\s+(?:my|his|her|their|our|the)\s+(?:\w+\s+)?faces?\s+in\s+(?:the\s+)?"
                r"(?:frame|shot|view|middle|centre|center)$"),
     "A reframe (9:16, 1:1 or 4:5) follows the main face on its own; say e.g. \"make it square\"."),
    # "actually keep the last change": nothing to do (it had kept only the last clip, matching "change")
    (re.compile(r"^(?:(?:no\s+)?actually\s+)?(?:keep|leave)\s+(?:the\s+|that\s+|my\s+)?(?:last|latest|previous|"
                r"most\s+recent)\s+(?:change|edit|version|one)(?:\s+(?:then|as\s+it\s+is|after\s+all|please))?$"),
     "The last change stays as it is; nothing to undo. Say what to change next, or \"undo\" to take it "
     "back."),
    # "just flip it": a mirrored picture (it had kept only the matches for "flip it"); a reversed order is
    # "reverse the order"
    (re.compile(r"^(?:just\s+)?(?:flip|mirror)\s+(?:it|this|them|the\s+(?:video|picture|image|footage|clips?|shot))"
                r"(?:\s+(?:horizontally|vertically|around|over|upside\s+down|left\s+to\s+right))?$"),
     "I can't mirror or flip the picture. To play the clips in the opposite order, say "
     "\"reverse the order\"."),
    # "delete everything": read as a search it kept or removed scenes matching "everything"
    (re.compile(r"^(?:delete|remove|cut|drop|clear|erase|wipe|bin|ditch|lose|get\s+rid\s+of|throw\s+(?:away|out))"
                r"\s+(?:out\s+)?(?:everything|it\s+all|all\s+of\s+(?:it|them)|all(?:\s+the)?\s+clips|all|"
                r"every\s+(?:single\s+)?clip|the\s+(?:whole|entire)\s+(?:thing|cut|edit|video))(?:\s+please)?$"),
     "A cut needs at least one clip, so I won't remove them all: say what to keep (\"only the dogs\"), or "
     "\"start over\" for the whole videos again."),
    # "show me what you've got so far", "let me see the current version", "what does it look like now": no
    # change asked (the first two had kept only the matches for "what you've got so far", "current version")
    (re.compile(r"^(?:(?:ok(?:ay)?|so|now|alright|right|cool|great)\s+)?(?:(?:can|could)\s+(?:you|i|we|u)\s+)?"
                r"(?:show\s+(?:me|us)|let\s+(?:me|us)\s+(?:see|watch|look\s+at)|let'?s\s+(?:see|watch)|play|preview|"
                r"watch|see|view)\s+(?:it|this|that|the\s+(?:cut|edit|video|result|thing)|(?:the\s+|this\s+)?(?:current|latest|"
                r"new|updated)\s+(?:version|cut|edit|one)|what\s+(?:you'?ve|you\s+have|we'?ve|we\s+have|you)"
                r"(?:\s+(?:got|made|done|have))?)(?:\s+(?:so\s+far|now|right\s+now|again|back|please))*$|"
                r"^what\s+(?:does|do)\s+(?:it|the\s+(?:cut|edit|video)|this)\s+look\s+like(?:\s+(?:now|so\s+far))?$|"
                r"^what(?:'?s|\s+is|\s+are)\s+in\s+(?:the|my|this)\s+(?:cut|edit|version)(?:\s+(?:right\s+)?now)?$"),
     "Nothing changed: the cut shown is the cut as it is now. Say what to change, e.g. \"only the fights\" "
     "or \"remove clip 2\"."),
    # "that's perfect, export it", "save this", "share it with my friend": every change is saved already
    (re.compile(rf"^(?:please\s+)?(?:export|save|download|render)\s+{_THE_CUT_ITSELF}|"
                r"^(?:share|send)\s+(?:it|this|that|the\s+(?:cut|edit|video))"
                r"(?:\s+(?:with|to)\s+[\w' ]{1,40})?$|"
                # "send me a link", "export as mp4" (a question, or a guess at a search for "export as mp4")
                r"^(?:send|give|get|make|create)\s+(?:me\s+|us\s+)?(?:a\s+)?(?:share\s+|sharing\s+)?link"
                r"(?:\s+(?:to|for)\s+(?:it|this|the\s+(?:cut|video)))?$|"
                r"^(?:export|save|render|download)\s+(?:it\s+|this\s+)?(?:as|to|in)\s+(?:an?\s+)?mp4$"),
     "Every change is already saved as a version: \"Download\" (or `personalcut render`) writes the video "
     "file, and \"Share this version\" makes a link to send."),
    # "i want another version", "make a different version": what it should have is not said (it had kept only
    # the matches for "another version")
    (re.compile(r"^(?:(?:i\s+(?:want|need)|i'?d\s+like|(?:make|give)\s+me|make|try|do|let'?s\s+(?:try|do|make))\s+)"
                r"(?:another|a\s+(?:different|new|second))\s+(?:version|cut|edit|one)(?:\s+please)?$"),
     "Say what the other version should have, e.g. \"only the fights\", or \"start over\" for the whole "
     "videos again; each version stays in the history."),
)


def unsupported(clause: str) -> str | None:
    """What the (normalised) clause asks that the editor cannot do, as the answer to give; or None."""
    for pattern, answer in _UNSUPPORTED:
        if pattern.search(clause):
            return f"{answer} {CAN_DO}" if len(answer) + 1 + len(CAN_DO) <= MAX_ANSWER else answer
    return None
