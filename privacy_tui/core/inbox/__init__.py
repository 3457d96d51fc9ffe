"""The inbox's pure domain: parse a reply, match it to a request, understand it, draft answers."""

from .classify import AUTO_APPLY, AUTO_THRESHOLD, KINDS, Understanding, classify, event_for
from .match import Match, MatchIndex, RequestKey
from .message import Attachment, ParsedMessage, attachment_bytes, parse_message

__all__ = ["AUTO_APPLY", "AUTO_THRESHOLD", "Attachment", "KINDS", "Match", "MatchIndex", "ParsedMessage",
           "RequestKey", "Understanding", "attachment_bytes", "classify", "event_for", "parse_message"]
