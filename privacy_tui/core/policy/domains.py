"""Whose domain is it: a regulator's, a well-known third party's, a placeholder, or the publisher's.

Regulator domains come from the supervisory-authority records of the datarequests.org database
(CC0) plus the regulators policies name most (ICO, CNIL, EDPB, the California AG and CPPA, the
Canadian and Australian commissioners). Any government domain (.gov, .gov.xx, .gouv.xx, .gv.at,
.admin.ch, .bund.de, europa.eu) counts as a regulator's.
"""

from __future__ import annotations

import re
from functools import lru_cache

REGULATOR_DOMAINS = frozenset(
    """
    ico.org.uk cnil.fr edpb.europa.eu edps.europa.eu europa.eu dataprotection.ie aepd.es garanteprivacy.it gpdp.it
    autoriteitpersoonsgegevens.nl apd-gba.be dataprotectionauthority.be cnpd.pt cnpd.lu cnpd.public.lu datatilsynet.no
    datatilsynet.dk imy.se tietosuoja.fi om.fi uodo.gov.pl uoou.cz naih.hu dsb.gv.at bfdi.bund.de edoeb.admin.ch
    dataprotection.ro dataprotection.gov.cy dataprotection.gov.sk dpa.gr azop.hr aki.ee ada.lt vdai.lrv.lt dvi.gov.lv
    idpc.org.mt ip-rs.si personuvernd.is llv.li datenschutzstelle.li cpdp.bg pdp.gov.sk
    oag.ca.gov cppa.ca.gov ftc.gov priv.gc.ca oipc.bc.ca cai.gouv.qc.ca oaic.gov.au privacy.org.nz pdpc.gov.sg
    pcpd.org.hk anpd.gov.br ppc.go.jp pipc.go.kr dataprotection.gov.ng inai.org.mx aaip.gob.ar
    """.split()
)
# Fragments that only regulators' domains contain (German state and church authorities, etc.).
_REGULATOR_PARTS = re.compile(
    r"(?:^|\.)(?:datenschutz[\w-]*|dataprotection[\w-]*|lfd[\w-]*|lfdi[\w-]*|ldi[\w-]*|lda[\w-]*|tlfdi|kdsa[\w-]*|"
    r"kdsz[\w-]*|datatilsynet|privacycommission[\w-]*|infocommissioner[\w-]*)\.",
    re.IGNORECASE,
)
_GOVERNMENT = re.compile(
    r"(?:^|\.)(?:gov|gouv|gob|govt|government)\.[a-z]{2,3}$|(?:^|\.)(?:go|gv|admin|bund)\.[a-z]{2}$|\.gov$|\.mil$|"
    r"(?:^|\.)europa\.eu$",
    re.IGNORECASE,
)

# Services whose addresses a policy quotes when it speaks of someone else's practices.
THIRD_PARTY_DOMAINS = frozenset(
    """
    google.com gmail.com googlemail.com facebook.com fb.com meta.com instagram.com twitter.com x.com linkedin.com
    apple.com microsoft.com outlook.com hotmail.com live.com yahoo.com aol.com icloud.com amazon.com aws.amazon.com
    stripe.com paypal.com braintreepayments.com squareup.com adyen.com klarna.com mailchimp.com hubspot.com
    salesforce.com zendesk.com intercom.com intercom.io sendgrid.net sendgrid.com twilio.com segment.com segment.io
    mixpanel.com amplitude.com hotjar.com cloudflare.com shopify.com wix.com squarespace.com wordpress.com
    automattic.com tiktok.com bytedance.com snapchat.com snap.com pinterest.com reddit.com youtube.com vimeo.com
    adobe.com oracle.com doubleclick.net criteo.com taboola.com outbrain.com appsflyer.com adjust.com branch.io
    onesignal.com sentry.io newrelic.com datadoghq.com trustarc.com truste.com onetrust.com cookiebot.com
    usercentrics.com iubenda.com termly.io termsfeed.com privacypolicies.com networkadvertising.org
    aboutads.info youronlinechoices.com youronlinechoices.eu aboutcookies.org allaboutcookies.org
    digitaladvertisingalliance.org optout.aboutads.info
    """.split()
)
# Hosts that serve request forms on a company's behalf: a link there is the company's own portal.
FORM_HOSTS = re.compile(
    r"(?:^|\.)(?:onetrust\.com|trustarc\.com|truste\.com|privacyportal\.onetrust\.com|ketch\.com|transcend\.io|"
    r"osano\.com|securiti\.ai|datagrail\.io|mineos\.ai|typeform\.com|jotform\.com|formstack\.com|"
    r"docs\.google\.com|forms\.gle|forms\.office\.com|forms\.microsoft\.com|zendesk\.com|freshdesk\.com|"
    r"hsforms\.com|wufoo\.com|cognitoforms\.com)$",
    re.IGNORECASE,
)
PLACEHOLDER_DOMAINS = frozenset(
    "example.com example.org example.net example.edu domain.com yourdomain.com yourcompany.com company.com "
    "email.com mail.com test.com website.com yoursite.com sample.com".split()
)


@lru_cache(maxsize=4096)  # policies repeat the same few addresses many times
def host_of(value: str) -> str:
    """The host of a URL or the domain of an e-mail address, lower case, without 'www.'."""
    value = value.strip().lower()
    if "@" in value and "://" not in value:
        value = value.rpartition("@")[2]
    else:
        value = value.split("://", 1)[-1]
        value = re.split(r"[/?#:]", value, maxsplit=1)[0]
    return value.removeprefix("www.").strip(".")


@lru_cache(maxsize=4096)
def registrable(host: str) -> str:
    """A rough registrable domain: the last two labels, three under a two-letter second level (co.uk)."""
    parts = host.split(".")
    if len(parts) >= 3 and (len(parts[-2]) <= 3 and len(parts[-1]) == 2):
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def _in(host: str, domains: frozenset[str]) -> bool:
    parts = host.split(".")
    return any(".".join(parts[i:]) in domains for i in range(len(parts) - 1))


@lru_cache(maxsize=4096)
def is_regulator(host: str) -> bool:
    host = host_of(host)
    return _in(host, REGULATOR_DOMAINS) or bool(_GOVERNMENT.search(host)) or bool(_REGULATOR_PARTS.search(host + "."))


@lru_cache(maxsize=4096)
def is_third_party(host: str) -> bool:
    return _in(host_of(host), THIRD_PARTY_DOMAINS)


@lru_cache(maxsize=4096)
def is_placeholder(host: str) -> bool:
    return _in(host_of(host), PLACEHOLDER_DOMAINS)


def same_site(host: str, others: set[str] | frozenset[str]) -> bool:
    """True when `host` belongs to one of `others` (registrable domains)."""
    return registrable(host_of(host)) in others
