"""Each field of the analysis on small hand-written policies: the edge cases real policies have."""

from __future__ import annotations

import pytest
from support.paths import POLICY_FIXTURES as FIXTURES

from privacy_tui.core.policy import analyze_bytes, analyze_text

# --- e-mail addresses ---------------------------------------------------------------------


def test_obfuscated_and_mailto_addresses():
    text = (
        "Brookside Analytics Ltd (\"we\") runs this site.\n\n"
        "For privacy requests write to privacy[at]brookside-analytics[dot]com.\n"
        "Our data protection officer: dpo (at) brookside-analytics.com.\n"
        "Legal notices: legal AT brookside-analytics DOT com.\n"
        "Support: mailto:support@brookside-analytics.com\n"
        "General questions: info@brookside-analytics.com\n"
    )
    a = analyze_text(text)
    assert a.emails[:3] == (
        "privacy@brookside-analytics.com",
        "dpo@brookside-analytics.com",
        "legal@brookside-analytics.com",
    )
    assert a.emails[3:] == ("support@brookside-analytics.com", "info@brookside-analytics.com")
    assert a.email_evidence[0].text.startswith("For privacy requests write to privacy[at]")
    assert text[a.email_evidence[0].offset :].startswith("For privacy requests")


def test_regulators_and_third_parties_are_not_contacts():
    text = (
        "Pinecone Games Inc. (\"Pinecone\", \"we\") publishes mobile games.\n"
        "Contact our privacy team at privacy@pinecone-games.com.\n"
        "You may complain to the Information Commissioner's Office at casework@ico.org.uk, to the CNIL "
        "(plaintes@cnil.fr) or to the California Attorney General (privacy@doj.ca.gov).\n"
        "Our payment processor, Paddle, handles refunds; contact their privacy team at privacy@paddle.com.\n"
        "Do not reply to noreply@pinecone-games.com.\n"
        "For an example, see jane@example.com.\n"
    )
    a = analyze_text(text)
    assert a.emails == ("privacy@pinecone-games.com",)


def test_a_policy_with_an_ico_address_and_notice_periods():
    a = analyze_bytes((FIXTURES / "uk_ico.txt").read_bytes(), filename="uk_ico.txt")
    assert a.company == "Harbour & Finch Ltd"
    assert a.emails == ("dataprotection@harbourandfinch.co.uk",)
    assert a.address == "14 Quay Street, Bristol BS1 4DN"  # the registered office, not Wycliffe House
    assert a.regimes == ("uk_gdpr",)
    assert a.response_days == 10  # "within 10 working days": the number the policy states
    assert set(a.rights) == {"access", "rectification", "deletion", "restriction", "objection", "portability"}


# --- company ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,name",
    [
        ('Welcome! Lumen Health, Inc. ("Lumen", "we", "us", or "our") operates lumen.health.', "Lumen Health, Inc."),
        ("This notice is provided by Quartz Mobility GmbH. We care about privacy.", "Quartz Mobility GmbH"),
        ("The data controller is Tessera Labs B.V., Keizersgracht 1, Amsterdam.", "Tessera Labs B.V."),
        ("Otterbox Studio Privacy Policy\n\nWe collect your email address.", "Otterbox Studio"),
        ("Privacy Policy | Zephyr Notes\n\nWe collect your email address.", "Zephyr Notes"),
        ("We respect your privacy.\n\n© 2024 Copperleaf Media LLC. All rights reserved.", "Copperleaf Media LLC"),
        ("At Fernway, we take privacy seriously. Fernway Holdings Ltd is registered in Scotland.", "Fernway Holdings Ltd"),
    ],
)
def test_company_name(text, name):
    a = analyze_text(text)
    assert a.company == name
    assert a.company_evidence is not None and text[a.company_evidence.offset :].strip()


@pytest.mark.parametrize(
    "text",
    [
        "Privacy Policy\n\nThis privacy policy explains what we collect. Contact us at hello@quietpages.net.",
        "Business Product & Support Privacy Notice\n\nWe use your data to run our products.",
        "PRIVACY NOTICE\n\nWe may share data with Google Analytics, provided by Google LLC.",
    ],
)
def test_no_company_when_the_policy_never_names_one(text):
    a = analyze_text(text)
    assert a.company is None
    assert a.company_evidence is None


