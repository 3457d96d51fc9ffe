"""How each supervisory authority takes complaints, where the directory's contact data say otherwise.

The datarequests.org directory lists an authority's general contact details. Some authorities
take complaints only through their own web form and answer an emailed complaint by pointing
to it, which costs the person weeks: for those, the complaint is prepared as text for the form
and the form's address given, and never emailed.

Sources (checked 2026):
- Irish Data Protection Commission: "The most effective way to contact the DPC regarding
  queries or complaints is by means of the webforms" (DPC customer charter); complaints are
  lodged through https://forms.dataprotection.ie/contact.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# directory slug -> the web form complaints must go through
WEBFORM_ONLY: Mapping[str, str] = MappingProxyType(
    {
        "iedpc": "https://forms.dataprotection.ie/contact",
    }
)

__all__ = ["WEBFORM_ONLY"]
