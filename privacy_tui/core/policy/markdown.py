"""Markdown to plain text: drop the markup, keep the words, the links' targets and the tables.

A light pass of line-local regular expressions rather than a full renderer: policies use little
Markdown (headings, emphasis, links, lists, tables) and the analyzer needs the words and the line
structure, not layout. Table rows keep their " | " separators; their ruler lines go.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+([^\n]*)$", re.MULTILINE)
_SETEXT = re.compile(r"^[ \t]*(?:=+|-{3,})[ \t]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]\n]{0,300})\]\([^)\n]{0,1000}\)")
_LINK = re.compile(r"\[([^\]\n]{0,300})\]\(\s*<?([^)\s>]{1,400})>?(?:\s+\"[^\"\n]{0,200}\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]{1,1000})>")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]{1,200}\]:[ \t]*(\S+).*$", re.MULTILINE)
_TABLE_RULE = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*(?:\|[ \t]*)?$", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*{1,3}|(?<![\w@.])_{1,3})(?=\S)([^\n*_]{1,500}?)(?<=\S)\1(?![\w@])")
_CODE = re.compile(r"`{1,3}([^`\n]{0,500})`{1,3}")
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>")
_STAR_BULLET = re.compile(r"^([ \t]*)[*+][ \t]+", re.MULTILINE)


def _link(match: re.Match[str]) -> str:
    text, target = match.group(1).strip(), match.group(2).strip()
    if target.lower().startswith("mailto:"):
        target = target[7:].split("?", 1)[0]
    if not target or target.startswith("#") or target in text:
        return text
    return f"{text} ({target})" if text else target


def markdown_text(text: str) -> str:
    text = _TABLE_RULE.sub("", text)
    text = _SETEXT.sub("", text)
    text = _HEADING.sub(lambda m: "\n" + m.group(1).rstrip(" \t#") + "\n", text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(_link, text)
    text = _AUTOLINK.sub(lambda m: m.group(1).removeprefix("mailto:"), text)
    text = _REF_DEF.sub(lambda m: m.group(1), text)
    text = _CODE.sub(lambda m: m.group(1), text)
    text = _STAR_BULLET.sub(lambda m: m.group(1) + "- ", text)
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    text = _QUOTE.sub("", text)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = _TAG.sub("", text)
    text = text.replace("\\", "")
    return re.sub(r"\n{3,}", "\n\n", text)