def test_company_from_our_website_domain():
    a = analyze_text("This privacy notice applies when you visit our website at https://tidewater.io and use our app.")
    assert a.company == "Tidewater"


# --- CCPA categories and data items --------------------------------------------------------


def test_plain_text_table_with_yes_no_columns():
    text = (
        "Categories of Personal Information We Collect\n\n"
        "Category | Examples | Collected | Sold or shared\n"
        "Identifiers | Name, email address, IP address | YES | NO\n"
        "Commercial information | Purchase history | YES | NO\n"
        "Biometric information | Fingerprints | NO | NO\n"
        "Geolocation data | Precise location | NO | NO\n"
        "Sensitive personal information | Social Security number | NO | NO\n\n"
        "We also collect your location when you use the store finder.\n"
    )
    a = analyze_text(text)
    assert a.ccpa_categories == ("A", "D")  # G is marked NO: the prose mention does not override it
    items = {i.item: i.category for i in a.data_items}
    assert items["email_address"] == "A" and items["purchase_history"] == "D"
    assert "biometrics" not in items and "government_id" not in items and "coarse_location" not in items


def test_table_whose_collected_column_is_empty_says_nothing():
    text = (
        "Category | Examples | Collected |\n"
        "A. Identifiers | Contact details, such as real name, email address |  |\n"
        "E. Biometric information | Fingerprints and voiceprints |  |\n"
        "G. Geolocation data | Device location |  |\n"
    )
    a = analyze_text(text)
    assert a.ccpa_categories == ()
    assert a.data_items == ()


def test_list_of_categories_collected_versus_disclosed():
    text = (
        "In the past 12 months we have collected the following categories of personal information:\n"
        "- Identifiers\n"
        "- Internet or other electronic network activity information\n"
        "- Inferences drawn from other personal information\n\n"
        "In the past 12 months we have disclosed the following categories for a business purpose:\n"
        "- Protected classification characteristics under California or federal law\n"
    )
    a = analyze_text(text)
    assert a.ccpa_categories == ("A", "F", "K")


def test_prose_items_and_negations():
    text = (
        "When you register we collect your full name, email address, phone number and date of birth. "
        "We do not collect your precise location. We will never ask for your Social Security number. "
        "Our app records crash reports and usage data. "
        "You can contact us by email or phone."
    )
    a = analyze_text(text)
    items = {i.item for i in a.data_items}
    assert {"real_name", "email_address", "phone_number", "date_of_birth", "usage_data", "device_information"} <= items
    assert "precise_location" not in items and "government_id" not in items
    assert a.ccpa_categories == ("A", "C", "F")
    first = next(i for i in a.data_items if i.item == "real_name")
    assert first.evidence.text.startswith("When you register")


def test_definitions_are_not_collection():
    text = "\"Personal information\" means information such as your name, address or biometric data. We collect your email address."
    a = analyze_text(text)
    assert {i.item for i in a.data_items} == {"email_address"}


# --- rights ----------------------------------------------------------------------------------


def test_rights_phrasings():
    text = (
        "You have the right to be forgotten and the right to data portability. "
        "You may object to processing for direct marketing. "
        "To opt out, click Do Not Sell or Share My Personal Information. "
        "We will not discriminate against you for exercising your rights. "
        "You can withdraw your consent at any time. "
        "You may ask us to correct inaccurate information or restrict its processing. "
        "You can request a copy of your data."
    )
    a = analyze_text(text)
    assert set(a.rights) == {
        "deletion", "portability", "objection", "opt_out_sale", "non_discrimination",
        "withdraw_consent", "rectification", "restriction", "access",
    }
    assert a.right_evidence["deletion"].text.startswith("You have the right to be forgotten")


def test_rights_the_policy_denies_or_never_offers():
    text = (
        "Portability: your right to data portability is not applicable. "
        "Withdrawal of consent: you do not have the right to withdraw it because we do not rely on consent. "
        "We do not sell your personal information. "
        "We protect your data against unauthorised access."
    )
    a = analyze_text(text)
    assert a.rights == ()


# --- response time -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence,days",
    [
        ("We will respond to your request within 45 days.", 45),
        ("We will respond to verified requests within one month of receipt.", 30),
        ("We will respond to your request within thirty (30) days.", 30),
        ("We will respond to your request within 45 (forty-five) days.", 45),
        ("We aim to reply to privacy requests within 10 business days.", 10),
        ("Requests are processed within two weeks.", 14),
        ("We endeavor to respond to a verifiable consumer request within 45 days of its receipt. "
         "If we require more time (up to 90 days), we will inform you.", 45),
        ("To make a request, email privacy@x-corp.com. We will respond within 30 days.", 30),
    ],
)
def test_response_days(sentence, days):
    a = analyze_text(sentence)
    assert a.response_days == days
    assert a.response_evidence is not None


