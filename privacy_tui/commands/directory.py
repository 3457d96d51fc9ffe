"""`privacy-tui directory ...`: the public company directory (datarequests.org database)."""

from __future__ import annotations

import argparse

from privacy_tui.commands._common import subcommands
from privacy_tui.commands._output import err, out

SHOWN_MESSAGES = 10


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number {text!r}") from None
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError("must be between 1 and 1000")
    return value


def register(sub) -> None:
    directory = sub.add_parser(
        "directory",
        help="the public company directory (datarequests.org)",
        description="Import, update and search the datarequests.org database of companies' privacy contacts "
        "and of supervisory authorities. Public data, stored apart from your vault.",
    )
    dsub = subcommands(directory, "directory_command")

    p = dsub.add_parser("import", help="import a datarequests.org dump file or records folder")
    p.add_argument("path", metavar="PATH", help="a dump (.json) or a folder of company records (companies/*.json)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(handler=run_import)

    p = dsub.add_parser("update", help="download the current directory from datarequests.org")
    p.add_argument("--url", metavar="URL", help="download from this https URL instead")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(handler=run_update)

    p = dsub.add_parser("search", help="find companies by name, brand, web domain or slug (typos welcome)")
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--limit", type=_limit, default=10, metavar="N", help="at most N results (default 10)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_search)

    p = dsub.add_parser("show", help="show one company record")
    p.add_argument("slug", metavar="SLUG")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_show)

    p = dsub.add_parser("info", help="where the imported directory came from, and when")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_info)

    p = dsub.add_parser("authorities", help="list supervisory authorities (for complaints)")
    p.add_argument("--country", metavar="CC", help="only those for this two-letter country code")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_authorities)


# --- output helpers --------------------------------------------------------------------------


def entry_to_dict(entry, score: float | None = None) -> dict:
    record = {
        "slug": entry.slug,
        "name": entry.name,
        "country": entry.country,
        "relevant_countries": list(entry.relevant_countries),
        "email": entry.email,
        "webform": entry.webform,
        "web": entry.web,
        "address": entry.address,
        "phone": entry.phone,
        "fax": entry.fax,
        "runs": list(entry.runs),
        "categories": list(entry.categories),
        "request_language": entry.request_language,
        "suggested_transport_medium": entry.suggested_transport_medium,
        "needs_id_document": entry.needs_id_document,
        "quality": entry.quality,
        "sources": list(entry.sources),
        "comments": list(entry.comments),
    }
    if score is not None:
        record = {"score": score, **record}
    return record


def authority_to_dict(authority) -> dict:
    return {
        "slug": authority.slug,
        "name": authority.name,
        "country": authority.country,
        "relevant_countries": list(authority.relevant_countries),
        "email": authority.email,
        "webform": authority.webform,
        "web": authority.web,
        "address": authority.address,
        "phone": authority.phone,
        "fax": authority.fax,
        "complaint_language": authority.complaint_language,
        "suggested_transport_medium": authority.suggested_transport_medium,
        "comments": list(authority.comments),
    }


def _summary_to_dict(summary) -> dict:
    return {
        "companies": summary.companies,
        "supervisory_authorities": summary.authorities,
        "skipped": summary.skipped,
        "messages": summary.messages,
        "source": summary.source,
        "origin": summary.origin,
        "imported_at": summary.imported_at,
        "path": summary.path,
    }


def _report(summary, as_json: bool) -> int:
    from privacy_tui.commands._common import print_json

    if as_json:
        print_json(_summary_to_dict(summary))
        return 0
    out(f"imported {summary.companies} companies and {summary.authorities} supervisory authorities")
    out(f"source: {summary.source}")
    if summary.skipped:
        err(f"skipped {summary.skipped} unusable record(s):")
        for message in summary.messages[:SHOWN_MESSAGES]:
            err(f"  {message}")
        if len(summary.messages) > SHOWN_MESSAGES:
            err(f"  ... and {len(summary.messages) - SHOWN_MESSAGES} more (see --json)")
    return 0


