"""`privacy-tui deadline`: the legal deadlines for a request received on a given date."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "deadline",
        help="compute the legal deadlines for a request",
        description=(
            "Compute when a company must answer a data-rights request received on a date, "
            "with the rule in words. Holidays are those of the company's jurisdiction."
        ),
    )
    p.add_argument("--regime", required=True, help="gdpr, uk_gdpr, ccpa, pipeda, lgpd, us_va, ... or us_state with --subdivision")
    p.add_argument("--received", required=True, metavar="YYYY-MM-DD", help="the day the company received the request")
    p.add_argument("--country", default="", help="the company's two-letter country code (for public holidays)")
    p.add_argument("--subdivision", default="", help="the company's state or nation, e.g. SCT, NIR, CA, VA")
    p.add_argument("--type", default="access", dest="request_type", help="request type (default: access)")
    p.add_argument("--small-agent", action="store_true",
                   help="LGPD: the company is a small processing agent (double time limits, Resolução CD/ANPD nº 2/2022)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=run)


def run(args) -> int:
    from privacy_tui.commands._common import parse_date, print_json
    from privacy_tui.core.deadlines import compute_deadlines, short_date
    from privacy_tui.core.regimes import get_regime
    from privacy_tui.core.validation import clean_country

    received = parse_date(args.received, "--received date")
    country = clean_country(args.country)
    regime = get_regime(args.regime, subdivision=args.subdivision)
    d = compute_deadlines(
        regime.key, received, country=country, subdivision=args.subdivision, request_type=args.request_type,
        small_agent=args.small_agent,
    )
    if args.json:
        print_json(d.to_json())
        return 0

    def line(label: str, value) -> str:
        shown = f"{short_date(value)} ({value.isoformat()})" if value else "none under this law"
        return f"{label:<16}{shown}"

    print(f"{'Regime:':<16}{regime.short} ({regime.name})")
    print(line("Received:", d.received))
    print(line("Due:", d.due))
    print(line("Extended due:", d.extended_due))
    print(line("Acknowledge by:", d.ack_due))
    print("Explanation:")
    for text in d.explanation:
        print(f"  - {text}")
    return 0