@pytest.mark.parametrize(
    "text",
    [
        "If we make material changes, we will give you at least 30 days' notice before they take effect.",
        "We will notify you of changes to this policy within 30 days by email.",
        "We retain server logs for 30 days and then delete them.",
        "Our session cookie expires after 30 days; the consent cookie within 12 months.",
        "If you disagree with the changes, you may terminate your account by sending us an email within 30 days.",
        "We will notify you of a data breach within 72 hours.",
    ],
)
def test_periods_that_are_not_response_deadlines(text):
    assert analyze_text(text).response_days is None


# --- regimes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,regime",
    [
        ("This notice is provided under the General Data Protection Regulation (GDPR).", "gdpr"),
        ("If you are located in the European Economic Area, you have the following rights.", "gdpr"),
        ("Under the UK GDPR you may complain to the ICO.", "uk_gdpr"),
        ("California residents have rights under the CCPA.", "ccpa"),
        ("Residents of Virginia, Colorado and Connecticut have additional rights.", "us_state"),
        ("We comply with PIPEDA and applicable Canadian privacy law.", "pipeda"),
        ("Brazilian residents have rights under the LGPD (Lei Geral de Proteção de Dados).", "lgpd"),
    ],
)
def test_regimes(text, regime):
    a = analyze_text(text)
    assert regime in a.regimes
    assert a.regime_evidence[regime].offset == 0


def test_a_place_is_not_a_law():
    a = analyze_text("Our servers are in the European Union and in California. We store backups in Canada.")
    assert a.regimes == ()


# --- web forms ----------------------------------------------------------------------------------


def test_webforms_are_the_publishers_own_request_pages():
    text = (
        "Alder Bank plc (\"we\") respects your privacy. Email privacy@alderbank.co.uk or submit a request using "
        "our online form at https://www.alderbank.co.uk/privacy/request-form. "
        "To opt out of Google Analytics, visit https://tools.google.com/dlpage/gaoptout. "
        "You can also complain via https://ico.org.uk/make-a-complaint/. Read our blog at https://www.alderbank.co.uk/blog."
    )
    a = analyze_text(text)
    assert a.webforms == ("https://www.alderbank.co.uk/privacy/request-form",)


# --- the JSON contract --------------------------------------------------------------------------


def test_json_shape_for_an_empty_analysis():
    data = analyze_text("Nothing to see here.").to_json()
    assert list(data) == [
        "company", "emails", "webforms", "address", "regimes", "ccpa_categories",
        "data_items", "rights", "response_days", "evidence",
    ]
    assert data["company"] is None and data["response_days"] is None and data["address"] is None
    assert data["emails"] == [] and data["ccpa_categories"] == []
    assert data["evidence"] == {
        "company": None, "emails": [], "webforms": [], "address": None, "regimes": {},
        "ccpa_categories": {}, "data_items": [], "rights": {}, "response_days": None,
    }


# --- whole policies in the shapes generators produce ----------------------------------------


def test_termly_style_policy_with_yes_no_cells_on_their_own_lines():
    a = analyze_bytes((FIXTURES / "termly_style.txt").read_bytes(), filename="termly_style.txt")
    assert a.company == "Kestrel Apps LLC"
    assert a.emails == ("privacy@kestrelapps.com", "support@kestrelapps.com")
    assert a.ccpa_categories == ("A", "B", "G", "L")
    # Examples in NO rows are not collected ("Fingerprints", "Images and audio" rows).
    assert not {"biometrics", "photos", "audio_recordings"} & {i.item for i in a.data_items}
    assert a.regimes == ("gdpr", "uk_gdpr", "ccpa", "us_state", "pipeda")
    assert set(a.rights) == {
        "access", "deletion", "rectification", "portability", "objection", "restriction",
        "opt_out_sale", "withdraw_consent", "non_discrimination",
    }
    assert a.address == "Kestrel Apps LLC, 2261 Market Street, STE 22184, San Francisco, CA 94114, United States"
    assert a.response_days is None


