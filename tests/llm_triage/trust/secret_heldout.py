# ruff: noqa: E501  (the secrets are data, kept whole on their lines as they were written)
"""Secrets written after the catalogue was frozen (commit 816bc16), by another method than the corpus: by
hand, as configuration files, shell history and tool invocations show them in the wild, without running
the rules until all 30 were written. Measured once: 18 of 30 masked (60%), against 100% of the corpus
made from format descriptions. The misses are mostly tools whose password flag no rule knows (7z -p,
rar -hp, openssl -k, schtasks /rp, sqlcmd -P, hydra -p, smbclient user%pass, ssh-keygen -N), a YAML
`name:`/`value:` pair, a .netrc line, and a secret echoed on its own. Kept as a regression floor; the next
change to the catalogue gets a fresh set, since this one is no longer out of sample once rules are fitted
to its misses.

Then fitted (2026-12-04): rules for those tools' documented password flags, the Kubernetes env pair and
.netrc took it to 29 of 30; the one left, a password echoed on its own, has nothing that says it is one.
The fresh set written after that, by another method, is secret_heldout_docs.py.
"""

# (the text, the secret in it)
CASES: "list[tuple[str, str]]" = [
    (
        "//registry.npmjs.org/:_authToken=npm_Q3xv8Lr2pZk9Wm4Ts7Yb1Nc6Hd0Fg5Ja2Ue8",
        "npm_Q3xv8Lr2pZk9Wm4Ts7Yb1Nc6Hd0Fg5Ja2Ue8",
    ),
    (
        "[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcCJGE4ZDFkYjAyLWU2NTAtNDJjZS1iMzc2LTBhNjQ4MjlkZjBlOQACKlszLCJmOGY",
        "pypi-AgEIcHlwaS5vcmcCJGE4ZDFkYjAyLWU2NTAtNDJjZS1iMzc2LTBhNjQ4MjlkZjBlOQACKlszLCJmOGY",
    ),
    (
        "git remote set-url origin https://x-access-token:ghs_Vb7Kq2Lm9Xp4Rt6Yw1Zs8Nd3Fh5Jc0Ga2Pe4@github.com/acme/app.git",
        "ghs_Vb7Kq2Lm9Xp4Rt6Yw1Zs8Nd3Fh5Jc0Ga2Pe4",
    ),
    ("docker run -e POSTGRES_PASSWORD=Tr0ub4dor-and-3 -d postgres:16", "Tr0ub4dor-and-3"),
    ("kubectl create secret generic db --from-literal=password='Xk29!mQz7'", "Xk29!mQz7"),
    (
        "env:\n  - name: DATADOG_API_KEY\n    value: 4f6c2a9e8b1d7c3f5a0e9b2d6c8f1a3e",
        "4f6c2a9e8b1d7c3f5a0e9b2d6c8f1a3e",
    ),
    ('Invoke-WebRequest -Uri $u -Headers @{"X-API-KEY"="b7e2c9f4a1d8e3f6"}', "b7e2c9f4a1d8e3f6"),
    ("wget --user=deploy --password=Summer2026! https://files.internal/build.zip", "Summer2026!"),
    ("ftp://backup:Qw3rty!98@ftp.acme.local/dumps", "Qw3rty!98"),
    ("JDBC url jdbc:mysql://db.acme.local:3306/hr?user=svc&password=Pa55w0rd42", "Pa55w0rd42"),
    (
        "Set-Content .env 'SLACK_BOT_TOKEN=xoxb-2718281828-3141592653-AbCdEfGhIjKlMnOpQrStUvWx'",
        "xoxb-2718281828-3141592653-AbCdEfGhIjKlMnOpQrStUvWx",
    ),
    (
        "curl -H 'Authorization: token ghp_Mn3Bv8Cx2Zl7Kj4Hg9Fd1Sa6Qw0Er5Ty3Ui8' https://api.github.com/user",
        "ghp_Mn3Bv8Cx2Zl7Kj4Hg9Fd1Sa6Qw0Er5Ty3Ui8",
    ),
    ("openssl enc -aes-256-cbc -k S3cretPassphrase! -in a -out b", "S3cretPassphrase!"),
    ("7z a -pInfected2026 loot.7z C:\\Users\\Public\\*", "Infected2026"),
    ("rar a -hpS0meP4ss archive.rar docs", "S0meP4ss"),
    ("schtasks /create /tn upd /tr c:\\x.exe /ru admin /rp Hunter2!x", "Hunter2!x"),
    ('runas /user:corp\\adm "cmd" & echo P@ssw0rd2026 | clip', "P@ssw0rd2026"),
    ('mongo "mongodb://root:Mong0Pass77@10.1.1.9:27017/admin"', "Mong0Pass77"),
    (
        "az login --service-principal -u 5f1c... -p abc8Q~Zx9Lm2Pq7Rt4Vw1Ys6Nb3Hd0Fg5Jc8Ke2 --tenant t",
        "abc8Q~Zx9Lm2Pq7Rt4Vw1Ys6Nb3Hd0Fg5Jc8Ke2",
    ),
    (
        "aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE9",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE9",
    ),
    ("export STRIPE_SECRET=sk_live_51HxQm2Lp9Rt4Vw7Ys1Nb6Hd0Fg5Jc8Ke2", "sk_live_51HxQm2Lp9Rt4Vw7Ys1Nb6Hd0Fg5Jc8Ke2"),
    (
        "https://discord.com/api/webhooks/112233445566778899/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdEFGHijklMNOPqrst",
        "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdEFGHijklMNOPqrst",
    ),
    ('token: "glpat-Zx9Lm2Pq7Rt4Vw1Ys6Nb"', "glpat-Zx9Lm2Pq7Rt4Vw1Ys6Nb"),
    (
        "ANTHROPIC_API_KEY=sk-ant-api03-Zx9Lm2Pq7Rt4Vw1Ys6Nb3Hd0Fg5Jc8Ke2Zx9Lm2Pq7Rt4Vw1Ys6Nb3Hd0Fg5Jc8Ke2Zx9Lm2Pq7Rt4Vw1Ys6Nb3Hd0Fg5JcAA",
        "sk-ant-api03-Zx9Lm2Pq7Rt4Vw1Ys6Nb3Hd0Fg5Jc8Ke2Zx9Lm2Pq7Rt4Vw1Ys6Nb3Hd0Fg5Jc8Ke2Zx9Lm2Pq7Rt4Vw1Ys6Nb3Hd0Fg5JcAA",
    ),
    ("smbclient //fs01/share -U corp/backup%Backup#2026", "Backup#2026"),
    ('psql "host=db user=app password=PgPass!909 dbname=prod"', "PgPass!909"),
    ("sqlcmd -S db1 -U sa -P 'Sql$erver2026'", "Sql$erver2026"),
    ("hydra -l admin -p Welcome123 ssh://10.0.0.7", "Welcome123"),
    (
        "echo 'machine api.heroku.com login a@b.c password 6f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b' >> ~/.netrc",
        "6f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
    ),
    ("ssh-keygen -N 'MyKeyPass22' -f id_rsa", "MyKeyPass22"),
]
