"""`privacy-tui deadline`: the legal deadlines for a request received on a given date."""

from __future__ import annotations

from privacy_tui.commands._output import out


def register(sub) -> None:
    p = sub.add_parser(
        "deadline",
        help="compute the legal deadlines for a request",
        description=(
            "Compute when a company must answer a data-rights request received on a date, "
            "with the rule in words. Holidays are those of the company's jurisdiction."
        ),
    )
    p.add_argument(
        "--regime",
        help="gdpr, uk_gdpr, ccpa, pipeda, ca_qc, ca_ab, ca_bc, lgpd, us_va, ... or us_state with --subdivision; "
        "default: chosen from --lives-in and the company's --country/--subdivision, with the reason",
    )
    p.add_argument("--lives-in", default="", metavar="CC[-SS]", help="where the person lives, e.g. US-CA, GB, CA-QC (used when --regime is not given)")
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
    from privacy_tui.core.errors import UserError
    from privacy_tui.core.laws.registry import get_regime
    from privacy_tui.core.scope import choose_regime
    from privacy_tui.core.validation import clean_country

    received = parse_date(args.received, "--received date")
    country = clean_country(args.country)
    reason = ""
    if args.regime:
        regime = get_regime(args.regime, subdivision=args.subdivision)
    else:
        if not args.lives_in and not country:
            raise UserError("give --regime, or --lives-in and/or the company's --country so the law can be chosen")
        lives, _, state = args.lives_in.strip().upper().partition("-")
        choice = choose_regime(clean_country(lives), state, country, args.subdivision)
        regime, reason = get_regime(choice.key), choice.reason
    d = compute_deadlines(
        regime.key, received, country=country, subdivision=args.subdivision, request_type=args.request_type,
        small_agent=args.small_agent,
    )
    if args.json:
        data = d.to_json()
        if reason:
            data["reason"] = reason
        print_json(data)
        return 0

    def line(label: str, value) -> str:
        shown = f"{short_date(value)} ({value.isoformat()})" if value else "none under this law"
        return f"{label:<16}{shown}"

    out(f"{'Regime:':<16}{regime.short} ({regime.name})")
    if reason:
        out(f"{'Why:':<16}{reason}")
    out(line("Received:", d.received))
    out(line("Due:", d.due))
    out(line("Extended due:", d.extended_due))
    out(line("Acknowledge by:", d.ack_due))
    out("Explanation:")
    for text in d.explanation:
        out(f"  - {text}")
    return 0