def _one_line(text: str) -> str:
    return ", ".join(line.strip() for line in text.splitlines() if line.strip())


# --- handlers --------------------------------------------------------------------------------


def run_import(args) -> int:
    from privacy_tui.services.directory_store import import_directory

    return _report(import_directory(args.path), args.json)


def run_update(args) -> int:
    from privacy_tui.services.directory_store import update_directory

    return _report(update_directory(args.url), args.json)


def run_search(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.services.directory_store import open_index

    query = " ".join(args.query)
    hits = open_index().search(query, limit=args.limit)
    if args.json:
        print_json([entry_to_dict(h.entry, h.score) for h in hits])
        return 0
    if not hits:
        out(f"no company in the directory matches {query!r}")
        return 0
    from privacy_tui.commands._output import table

    table(
        [(h.entry.slug, f"{h.score:.1f}", h.entry.country or "--", h.entry.name, h.entry.email or h.entry.webform or "(letter)")
         for h in hits],
        ("SLUG", "SCORE", "CC", "NAME", "CONTACT"),
        right=(1,),
    )
    return 0


def run_show(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.core.errors import UserError
    from privacy_tui.services.directory_store import open_index

    index = open_index()
    entry = index.get(args.slug)
    if entry is None:
        near = [h.entry.slug for h in index.search(args.slug, limit=3)]
        hint = f"; did you mean {', '.join(near)}?" if near else "; find it with `privacy-tui directory search NAME`"
        raise UserError(f"no company with slug {args.slug!r} in the directory{hint}")
    if args.json:
        print_json(entry_to_dict(entry))
        return 0
    rows = [
        ("slug", entry.slug),
        ("name", entry.name),
        ("country", entry.country),
        ("relevant for", ", ".join(entry.relevant_countries)),
        ("email", entry.email),
        ("web form", entry.webform),
        ("website", entry.web),
        ("address", _one_line(entry.address)),
        ("phone", entry.phone),
        ("fax", entry.fax),
        ("also runs", ", ".join(entry.runs)),
        ("categories", ", ".join(entry.categories)),
        ("request language", entry.request_language),
        ("send by", entry.suggested_transport_medium),
        ("needs ID document", "yes" if entry.needs_id_document else ""),
        ("quality", entry.quality),
        ("sources", ", ".join(entry.sources)),
    ]
    for label, value in rows:
        if value:
            out(f"{label + ':':<18} {value}")
    for comment in entry.comments:
        out(f"{'note:':<18} {_one_line(comment)}")
    return 0


def run_info(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.services.directory_store import directory_info

    info = directory_info()
    if args.json:
        print_json(info)
        return 0
    if not info["imported"]:
        out("no directory imported yet: run `privacy-tui directory import PATH` or `privacy-tui directory update`")
        return 0
    out(f"source:        {info['source']}")
    out(f"imported from: {info['origin']}")
    out(f"imported at:   {info['imported_at']}")
    out(f"companies:     {info['companies']}")
    out(f"authorities:   {info['supervisory_authorities']}")
    return 0


def run_authorities(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.core.directory import authorities_for_country
    from privacy_tui.core.errors import UserError
    from privacy_tui.services.directory_store import load_authorities

    authorities = load_authorities()
    if args.country is not None:
        code = args.country.strip()
        if len(code) != 2 or not code.isalpha():
            raise UserError(f"--country takes a two-letter country code such as DE or FR, got {args.country!r}")
        authorities = authorities_for_country(code, authorities)
    if args.json:
        print_json([authority_to_dict(a) for a in authorities])
        return 0
    if not authorities:
        where = f" for {args.country.upper()}" if args.country else ""
        out(f"no supervisory authority{where} in the directory")
        return 0
    from privacy_tui.commands._output import table

    table([(a.slug, a.country or "--", a.name, a.email or a.webform or a.web) for a in authorities], ("SLUG", "CC", "NAME", "CONTACT"))
    return 0
