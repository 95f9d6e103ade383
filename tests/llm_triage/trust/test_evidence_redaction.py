"""Secrets in evidence values are masked before a bundle is hashed or sent; ordinary evidence is kept."""

import json

import pytest

from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import get_profile
from llm_triage.trust.redaction import mask, redact_evidence

AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MX0.c2lnbmF0dXJlLXZhbHVlLWhlcmU"

# (value, the secret that must disappear, the kind its mask names, text that must survive)
TRUE_POSITIVES = [
    (f"aws_secret_access_key={AWS_SECRET}", AWS_SECRET, "aws_secret_key", "aws_secret_access_key="),
    (f'"SecretAccessKey": "{AWS_SECRET}"', AWS_SECRET, "aws_secret_key", "SecretAccessKey"),
    ("key=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", "gcp_api_key", ""),
    (
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4==;Endpoint",
        "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4==",
        "azure_storage_key",
        "AccountName=acct",
    ),
    (
        "https://acct.blob.core.windows.net/c?sv=2021&sig=AbCdEfGhIjKlMnOpQrStUvWx%2Bz%3D",
        "AbCdEfGhIjKlMnOpQrStUvWx",
        "azure_sas_signature",
        "acct.blob.core.windows.net",
    ),
    ("Server=db1;Database=hr;User Id=sa;Password=Winter2024!;", "Winter2024!", "connection_password", "Server=db1"),
    ("postgres://app:S3cr3tPass@db.internal:5432/prod", "S3cr3tPass", "url_credentials", "@db.internal:5432"),
    ("Authorization: Bearer abcdEFGH1234ijklMNOP5678", "abcdEFGH1234ijklMNOP5678", "bearer_token", "Authorization"),
    (f"token {JWT}", JWT, "jwt", "token "),
    (
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----",
        "MIIEpAIBAAKCAQEA7",
        "private_key",
        "",
    ),
    ('"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg', "MIIEvQIBADANBg", "private_key", "private_key"),
    ("mysql -u root -pHunter2go db", "Hunter2go", "command_line_password", "mysql -u root"),
    ("PsExec.exe \\\\ws01 -u corp\\adm -p Summer!2024 cmd", "Summer!2024", "command_line_password", "\\\\ws01"),
    ("tool.exe --password=Passw0rd123 --verbose", "Passw0rd123", "command_line_password", "--verbose"),
    ("tool --password 'two words' x", "two words", "command_line_password", " x"),
    ("New-LocalUser -Name bob -Password Sup3rS3cret", "Sup3rS3cret", "command_line_password", "-Name bob"),
    ("cmdkey /add:srv /user:adm /pass:Qwerty!234", "Qwerty!234", "command_line_password", "/user:adm"),
    ("net user backdoor P@ssw0rd! /add", "P@ssw0rd!", "command_line_password", "/add"),
    ("NET.EXE user svc_x Autumn99 /domain", "Autumn99", "command_line_password", "svc_x"),
    ("curl -d client_secret=abcd1234efgh https://x", "abcd1234efgh", "secret_value", "curl -d"),
    ("api_key: 9f8e7d6c5b4a", "9f8e7d6c5b4a", "secret_value", "api_key"),
]

FALSE_POSITIVES = [
    "ssh -p 2222 admin@10.0.0.5",
    "mkdir -p /tmp/stage && perl -pe 's/a/b/' x",
    "net user alice /domain",
    "net user bob * /add",
    "https://example.com/path?page=2",
    "User changed password",
    "PasswordLastSet: 2024-01-01",
    "arn:aws:iam::123456789012:role/AKIA-rotation-role",
    "GetSecretValue arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db",
    "AROAEXAMPLEROLEID123:session",
    "eyJ is how a JWT starts",
    "powershell.exe -nop -w hidden -enc SQBFAFgA",
    "Token expired for user",
    "mailto:alice@example.com",
    # AWS access key ids are identifiers the analyst pivots on (the secret key beside one is masked)
    "key AKIAIOSFODNN7EXAMPLE used",
    '"accessKeyId": "ASIAY34FZKBOKMUTVV7A"',
    # flags that take a password in one tool and mean something else in another
    "docker run -p 8080:80 nginx",
    "zip -r backup.zip /srv/data",
    'sqlcmd -S db1 -p -Q "select 1"',
    "hydra -l admin -P rockyou.txt ssh://10.0.0.7",
    "smbclient -U alice //fs01/share",
    "7z x -o/tmp/out archive.7z",
    "net use \\\\fs01\\share /user:corp\\alice",
    "keytool -list -keystore k.jks -storepass:env STORE_PW",
    "ssh-keygen -t ed25519 -N '' -f id_ed25519",
]


@pytest.mark.parametrize(("value", "secret", "kind", "kept"), TRUE_POSITIVES)
def test_secrets_are_masked_and_the_rest_kept(value: str, secret: str, kind: str, kept: str) -> None:
    redacted = redact_evidence(value)
    assert secret not in redacted
    assert mask(kind) in redacted
    assert kept in redacted


@pytest.mark.parametrize("value", FALSE_POSITIVES)
def test_ordinary_evidence_is_left_alone(value: str) -> None:
    assert redact_evidence(value) == value


@pytest.mark.parametrize("name", ["password", "request.password", "request.clientSecret", "response.sessionToken"])
def test_fields_named_as_secrets_are_masked_whole(name: str) -> None:
    assert redact_evidence("HIDDEN_DUE_TO_SECURITY_REASONS", name) == mask("secret_field")


@pytest.mark.parametrize("name", ["request.secretId", "user", "request.passwordPolicy", "access_key"])
def test_fields_that_only_mention_secrets_keep_their_values(name: str) -> None:
    assert (
        redact_evidence("arn:aws:secretsmanager:us-east-1:1:secret:x", name)
        == "arn:aws:secretsmanager:us-east-1:1:secret:x"
    )


def test_bundles_carry_masks_and_their_hash_covers_them() -> None:
    row = {
        "CommandLine": f"aws configure set aws_secret_access_key {AWS_SECRET}; net user evil Pa55word! /add",
        "Image": "C:\\Windows\\System32\\cmd.exe",
        "User": "CORP\\alice",
    }
    bundle = build_bundle(row, get_profile("endpoint"))
    assert AWS_SECRET not in bundle.text and "Pa55word!" not in bundle.text
    process = json.loads(bundle.text)["events"][0]["fields"]["process"]
    assert "[redacted:command_line_password]" in process
    same_but_other_secret = dict(row, CommandLine=row["CommandLine"].replace("Pa55word!", "0ther!pw"))
    assert build_bundle(same_but_other_secret, get_profile("endpoint")).hash == bundle.hash


def test_a_secret_is_masked_before_the_value_is_cut() -> None:
    row = {"CommandLine": "x" * 10 + " --password LongSecretValue123", "Image": "a.exe"}
    text = build_bundle(row, get_profile("endpoint")).text
    assert "LongSecret" not in text


def test_multivalue_items_are_masked_each() -> None:
    row = {"CommandLine": ["mysql -pAbc12345 db", "plain"], "Image": "m.exe"}
    fields = json.loads(build_bundle(row, get_profile("endpoint")).text)["events"][0]["fields"]
    assert fields["process"] == ["mysql -p[redacted:command_line_password] db", "plain"]