def test_iubenda_style_policy():
    a = analyze_bytes((FIXTURES / "iubenda_style.txt").read_bytes(), filename="iubenda_style.txt")
    assert a.company == "Lumaca Design S.r.l."
    assert a.emails == ("privacy@lumacadesign.it",)
    assert a.address == "Lumaca Design S.r.l. - Via Garibaldi 18, 10122 Torino (Italy)"
    assert a.regimes == ("gdpr",)
    assert a.response_days == 30  # "always within one month"
    assert {"access", "deletion", "rectification", "portability", "objection", "restriction", "withdraw_consent"} == set(
        a.rights
    )
    assert {"email_address", "real_name", "phone_number", "usage_data"} <= {i.item for i in a.data_items}


def test_company_before_its_affiliates_and_role_aliases():
    a = analyze_text('This Privacy Policy applies to Orchard Health Inc. and its affiliates (collectively, "Orchard", "we", "us").')
    assert a.company == "Orchard Health Inc."
    assert analyze_text('Acme Widgets Ltd ("Acme" or the "Company") sells widgets.').company == "Acme Widgets Ltd"


def test_cloudflare_protected_email_in_html():
    address = "privacy@cfco.com"
    key = 0x42
    encoded = f"{key:02x}" + "".join(f"{ord(c) ^ key:02x}" for c in address)
    html = (
        f'<html><body><p>For privacy requests contact <a href="/cdn-cgi/l/email-protection#{encoded}">'
        f'<span class="__cf_email__" data-cfemail="{encoded}">[email&#160;protected]</span></a>.</p></body></html>'
    )
    a = analyze_bytes(html.encode(), filename="privacy.html")
    assert a.emails == (address,)
    assert a.text.count(address) == 1


# --- postal addresses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,address",
    [
        ("You can also mail us at Acme Inc., 100 Main Street, Springfield, IL 62701.",
         "Acme Inc., 100 Main Street, Springfield, IL 62701"),
        ("Please write to us at: Data Protection Officer, Acme Ltd, 1 High Street, London EC1A 1BB, United Kingdom.",
         "Data Protection Officer, Acme Ltd, 1 High Street, London EC1A 1BB, United Kingdom"),
        ("Contact: Attn: Legal, 123 Main St, Suite 100, San Francisco, CA 94105",
         "Attn: Legal, 123 Main St, Suite 100, San Francisco, CA 94105"),
        ("Our registered office is at 5 Rue de Rivoli, 75001 Paris, France.", "5 Rue de Rivoli, 75001 Paris, France"),
        ("Postal address: P.O. Box 1234, Austin, TX 78701", "P.O. Box 1234, Austin, TX 78701"),
        ("Write to Acme Canada Inc., 200 Bay Street, Toronto, ON M5J 2J2, Canada.",
         "Acme Canada Inc., 200 Bay Street, Toronto, ON M5J 2J2, Canada"),
        ("Contact us\n\nAcme Ltd\n\n1 High Street\n\nLondon EC1A 1BB\n\nUnited Kingdom\n",
         "Acme Ltd, 1 High Street, London EC1A 1BB, United Kingdom"),
    ],
)
def test_postal_address(text, address):
    a = analyze_text(text)
    assert a.address == address
    assert " ".join(text[a.address_evidence.offset :].split()).startswith(a.address_evidence.text)


def test_no_address_from_a_regulator_or_a_bare_number():
    text = (
        "You can complain to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, SK9 5AF.\n"
        "We have 12000 Customers and were founded in 2015 in California 94000 times over.\n"
    )
    assert analyze_text(text).address is None


@pytest.mark.parametrize(("address", "country"), [
    ("Wicresoft North America, LTD, 13810 SE Eastgate Way, Suite 560, Bellevue, WA 98005, United States", "US"),
    ("Rue de la Paix 1\n75002 Paris\nFrance", "FR"),
    ("Musterstr. 1, 10115 Berlin, Deutschland", "DE"),
    ("10 Downing Street, London SW1A 2AA, UK", "GB"),
    ("1 Peachtree St, Atlanta, Georgia", ""),  # a US state, not the country
    ("1 Jersey Road, Springfield, IL 62701", ""),  # no country named: none guessed
    ("", ""),
])
def test_country_from_the_end_of_a_policy_address(address, country):
    from privacy_tui.core.policy.address import address_country

    assert address_country(address) == country
