"""A corpus of secrets for measuring evidence redaction, written by another method than its rules.

The rules (package/lib/llm_triage/trust/secret_catalogue.json) are regular expressions. This corpus is
generated from each format's public description instead: a prefix, an alphabet and a length (or the
shape of a command line, header or configuration line as the tool's manual shows it), filled with seeded
random characters, then planted in the kinds of free-text field a bundle carries. It was written after
the rules and never tuned against them; a format the rules miss stays in the report as a miss.

AWS access key ids (AKIA..., ASIA...) left the corpus on 2026-12-04: they are identifiers, not secrets (the
id alone authenticates nothing; CloudTrail records it in every call), kept for the analyst and pseudonymized
with the other identifiers (trust/pseudonyms.py).
"""

import random
import string
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Callable

ALNUM = string.ascii_letters + string.digits
B64URL = ALNUM + "-_"
HEX = "0123456789abcdef"
DIGITS = string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits


def chars(rng: random.Random, alphabet: str, length: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


@dataclass(frozen=True)
class Format:
    """One format as its vendor describes it: a name and how to make one."""

    name: str
    make: "Callable[[random.Random], object]"  # the token, or (the text holding it, the secret)


def _f(name: str, make: "Callable[[random.Random], object]") -> Format:
    return Format(name, make)


# Token formats, from the vendors' own descriptions (prefix, alphabet, length).
TOKENS = [
    _f("github classic PAT (ghp_ + 36 base62)", lambda r: "ghp_" + chars(r, ALNUM, 36)),
    _f("github OAuth token (gho_ + 36)", lambda r: "gho_" + chars(r, ALNUM, 36)),
    _f("github app installation token (ghs_ + 36)", lambda r: "ghs_" + chars(r, ALNUM, 36)),
    _f(
        "github fine-grained PAT (github_pat_ 22 _ 59)",
        lambda r: f"github_pat_{chars(r, ALNUM, 22)}_{chars(r, ALNUM, 59)}",
    ),
    _f("gitlab PAT (glpat- + 20)", lambda r: "glpat-" + chars(r, B64URL, 20)),
    _f("gitlab runner token (glrt- + 20)", lambda r: "glrt-" + chars(r, B64URL, 20)),
    _f("gitlab deploy token (gldt- + 20)", lambda r: "gldt-" + chars(r, B64URL, 20)),
    _f(
        "slack bot token (xoxb-digits-digits-24)",
        lambda r: f"xoxb-{chars(r, string.digits, 12)}-{chars(r, string.digits, 13)}-{chars(r, ALNUM, 24)}",
    ),
    _f(
        "slack user token (xoxp-)",
        lambda r: f"xoxp-{chars(r, DIGITS, 12)}-{chars(r, DIGITS, 12)}-{chars(r, DIGITS, 13)}-{chars(r, HEX, 32)}",
    ),
    _f(
        "slack app token (xapp-1-)",
        lambda r: f"xapp-1-A{chars(r, UPPER_ALNUM, 10)}-{chars(r, string.digits, 13)}-{chars(r, HEX, 64)}",
    ),
    _f(
        "slack webhook URL",
        lambda r: (
            "https://hooks.slack.com/services/"
            f"T{chars(r, UPPER_ALNUM, 8)}/B{chars(r, UPPER_ALNUM, 8)}/{chars(r, ALNUM, 24)}"
        ),
    ),
    _f("stripe live secret key (sk_live_ + 24)", lambda r: "sk_live_" + chars(r, ALNUM, 24)),
    _f("stripe restricted key (rk_live_ + 99)", lambda r: "rk_live_" + chars(r, ALNUM, 99)),
    _f("stripe webhook secret (whsec_ + 32)", lambda r: "whsec_" + chars(r, ALNUM, 32)),
    _f("openai project key (sk-proj- + 156)", lambda r: "sk-proj-" + chars(r, B64URL, 156)),
    _f("openai service account key (sk-svcacct-)", lambda r: "sk-svcacct-" + chars(r, B64URL, 120)),
    _f("openai legacy key (sk- 20 T3BlbkFJ 20)", lambda r: f"sk-{chars(r, ALNUM, 20)}T3BlbkFJ{chars(r, ALNUM, 20)}"),
    _f("anthropic key (sk-ant-api03- + 95)", lambda r: "sk-ant-api03-" + chars(r, B64URL, 93) + "AA"),
    _f("npm token (npm_ + 36)", lambda r: "npm_" + chars(r, ALNUM, 36)),
    _f("pypi token (pypi-AgEIcHlwaS5vcmc + 70)", lambda r: "pypi-AgEIcHlwaS5vcmc" + chars(r, B64URL, 70)),
    _f("sendgrid key (SG.22.43)", lambda r: f"SG.{chars(r, B64URL, 22)}.{chars(r, B64URL, 43)}"),
    _f("twilio API key SID (SK + 32 hex)", lambda r: "SK" + chars(r, HEX, 32)),
    _f("google OAuth access token (ya29.)", lambda r: "ya29." + chars(r, B64URL, 140)),
    _f("google OAuth client secret (GOCSPX- + 28)", lambda r: "GOCSPX-" + chars(r, B64URL, 28)),
    _f("google API key (AIza + 35)", lambda r: "AIza" + chars(r, B64URL, 35)),
    _f(
        "azure AD client secret (3 chars, digit, Q~, 34)",
        lambda r: chars(r, ALNUM, 3) + r.choice("78") + "Q~" + chars(r, ALNUM + "_~.-", 34),
    ),
    _f("hugging face token (hf_ + 34 letters)", lambda r: "hf_" + chars(r, string.ascii_letters, 34)),
    _f("docker hub PAT (dckr_pat_ + 27)", lambda r: "dckr_pat_" + chars(r, B64URL, 27)),
    _f("digitalocean PAT (dop_v1_ + 64 hex)", lambda r: "dop_v1_" + chars(r, HEX, 64)),
    _f("vault service token (hvs. + 90)", lambda r: "hvs." + chars(r, B64URL, 90)),
    _f("databricks PAT (dapi + 32 hex)", lambda r: "dapi" + chars(r, HEX, 32)),
    _f("grafana service account token (glsa_)", lambda r: f"glsa_{chars(r, ALNUM, 32)}_{chars(r, HEX, 8)}"),
    _f("new relic user key (NRAK- + 27)", lambda r: "NRAK-" + chars(r, UPPER_ALNUM, 27)),
    _f("shopify access token (shpat_ + 32 hex)", lambda r: "shpat_" + chars(r, HEX, 32)),
    _f("square access token (sq0atp- + 22)", lambda r: "sq0atp-" + chars(r, B64URL, 22)),
    _f("telegram bot token (digits:AA + 33)", lambda r: f"{chars(r, string.digits, 10)}:AA{chars(r, B64URL, 33)}"),
    _f("mailgun key (key- + 32 hex)", lambda r: "key-" + chars(r, HEX, 32)),
    _f("mailchimp key (32 hex -usN)", lambda r: chars(r, HEX, 32) + "-us" + str(r.randint(1, 21))),
    _f("atlassian API token (ATATT3 + 180)", lambda r: "ATATT3" + chars(r, B64URL, 180)),
    _f("postman key (PMAK-24-34)", lambda r: f"PMAK-{chars(r, HEX, 24)}-{chars(r, HEX, 34)}"),
    _f("alibaba access key id (LTAI + 20)", lambda r: "LTAI" + chars(r, ALNUM, 20)),
    _f(
        "JWT (header.payload.signature)",
        lambda r: "eyJhbGciOiJSUzI1NiJ9.eyJ" + chars(r, B64URL, 60) + "." + chars(r, B64URL, 86),
    ),
    # Added 2026-12-04 (audit of issue 17) for catalogue formats no test text exercised, from the vendors'
    # pages as their rules cite them, written before looking at the rules' patterns.
    _f(
        "teams incoming webhook URL (webhook.office.com/webhookb2/)",
        lambda r: (
            f"https://acme.webhook.office.com/webhookb2/{_guid(r)}@{_guid(r)}/IncomingWebhook/"
            f"{chars(r, HEX, 32)}/{_guid(r)}"
        ),
    ),
    _f(
        "discord webhook URL (api/webhooks/id/token)",
        lambda r: f"https://discord.com/api/webhooks/{chars(r, DIGITS, 19)}/{chars(r, B64URL, 68)}",
    ),
    _f(
        "braintree access token (access_token$production$16$32)",
        lambda r: f"access_token$production${chars(r, 'abcdefghijklmnopqrstuvwxyz0123456789', 16)}${chars(r, HEX, 32)}",
    ),
    _f(
        "terraform cloud API token (14.atlasv1.67)",
        lambda r: f"{chars(r, ALNUM, 14)}.atlasv1.{chars(r, ALNUM + '-_', 67)}",
    ),
    _f("sentry user auth token (sntryu_ + 64 hex)", lambda r: "sntryu_" + chars(r, HEX, 64)),
    _f("linear API key (lin_api_ + 40)", lambda r: "lin_api_" + chars(r, ALNUM, 40)),
    _f("circleci personal API token (CCIPAT_22_40 hex)", lambda r: f"CCIPAT_{chars(r, ALNUM, 22)}_{chars(r, HEX, 40)}"),
    _f("pulumi access token (pul- + 40 hex)", lambda r: "pul-" + chars(r, HEX, 40)),
    _f("jfrog reference token (cmVmdGtu + 56)", lambda r: "cmVmdGtuOjAxOj" + chars(r, ALNUM, 50)),
]

# Secrets given by their context: a configuration line, a header, a command line, as manuals show them.
FORMS = [
    _f("secret=<value>", lambda r: _form(r, "secret={}", ALNUM, 18)),
    _f("*_API_KEY=<value> (environment)", lambda r: _form(r, "export ACME_API_KEY={}", ALNUM, 32)),
    _f("*_TOKEN=<value> (environment)", lambda r: _form(r, "CI_DEPLOY_TOKEN={}", ALNUM, 40)),
    _f('JSON "password": "<value>"', lambda r: _form(r, '{{"user": "svc", "password": "{}"}}', ALNUM + "!@#", 14)),
    _f("YAML client_secret: <value>", lambda r: _form(r, "client_secret: {}", ALNUM, 30)),
    _f("X-Api-Key header", lambda r: _form(r, "X-Api-Key: {}", HEX, 32)),
    _f("Authorization: Basic header", lambda r: _form(r, "Authorization: Basic {}==", ALNUM, 24)),
    _f("curl -u user:pass", lambda r: _form(r, "curl -u admin:{} https://api.example.com/v1", ALNUM, 12)),
    _f("tool --token=<value>", lambda r: _form(r, "deploy --token={} --env prod", ALNUM, 40)),
    _f(
        "PowerShell ConvertTo-SecureString -AsPlainText",
        lambda r: _form(r, "$p = ConvertTo-SecureString '{}' -AsPlainText -Force", ALNUM, 12),
    ),
    _f("net user <name> <password> /add", lambda r: _form(r, "net user helpdesk {} /add", ALNUM, 10)),
    _f("sshpass -p <password>", lambda r: _form(r, "sshpass -p {} ssh root@10.0.0.5", ALNUM, 12)),
    _f("mysql -p<password>", lambda r: _form(r, "mysql -u root -p{} prod", ALNUM, 12)),
    _f("postgres URL with password", lambda r: _form(r, "postgresql://app:{}@db.internal:5432/prod", ALNUM, 16)),
    _f("mongodb+srv URL with password", lambda r: _form(r, "mongodb+srv://svc:{}@cluster0.example.net/app", ALNUM, 16)),
    _f("redis URL with password only", lambda r: _form(r, "redis://:{}@cache.internal:6379/0", ALNUM, 20)),
    _f("aws_session_token=<value>", lambda r: _form(r, "aws_session_token=IQoJb3JpZ2luX2VjE{}", ALNUM + "/+", 300)),
    _f(
        "azure SAS sig=",
        lambda r: _form(r, "https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sp=r&sig={}%3D", ALNUM, 43),
    ),
    _f(
        "SQL connection string Password=",
        lambda r: _form(r, "Server=db1;Database=hr;User Id=sa;Password={};", ALNUM, 14),
    ),
    # Added 2026-12-04 (audit of issue 17): formats the first measurement left to hand-written tests.
    _f(
        "aws credentials file aws_secret_access_key = <40>",
        lambda r: _form(r, "[default] aws_secret_access_key = {}", ALNUM + "/+", 40),
    ),
    _f(
        "azure storage connection string AccountKey=<88>",
        lambda r: _form(
            r,
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={}==;EndpointSuffix=core.windows.net",
            ALNUM + "/+",
            86,
        ),
    ),
    _f("Authorization: Bearer <opaque token>", lambda r: _form(r, "Authorization: Bearer {}", B64URL, 40)),
    _f("okta API token (Authorization: SSWS 00 + 40)", lambda r: _form(r, "Authorization: SSWS 00{}", B64URL, 40)),
    _f(
        "OpenSSH private key block",
        lambda r: _form(
            r, "-----BEGIN OPENSSH PRIVATE KEY----- {} -----END OPENSSH PRIVATE KEY-----", ALNUM + "/+", 70
        ),
    ),
]


def _guid(rng: random.Random) -> str:
    return "-".join(chars(rng, HEX, size) for size in (8, 4, 4, 4, 12))


def _form(rng: random.Random, template: str, alphabet: str, length: int) -> "tuple[str, str]":
    secret = chars(rng, alphabet, length)
    return template.format(secret), secret


# Where a secret may sit in evidence: the free-text fields bundles carry.
CONTEXTS = {
    "user_agent": "Mozilla/5.0 (X11; Linux x86_64) curl/8.4 {secret}",
    "command_line": 'powershell.exe -NoProfile -Command "{secret}"',
    "url": "https://portal.example.com/callback?state=ok&note={secret}",
    "email_body": "Hi team,\nplease use the following to get in:\n{secret}\nThanks, IT",
    "json_string": '{{"msg": "config dump", "detail": "{secret}"}}',
    "log_line": "2026-12-04T05:00:00Z app[231]: loaded settings {secret} from env",
}

PER_FORMAT = 3  # secrets made of each format (seeded, so every run tests the same ones)


@dataclass(frozen=True)
class Planted:
    """One secret planted in one field: the format, the context, the field's text and the secret text."""

    format: str
    context: str
    text: str
    secret: str


def planted(formats: "list[Format]", seed: int = 20261204) -> Iterator[Planted]:
    """Every format's secrets in every context."""
    rng = random.Random(seed)
    for fmt in formats:
        for _ in range(PER_FORMAT):
            made = fmt.make(rng)
            whole, secret = made if isinstance(made, tuple) else (str(made), str(made))
            for context, template in CONTEXTS.items():
                text = template.format(secret=whole.replace('"', "'") if context == "json_string" else whole)
                yield Planted(fmt.name, context, text, secret)
