"""The CCPA categories of personal information: the vocabulary of the whole app.

Categories A-K follow Cal. Civ. Code §1798.140(v)(1)(A)-(K) in the statute's order and
wording; L is "sensitive personal information" as defined in §1798.140(ae), which the CPRA
added to the list as (v)(1)(L). Each category lists the concrete data items that fall under it;
company records, the policy analyzer and the letters all speak of data in these keys.

An item belongs to the one category a reader would file it under first (the statute lists some
things twice: a name is both an identifier (A) and a customer record (B); it is filed under A).
`synonyms` are the words policies use for the item, lower case; the policy analyzer compiles them
into its lexicon.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from privacy_tui.core.errors import UserError


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    category: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    letter: str
    name: str
    description: str
    statute: str
    items: tuple[Item, ...] = ()


def _items(letter: str, *specs: tuple[str, str, tuple[str, ...]]) -> tuple[Item, ...]:
    return tuple(Item(key, label, letter, synonyms) for key, label, synonyms in specs)


_V1 = "Cal. Civ. Code §1798.140(v)(1)"

_CATEGORIES = (
    Category(
        "A",
        "Identifiers",
        "A real name, alias, postal address, unique personal identifier, online identifier, IP address, "
        "email address, account name, or other similar identifiers.",
        f"{_V1}(A)",
        _items(
            "A",
            ("real_name", "Name", ("name", "names", "full name", "first name", "last name", "surname", "real name",
                                   "legal name", "maiden name", "given name", "family name", "your name")),
            ("alias", "Alias or nickname", ("alias", "aliases", "nickname", "pseudonym", "display name", "screen name")),
            ("email_address", "Email address", ("email address", "e-mail address", "email", "e-mail", "business email",
                                                "email addresses", "e-mail addresses")),
            ("postal_address", "Postal address", ("postal address", "mailing address", "home address", "billing address",
                                                  "shipping address", "delivery address", "street address",
                                                  "physical address", "residential address", "address",
                                                  "current and former address")),
            ("phone_number", "Phone number", ("phone number", "telephone number", "mobile number", "mobile phone number",
                                              "cell phone number", "contact number", "phone", "telephone",
                                              "business phone number", "mobile contact number")),
            ("contact_details", "Contact details", ("contact information", "contact details", "contact data",
                                                    "contact info", "business contact information",
                                                    "business contact details")),
            ("ip_address", "IP address", ("ip address", "internet protocol address", "ip addresses",
                                          "internet protocol (ip) address", "ip (internet protocol) address")),
            ("device_identifier", "Device identifiers", ("device identifier", "device identifiers", "device id",
                                                         "device ids", "unique device identifier", "advertising identifier",
                                                         "advertising id", "mobile advertising identifier", "idfa",
                                                         "aaid", "imei", "mac address", "udid")),
            ("cookie_identifier", "Cookies and similar identifiers", ("cookie", "cookies", "cookie identifier",
                                                                      "cookie identifiers", "cookie id", "web beacon",
                                                                      "web beacons", "pixel tag", "pixel tags",
                                                                      "tracking pixel", "tracking pixels")),
            ("online_identifier", "Online or unique identifier", ("online identifier", "online identifiers",
                                                                  "unique personal identifier", "unique identifier",
                                                                  "unique identifiers", "customer number", "customer id",
                                                                  "user id", "member id")),
            ("account_name", "Account name or username", ("username", "usernames", "user name", "user names",
                                                         "account name", "login name", "login id")),
        ),
    ),
    Category(
        "B",
        "Personal information categories listed in the California Customer Records statute",
        "Information listed in Cal. Civ. Code §1798.80(e): signature, physical characteristics or description, "
        "insurance policy number, bank account, credit or debit card number and other financial information, "
        "medical and health insurance information.",
        f"{_V1}(B)",
        _items(
            "B",
            ("signature", "Signature", ("signature", "signatures")),
            ("physical_description", "Physical characteristics", ("physical characteristics", "physical description")),
            ("insurance_policy_number", "Insurance policy number", ("insurance policy number", "insurance information")),
            ("bank_account", "Bank account details", ("bank account number", "bank account", "bank account details",
                                                      "bank details", "iban", "financial account number",
                                                      "financial account")),
            ("payment_card", "Payment card", ("credit card", "debit card", "payment card", "card number",
                                              "credit card number", "debit card number", "card details",
                                              "card information", "credit card information",
                                              "debit/credit card numbers", "credit/debit card")),
            ("payment_information", "Payment and financial information", ("payment information", "payment details",
                                                                          "payment data", "billing information",
                                                                          "billing details", "financial information",
                                                                          "financial data", "financial details",
                                                                          "payment account information", "income",
                                                                          "credit history", "credit score")),
            ("health_insurance", "Health insurance information", ("health insurance information",
                                                                  "health insurance")),
        ),
    ),
    Category(
        "C",
        "Characteristics of protected classifications under California or federal law",
        "Age, sex or gender, marital status, national origin or ancestry, disability, veteran or military "
        "status and other protected characteristics.",
        f"{_V1}(C)",
        _items(
            "C",
            ("date_of_birth", "Date of birth or age", ("date of birth", "birth date", "birthdate", "birthday", "age")),
            ("gender", "Sex or gender", ("gender", "sex", "gender identity")),
            ("marital_status", "Marital status", ("marital status", "family status")),
            ("national_origin", "National origin or ancestry", ("national origin", "nationality", "ancestry")),
            ("disability", "Disability", ("disability", "disabilities", "disability status")),
            ("veteran_status", "Veteran or military status", ("veteran status", "military status")),
        ),
    ),
    Category(
        "D",
        "Commercial information",
        "Records of personal property, products or services purchased, obtained or considered, or other "
        "purchasing or consuming histories or tendencies.",
        f"{_V1}(D)",
        _items(
            "D",
            ("purchase_history", "Purchase history", ("purchase history", "purchases", "transaction history",
                                                      "transaction information", "transaction data",
                                                      "transaction details", "order history", "order information",
                                                      "order details", "purchasing history",
                                                      "products you purchase", "products you purchased",
                                                      "products purchased", "purchase records", "purchase details",
                                                      "products or services purchased", "consuming histories",
                                                      "records of personal property")),
        ),
    ),
    Category(
        "E",
        "Biometric information",
        "Physiological, biological or behavioural characteristics used to establish identity: fingerprints, "
        "face and voice prints, iris or retina scans.",
        f"{_V1}(E)",
        _items(
            "E",
            ("biometrics", "Biometric data", ("biometric information", "biometric data", "biometric identifiers",
                                              "biometrics", "fingerprint", "fingerprints", "voiceprint",
                                              "voiceprints", "faceprint", "faceprints", "face geometry",
                                              "facial recognition data", "facial geometry", "retina scan",
                                              "iris scan", "palm print")),
        ),
    ),
    Category(
        "F",
        "Internet or other electronic network activity information",
        "Browsing history, search history and information about a consumer's interaction with a website, "
        "application or advertisement.",
        f"{_V1}(F)",
        _items(
            "F",
            ("browsing_history", "Browsing and search history", ("browsing history", "search history",
                                                                 "browsing data", "browsing activity",
                                                                 "browsing behavior", "browsing behaviour",
                                                                 "clickstream data", "clickstream",
                                                                 "search queries", "web history")),
            ("usage_data", "Usage data", ("usage data", "usage information", "usage details", "log data",
                                          "log files", "log information", "app usage", "pages visited",
                                          "pages viewed", "referring url", "referring urls", "referral url",
                                          "interaction with a website", "interactions with our website",
                                          "interaction with our website", "interaction with our services",
                                          "features accessed", "access times", "time spent")),
            ("device_information", "Device and browser information", ("device information", "device data",
                                                                      "device characteristics", "browser type",
                                                                      "browser characteristics", "operating system",
                                                                      "device type", "device model",
                                                                      "hardware model", "browser information",
                                                                      "diagnostic data", "crash reports")),
        ),
    ),
    Category(
        "G",
        "Geolocation data",
        "Information about where a device or person is, precise (GPS) or coarse (city, region, IP-derived).",
        f"{_V1}(G)",
        _items(
            "G",
            ("precise_location", "Precise location", ("precise location", "precise geolocation", "gps location",
                                                      "gps data", "gps coordinates", "exact location")),
            ("coarse_location", "Location", ("location", "locations", "location data", "location information",
                                             "geolocation", "geolocation data", "general location",
                                             "approximate location", "device location", "physical location",
                                             "location-based information")),
        ),
    ),
    Category(
        "H",
        "Audio, electronic, visual, thermal, olfactory, or similar information",
        "Photos, audio and video recordings, call recordings and similar sensory data.",
        f"{_V1}(H)",
        _items(
            "H",
            ("photos", "Photos and images", ("photo", "photos", "photograph", "photographs", "profile picture",
                                             "profile photo", "pictures", "images")),
            ("audio_recordings", "Audio recordings", ("audio recording", "audio recordings", "voice recording",
                                                      "voice recordings", "call recording", "call recordings",
                                                      "audio")),
            ("video_recordings", "Video recordings", ("video recording", "video recordings", "video footage",
                                                      "cctv footage", "cctv", "video")),
        ),
    ),
    Category(
        "I",
        "Professional or employment-related information",
        "Job title, employer, work history and other information about a person's work.",
        f"{_V1}(I)",
        _items(
            "I",
            ("job_title", "Job title", ("job title", "job titles", "occupation", "professional title", "job position")),
            ("employer", "Employer", ("employer", "employer name", "company name", "company names",
                                      "organization name", "organisation name", "corporate affiliations")),
            ("employment_history", "Employment history", ("employment history", "work history",
                                                          "employment information", "professional qualifications",
                                                          "cv", "resume", "résumé", "job application data",
                                                          "background check", "background checks",
                                                          "professional information")),
        ),
    ),
    Category(
        "J",
        "Education information",
        "Non-public education information as defined in the Family Educational Rights and Privacy Act "
        "(20 U.S.C. §1232g; 34 C.F.R. Part 99).",
        f"{_V1}(J)",
        _items(
            "J",
            ("education_records", "Education records", ("education records", "education history",
                                                        "educational background", "education information",
                                                        "student records", "transcripts", "grades",
                                                        "academic records", "education")),
        ),
    ),
    Category(
        "K",
        "Inferences drawn from personal information",
        "Inferences used to create a profile reflecting preferences, characteristics, psychological trends, "
        "predispositions, behaviour, attitudes, intelligence, abilities and aptitudes.",
        f"{_V1}(K)",
        _items(
            "K",
            ("inferences", "Inferred profile", ("inferences", "inferred preferences", "inferred interests",
                                                "inferred data", "consumer profile", "interest profile",
                                                "audience segments", "predispositions", "psychological trends")),
        ),
    ),
    Category(
        "L",
        "Sensitive personal information",
        "Government identifiers, account log-in with password, financial account with access code, precise "
        "geolocation, racial or ethnic origin, religious beliefs, union membership, contents of communications, "
        "genetic, biometric and health data, sex life or sexual orientation (§1798.140(ae)).",
        "Cal. Civ. Code §1798.140(ae)",
        _items(
            "L",
            ("government_id", "Government ID number", ("social security number", "social security numbers", "ssn",
                                                        "driver's license", "driver's license number",
                                                        "drivers license", "driving licence", "passport",
                                                        "passport number", "state identification card",
                                                        "national id number", "national identification number",
                                                        "government-issued identification", "government id",
                                                        "tax identification number", "national insurance number",
                                                        "identity card")),
            ("account_credentials", "Account login and password", ("password", "passwords", "login credentials",
                                                                   "log-in credentials", "account credentials",
                                                                   "security question", "security questions",
                                                                   "password hints", "authentication data",
                                                                   "security code", "pin")),
            ("health", "Health information", ("health information", "health data", "medical information",
                                              "medical records", "medical history", "medical conditions",
                                              "health conditions", "medical data")),
            ("racial_ethnic_origin", "Racial or ethnic origin", ("racial or ethnic origin", "race", "ethnicity",
                                                                 "ethnic origin")),
            ("religious_beliefs", "Religious or philosophical beliefs", ("religious beliefs", "religion",
                                                                         "philosophical beliefs",
                                                                         "religious or philosophical beliefs")),
            ("union_membership", "Union membership", ("union membership", "trade union membership")),
            ("sexual_orientation", "Sex life or sexual orientation", ("sexual orientation", "sex life")),
            ("genetic_data", "Genetic data", ("genetic data", "genetic information")),
            ("citizenship_status", "Citizenship or immigration status", ("citizenship", "immigration status",
                                                                         "citizenship status")),
            ("message_contents", "Contents of private communications", ("contents of your communications",
                                                                        "content of your messages",
                                                                        "contents of your messages",
                                                                        "contents of mail", "text messages")),
        ),
    ),
)

CATEGORIES: Mapping[str, Category] = MappingProxyType({c.letter: c for c in _CATEGORIES})
ITEMS: Mapping[str, Item] = MappingProxyType({i.key: i for c in _CATEGORIES for i in c.items})
LETTERS: tuple[str, ...] = tuple(CATEGORIES)


def category_name(letter: str) -> str:
    try:
        return CATEGORIES[letter.upper()].name
    except KeyError:
        raise UserError(f"unknown CCPA category {letter!r}: use a letter from A to L") from None


def category_label(letter: str) -> str:
    """The category's name for display; a letter the app does not know (an old or imported
    record) is shown as it is rather than failing the screen."""
    category = CATEGORIES.get(letter.upper())
    return category.name if category else letter
