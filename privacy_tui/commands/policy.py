"""`privacy-tui policy analyze FILE|URL [--json]`: read a privacy policy and say what it promises."""

from __future__ import annotations

from privacy_tui.commands._output import out


def register(sub) -> None:
    p = sub.add_parser(
        "policy",
        help="analyse a privacy policy (file or URL)",
        description="Read a privacy policy and report its publisher, privacy contacts, laws, data collected, "
        "rights and response time, each with the sentence it comes from.",
    )
    psub = p.add_subparsers(dest="policy_command", metavar="COMMAND")
    a = psub.add_parser(
        "analyze",
        help="analyse a policy: a file (text, Markdown, HTML, PDF) or an https:// URL",
        description="Analyse a privacy policy. FILE may be plain text, Markdown, HTML or PDF in any encoding, "
        "up to 5 MB; a URL must be https:// (15 s for the whole download, at most 5 redirects).",
    )
    a.add_argument("source", metavar="FILE|URL", help="the policy's file or https:// address")
    a.add_argument("--json", action="store_true", help="machine-readable output (the analysis with its evidence)")
    a.set_defaults(handler=run_analyze)

    def show_help(args) -> int:
        p.print_help()
        return 0

    p.set_defaults(handler=show_help)


def run_analyze(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.core.policy import analyze_bytes
    from privacy_tui.core.policy.report import render_text
    from privacy_tui.transport.fetch import load_policy_source

    data, filename, content_type, source = load_policy_source(args.source)
    analysis = analyze_bytes(data, filename=filename, content_type=content_type, source=source)
    if args.json:
        print_json(analysis.to_json())
    else:
        out(render_text(analysis))
    return 0
