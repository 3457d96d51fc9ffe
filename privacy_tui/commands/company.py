"""`privacy-tui company ...`: the companies that hold your data."""

from __future__ import annotations

import argparse

from privacy_tui.commands._common import subcommands
from privacy_tui.commands._output import out


def _field_options(p, *, adding: bool) -> None:
    p.add_argument("--email", action="append", metavar="E", help="privacy contact address (repeatable, best first)")
    p.add_argument("--website", metavar="URL")
    p.add_argument("--webform", metavar="URL", help="the company's request portal")
    p.add_argument("--address", metavar="TEXT", help="postal address")
    p.add_argument("--country", metavar="CC", help="two-letter country code of the company's address")
    p.add_argument("--subdivision", metavar="S", help="state / nation code (e.g. CA, SCT) for holidays")
    p.add_argument("--regime", action="append", metavar="R", help="law that applies (repeatable): gdpr, uk_gdpr, ccpa, us_va, pipeda, lgpd, ...")
    p.add_argument("--category", action="append", metavar="L", help="CCPA category letter A-L it holds (repeatable)")
    p.add_argument("--alias", action="append", metavar="NAME", help="brand or other name (repeatable)")
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--small-agent", action=argparse.BooleanOptionalAction, default=None,
                   help="LGPD: the company is a small processing agent (micro or small business, startup), "
                   "with double time limits (Resolução CD/ANPD nº 2/2022, art. 14)")
    p.add_argument("--language", metavar="XX", help="the language the company works in (ISO 639-1, e.g. de); letters to it use it")
    if not adding:
        p.add_argument("--name", metavar="NAME")


def register(sub) -> None:
    company = sub.add_parser("company", help="companies that hold your data", description="Log which companies hold your data.")
    csub = subcommands(company, "company_command")

    p = csub.add_parser("add", help="add a company (typed in, or copied from the directory)")
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("--from-directory", metavar="SLUG", help="copy the record from the imported company directory")
    _field_options(p, adding=True)
    p.set_defaults(handler=run_add)

    p = csub.add_parser("list", help="list companies")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_list)

    p = csub.add_parser("show", help="show one company")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_show)

    p = csub.add_parser("edit", help="change a company's fields")
    p.add_argument("id", metavar="ID")
    _field_options(p, adding=False)
    p.set_defaults(handler=run_edit)

    p = csub.add_parser("remove", help="remove a company")
    p.add_argument("id", metavar="ID")
    p.add_argument("--force", action="store_true", help="also remove its requests, their sent messages, inbox replies and blobs")
    p.set_defaults(handler=run_remove)

    p = csub.add_parser("import-policy", help="create or update a company from its privacy policy (file or URL)")
    p.add_argument("source", metavar="FILE|URL")
    p.add_argument("--yes", action="store_true", help="save without asking")
    p.add_argument("--company", metavar="ID", help="update this company instead of matching by name")
    p.set_defaults(handler=run_import_policy)


def _kwargs(args, *, adding: bool) -> dict:
    from privacy_tui.commands._common import refuse_line_breaks

    refuse_line_breaks(args)
    fields = {
        "emails": args.email,
        "website": args.website,
        "webform": args.webform,
        "address": args.address,
        "country": args.country,
        "subdivision": args.subdivision,
        "regimes": args.regime,
        "categories": args.category,
        "aliases": args.alias,
        "notes": args.notes,
        "small_agent": args.small_agent,
        "language": args.language,
    }
    if adding:
        fields["name"] = args.name if args.name is not None else ""
    elif args.name is not None:
        fields["name"] = args.name
    return {k: v for k, v in fields.items() if v is not None}


def run_add(args) -> int:
    from privacy_tui.core.errors import UserError
    from privacy_tui.services import companies
    from privacy_tui.services.session import open_store

    if args.from_directory:
        from dataclasses import replace

        from privacy_tui.core.directory import record_to_company
        from privacy_tui.core.models import now_iso
        from privacy_tui.services.directory_store import open_index

        entry = open_index().get(args.from_directory)
        if entry is None:
            raise UserError(f"no company {args.from_directory!r} in the directory (try `privacy-tui directory search NAME`)")
        extra = companies.company_fields(**{k: v for k, v in _kwargs(args, adding=False).items()})
        with open_store(write=True) as store:
            company = record_to_company(entry, company_id="", now=now_iso())
            if args.name:
                extra["name"] = companies.company_fields(name=args.name)["name"]
            company = companies.save_new_company(store, replace(company, **extra) if extra else company)
        _added(company)
        return 0
    kwargs = _kwargs(args, adding=True)
    with open_store(write=True) as store:
        company = companies.add_company(store, **kwargs)
    _added(company)
    return 0


def _added(company) -> None:
    """The bare id on stdout (scripts capture it, as for `request new`); words for a person on a terminal."""
    import sys

    from privacy_tui.commands._output import err

    out(company.id)
    if sys.stderr.isatty():
        err(f"added {company.name} ({company.id})")


def run_list(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.core.models import to_record
    from privacy_tui.services.session import open_store

    with open_store() as store:
        rows = store.companies()
        counts: dict[str, int] = {}
        for r in store.requests():
            counts[r.company_id] = counts.get(r.company_id, 0) + 1
    if args.json:
        print_json([dict(to_record(c), requests=counts.get(c.id, 0)) for c in rows])
        return 0
    if not rows:
        out("No companies yet: add one with `privacy-tui company add NAME` or `privacy-tui directory search NAME`.")
        return 0
    from privacy_tui.commands._output import table

    table(
        [(c.id, c.name, c.country or "--", "".join(c.categories) or "-", counts.get(c.id, 0),
          c.emails[0] if c.emails else (c.webform or "-")) for c in rows],
        ("ID", "NAME", "CC", "CATEGORIES", "REQUESTS", "CONTACT"),
        right=(4,),
    )
    return 0


def run_show(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.commands._render import company_text
    from privacy_tui.core.models import to_record
    from privacy_tui.services.session import open_store

    with open_store() as store:
        company = store.company(args.id)
        requests = store.requests(company.id)
    if args.json:
        print_json(dict(to_record(company), requests=[r.id for r in requests]))
    else:
        out(company_text(company, requests))
    return 0


def run_edit(args) -> int:
    from privacy_tui.services import companies
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        company = companies.edit_company(store, args.id, **_kwargs(args, adding=False))
    out(company.id)
    return 0


def run_remove(args) -> int:
    from privacy_tui.services import companies
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        company, removal = companies.remove_company(store, args.id, force=args.force)
    out(f"removed {company.id} {company.name}")
    if removal is not None:
        out(f"with it: {removal.summary().removeprefix('removed ')}")
    return 0


def run_import_policy(args) -> int:
    from privacy_tui.commands._common import confirm
    from privacy_tui.core.errors import UserError
    from privacy_tui.services.policy_import import analysis_text, import_policy, load_and_analyze
    from privacy_tui.services.session import open_store

    analysis, source = load_and_analyze(args.source)
    out(analysis_text(analysis, source))
    if not args.yes and not confirm("Save these facts as a company?"):
        raise UserError("not saved (answer y, or pass --yes to save without asking)")
    with open_store(write=True) as store:
        company, created = import_policy(store, analysis, source, company_id=args.company)
    out(f"{'created' if created else 'updated'} {company.id} {company.name}")
    return 0
