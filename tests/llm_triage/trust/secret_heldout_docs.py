# ruff: noqa: E501  (the log lines are data, kept whole as they were written)
"""Held-out secret-redaction test set, built from tool and format documentation.

How it was written
------------------
Written on 2026-12-04 by an independent helper session. The helper did not see
the redaction component's rules, its existing tests or its word lists. It did not
open anything under lib/llm_triage/trust/, tests/llm_triage/trust/, wt-*/, or any
file named *secret* or *redact*.

Method: the project's own sets were generated from vendor token-format
descriptions. This set was built differently. The helper read the documentation
of real command-line tools, config-file formats and log sources (man pages,
official docs, and a few widely copied usage snippets found with the `search`
tool, corpora `docs` and `pages`). It then wrote log lines in the form a SOC
collects them: Sysmon/EDR process command lines (plain or inside JSON events),
bash history, web-proxy and access-log lines, application JSON logs, CI job logs,
and config-file lines pasted into tickets or emails. The credential in each line
sits where that tool's documentation says it goes.

Every secret value below was invented for this file and is not a real
credential. The values vary: human-style passwords, random strings, base64,
percent-encoded text, JWTs, GUID-shaped tokens, and hex NT hashes. They use
`=`, `:`, spaces, commas, `%` and `/` as separators, with and without quotes.

CASES:     (case_id, source_doc_url_or_tool, log_line, secret)
           `secret` is an exact substring of `log_line`, and none of its
           occurrences may survive redaction.
NEGATIVES: (case_id, log_line, must_survive)
           `must_survive` is an exact substring of `log_line` that an analyst
           needs to pivot on (a hash, GUID, ARN, key ID, SID, commit, trace ID
           and so on). It must NOT be masked, even though it sits next to words
           such as key, token or password.

Measured once, against the catalogue frozen at commit 8a959eb (before anyone here read this file):
38 of 60 masked (63%), 20 of 20 negatives kept. The misses were forms no rule knew (sqlplus user/pass@db,
Impacket's domain/user:pass@host and -hashes, lftp -u user,pass, snmp -c, .pgpass, XML <password>,
PRIVATE-TOKEN headers, docker's config.json auth, a password piped into kinit, reg add DefaultPassword)
and tools whose names a rule spelled too narrowly (PsExec64, mysqldump). Kept as a regression floor after
the rules were fitted to it; secret_heldout_atomic.py, written after that, is the next out-of-sample set.
"""

CASES: list[tuple[str, str, str, str]] = [
    # ---------------- Linux / Unix command lines (bash history, auditd EXECVE, EDR) ----------------
    (
        "wget_password_flag",
        "https://www.gnu.org/software/wget/manual/html_node/FTP-Options.html",
        "wget --user=backupsvc --password='Tq8#vLm2!rZ' ftp://ftp.corp.example/exports/db_20261203.tar.gz",
        "Tq8#vLm2!rZ",
    ),
    (
        "wget_url_userinfo",
        "https://www.gnu.org/software/wget/manual/html_node/URL-Format.html",
        "wget -q http://mirror-admin:Sk1ffHarbor77@10.20.4.9/pkgs/agent-2.4.rpm -O /tmp/a.rpm",
        "Sk1ffHarbor77",
    ),
    (
        "curl_user_flag_ecs_json",
        "https://curl.se/docs/manpage.html#-u",
        '{"@timestamp":"2026-12-04T08:02:11.412Z","host":{"name":"build-07"},"process":{"pid":48812,'
        '"executable":"/usr/bin/curl","command_line":"curl -sk -u svc_jenkins:W1nter-Lantern-2026 '
        'https://nexus.internal.example/service/rest/v1/repositories"}}',
        "W1nter-Lantern-2026",
    ),
    (
        "redis_cli_a",
        "https://redis.io/docs/latest/develop/tools/cli/ (redis-cli -a <password>)",
        "redis-cli -h 10.1.7.22 -p 6379 -a 'r3dis!Cache#Prod' --no-auth-warning CONFIG GET dir",
        "r3dis!Cache#Prod",
    ),
    (
        "redis_monitor_auth",
        "https://redis.io/commands/auth (AUTH [username] password, seen in MONITOR output)",
        '1733303701.550231 [0 10.1.7.40:51514] "AUTH" "default" "Hq7nZ2xCv9wR"',
        "Hq7nZ2xCv9wR",
    ),
    (
        "ldapsearch_w",
        "https://www.openldap.org/software/man.cgi?query=ldapsearch (-w passwd)",
        'ldapsearch -x -H ldaps://dc01.corp.example -D "cn=svc_ldapread,ou=Service,dc=corp,dc=example" '
        '-w \'Gr4nite$Owl\' -b "dc=corp,dc=example" "(sAMAccountName=jdoe)" memberOf',
        "Gr4nite$Owl",
    ),
    (
        "smbclient_percent",
        "https://www.samba.org/samba/docs/current/man-html/smbclient.1.html (-U user%password)",
        "smbclient //fs02.corp.example/finance -U 'CORP\\mbrown%Autumn2026!' -c 'recurse; ls'",
        "Autumn2026!",
    ),
    (
        "xfreerdp_p",
        "https://github.com/awakecoding/FreeRDP-Manuals/blob/master/User/FreeRDP-User-Manual.markdown (/p:<password>)",
        "xfreerdp /v:10.0.3.15 /u:administrator /p:Kx7!pQ2#wErT /cert:ignore +clipboard",
        "Kx7!pQ2#wErT",
    ),
    (
        "impacket_userpass_at",
        "https://github.com/fortra/impacket (examples: target = [[domain/]username[:password]@]<address>)",
        "python3 /opt/impacket/examples/psexec.py corp.example/jsmith:'Qz8#Lp3@Wn'@10.2.0.10 cmd.exe",
        "Qz8#Lp3@Wn",
    ),
    (
        "impacket_hashes",
        "https://github.com/fortra/impacket (-hashes LMHASH:NTHASH, pass-the-hash)",
        "secretsdump.py -hashes aad3b435b51404eeaad3b435b51404ee:5f4c1e2a9b7d3086e1c2f4a6b8d0e2f1 "
        "CORP/administrator@10.2.0.10 -just-dc-ntlm",
        "5f4c1e2a9b7d3086e1c2f4a6b8d0e2f1",
    ),
    (
        "evil_winrm_p",
        "https://github.com/Hackplayers/evil-winrm (-u USER -p PASS)",
        "evil-winrm -i 10.2.0.20 -u svc_backup -p 'Ch4rc0al!Fox' -s /opt/ps1",
        "Ch4rc0al!Fox",
    ),
    (
        "pgpassword_env",
        "https://www.postgresql.org/docs/current/libpq-envars.html (PGPASSWORD)",
        "PGPASSWORD='t7Vw!e2Rq' psql -h pg-prod-01 -U report_ro -d sales -c 'select count(*) from orders'",
        "t7Vw!e2Rq",
    ),
    (
        "postgres_uri",
        "https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS",
        'psql "postgresql://etl_user:Np5kX8qZ3w@pg-prod-02.corp.example:5432/warehouse?sslmode=require"',
        "Np5kX8qZ3w",
    ),
    (
        "mysqldump_p_attached",
        "https://dev.mysql.com/doc/refman/8.0/en/connection-options.html#option_general_password (-p with no space)",
        "mysqldump -u root -pZ9x!Ck3Lm --single-transaction --all-databases > /tmp/.cache/all.sql",
        "Z9x!Ck3Lm",
    ),
    (
        "mongosh_uri_percent_encoded",
        "https://www.mongodb.com/docs/manual/reference/connection-string/ (percent-encode reserved chars in password)",
        'mongosh "mongodb://appAdmin:Rw4%21Tz8pQ@mongo-01.corp.example:27017/admin?authSource=admin" --quiet',
        "Rw4%21Tz8pQ",
    ),
    (
        "sqlplus_slash",
        "https://docs.oracle.com/database/122/SQPUG/starting-SQL-Plus.htm (username[/password][@connect_identifier])",
        "sqlplus -s scott/Jn6Tq2Vz@//ora-prod.corp.example:1521/ORCLPDB1 @/home/oracle/export_hr.sql",
        "Jn6Tq2Vz",
    ),
    (
        "docker_login_p",
        "https://docs.docker.com/reference/cli/docker/login/ (--password / -p)",
        "docker login -u ci-bot -p 9hQ2mZx7LwT4vB6n registry.corp.example",
        "9hQ2mZx7LwT4vB6n",
    ),
    (
        "az_login_service_principal",
        "https://learn.microsoft.com/en-us/cli/azure/authenticate-azure-cli-service-principal (az login --service-principal -u -p)",
        "az login --service-principal -u 3f1c2b9a-7d4e-4e2a-9c1b-6a8d0f2e5b47 "
        '-p "Xy8Q~kR2vT.9mLp-Wd4Hs7Nc_Ab3Ef6Gj1Zu0" --tenant 0b6e2c1d-9f3a-4e7b-8c5d-2a1f0e9d8c7b',
        "Xy8Q~kR2vT.9mLp-Wd4Hs7Nc_Ab3Ef6Gj1Zu0",
    ),
    (
        "kubectl_token_jwt",
        "https://kubernetes.io/docs/reference/kubectl/kubectl/ (--token: bearer token for API server)",
        "kubectl --server=https://10.96.0.1:443 --insecure-skip-tls-verify "
        "--token=eyJhbGciOiJSUzI1NiIsImtpZCI6IlRxOXBYYyJ9.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwic3ViIjoic3lzdGVtOnNlcnZpY2VhY2NvdW50Omt1YmUtc3lzdGVtOmRlZmF1bHQifQ.Vn3rQ8mKz1Lw5Tx0bYc7Hd2Jf6Gs9Pa4Ue8Ri1Oy3Xm5Nk7Wq2Ez0Bv6Ct4Dl9Sh "
        "get secrets -A -o yaml",
        "eyJhbGciOiJSUzI1NiIsImtpZCI6IlRxOXBYYyJ9.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwic3ViIjoic3lzdGVtOnNlcnZpY2VhY2NvdW50Omt1YmUtc3lzdGVtOmRlZmF1bHQifQ.Vn3rQ8mKz1Lw5Tx0bYc7Hd2Jf6Gs9Pa4Ue8Ri1Oy3Xm5Nk7Wq2Ez0Bv6Ct4Dl9Sh",
    ),
    (
        "git_clone_userinfo",
        "https://git-scm.com/docs/git-clone#_git_urls (https://[user[:password]@]host/path)",
        "git clone https://jdoe:Maple-Orbit-4412@git.corp.example/scm/ops/ansible-inventory.git /tmp/inv",
        "Maple-Orbit-4412",
    ),
    (
        "pip_index_url",
        "https://pip.pypa.io/en/stable/topics/authentication/ (https://username:password@host/simple)",
        "pip install --index-url https://pypi-reader:Qe4Wr7Ty1Ui@nexus.corp.example/repository/pypi/simple internal-lib==2.3.1",
        "Qe4Wr7Ty1Ui",
    ),
    (
        "vault_login_token",
        "https://developer.hashicorp.com/vault/docs/commands/login (vault login <token>)",
        "vault login -address=https://vault.corp.example:8200 s.Hk3Lm9Qw2Er7Ty5Ui8Op1As4",
        "s.Hk3Lm9Qw2Er7Ty5Ui8Op1As4",
    ),
    (
        "gpg_passphrase",
        "https://www.gnupg.org/documentation/manuals/gnupg/GPG-Esoteric-Options.html (--passphrase string)",
        "gpg --batch --yes --pinentry-mode loopback --passphrase 'correct-staple-orbit-57' --symmetric /tmp/export.csv",
        "correct-staple-orbit-57",
    ),
    (
        "zip_P",
        "https://linux.die.net/man/1/zip (-P password)",
        "zip -r -q -P Exf1l2026! /tmp/q4.zip /home/cfo/Documents/board",
        "Exf1l2026!",
    ),
    (
        "openssl_passout",
        "https://docs.openssl.org/master/man1/openssl-passphrase-options/ (pass:password)",
        "openssl pkcs12 -export -in web.crt -inkey web.key -out /tmp/web.pfx -passout pass:Cert!Export-19",
        "Cert!Export-19",
    ),
    (
        "keytool_storepass",
        "https://docs.oracle.com/en/java/javase/17/docs/specs/man/keytool.html (-storepass / -keypass)",
        "keytool -genkeypair -alias tomcat -keyalg RSA -keystore /opt/tomcat/conf/ks.jks -storepass Jks7Vault22 "
        '-keypass Jks7Vault22 -dname "CN=app01.corp.example"',
        "Jks7Vault22",
    ),
    (
        "sshpass_p",
        "https://linux.die.net/man/1/sshpass (-p password)",
        "sshpass -p 'Dune!Sail#08' ssh -o StrictHostKeyChecking=no root@10.4.2.18 'cat /etc/shadow'",
        "Dune!Sail#08",
    ),
    (
        "lftp_u_comma",
        "https://lftp.yar.ru/lftp-man.html (-u user[,pass])",
        'lftp -u deploy,Cq5Vn8Bm2 sftp://files.partner.example -e "put /srv/out/report.csv; bye"',
        "Cq5Vn8Bm2",
    ),
    (
        "mount_cifs_password",
        "https://manpages.ubuntu.com/manpages/bionic/man8/mount.cifs.8.html (password=arg)",
        "mount -t cifs //nas01/media /mnt/media -o username=mediasvc,password=Tr0mbone.Velvet,vers=3.0",
        "Tr0mbone.Velvet",
    ),
    (
        "snmpwalk_c",
        "http://www.net-snmp.org/docs/man/snmpcmd.html (-c COMMUNITY)",
        "snmpwalk -v2c -c n0c-R3adOnly-7731 10.250.0.1 1.3.6.1.2.1.1",
        "n0c-R3adOnly-7731",
    ),
    (
        "kinit_echo_pipe",
        "https://web.mit.edu/kerberos/krb5-latest/doc/user/user_commands/kinit.html",
        "echo 'Krb!Pass-8842' | kinit svc_hadoop@CORP.EXAMPLE",
        "Krb!Pass-8842",
    ),
    (
        "ansible_extra_vars",
        "https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_privilege_escalation.html (ansible_become_password)",
        'ansible-playbook -i prod.ini site.yml -e "ansible_user=deploy ansible_become_password=Bcm7#Root"',
        "Bcm7#Root",
    ),
    # ---------------- Windows command lines (Sysmon EID 1 CommandLine, 4688) ----------------
    (
        "cmdkey_pass",
        "https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/cmdkey (/pass:<password>)",
        r'"C:\Windows\system32\cmdkey.exe" /generic:TERMSRV/srv-app03 /user:CORP\svc_rdp /pass:Vq3$mN8!zLp',
        "Vq3$mN8!zLp",
    ),
    (
        "net_use_password",
        "https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/net-use",
        r"net use Z: \\fs01\backup Jm9@Rt4Lw2 /user:CORP\backupop /persistent:no",
        "Jm9@Rt4Lw2",
    ),
    (
        "net_user_add",
        "https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/net-commands-on-operating-systems (net user <name> <password> /add)",
        r"C:\Windows\system32\net1 user helpdesk2 Pa55-Tundra-91 /add /domain",
        "Pa55-Tundra-91",
    ),
    (
        "wmic_password_sysmon_json",
        "https://learn.microsoft.com/en-us/windows/win32/wmisdk/wmic (/password global switch)",
        r'{"EventID":1,"Computer":"WKS-0412.corp.example","Image":"C:\\Windows\\System32\\wbem\\WMIC.exe",'
        r'"CommandLine":"wmic /node:10.2.0.31 /user:CORP\\itadmin /password:\"Fj6#kQ9 Lm2\" process call create \"cmd.exe /c whoami\"",'
        r'"User":"CORP\\jdoe"}',
        "Fj6#kQ9 Lm2",
    ),
    (
        "psexec_p",
        "https://learn.microsoft.com/en-us/sysinternals/downloads/psexec (-u user -p psswd)",
        r'PsExec64.exe \\10.2.0.55 -accepteula -u CORP\da_jsmith -p "Sunfl0wer&Rain" -s cmd.exe',
        "Sunfl0wer&Rain",
    ),
    (
        "schtasks_rp",
        "https://learn.microsoft.com/en-us/windows/win32/taskschd/schtasks (/RU username /RP password)",
        r'schtasks /create /tn "OneDrive Updater" /tr C:\ProgramData\upd.exe /sc daily /ru CORP\svc_task /rp Xw2!cV7bN0 /f',
        "Xw2!cV7bN0",
    ),
    (
        "sc_config_password",
        "https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/sc-config (obj= password=)",
        r"sc.exe config MyAgentSvc obj= CORP\svc_agent password= Rb5%tYu8Io",
        "Rb5%tYu8Io",
    ),
    (
        "reg_add_defaultpassword",
        "https://learn.microsoft.com/en-us/troubleshoot/windows-server/user-profiles-and-logon/turn-on-automatic-logon",
        r'reg add "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon" /v DefaultPassword /t REG_SZ /d "Kiosk#Lobby2026" /f',
        "Kiosk#Lobby2026",
    ),
    (
        "powershell_pscredential",
        "https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.security/convertto-securestring",
        "powershell.exe -NoP -c \"$p = ConvertTo-SecureString 'Mq4!dRf7Gh' -AsPlainText -Force; "
        "$c = New-Object System.Management.Automation.PSCredential('CORP\\svc_deploy',$p); "
        'Invoke-Command -ComputerName app04 -Credential $c -ScriptBlock {hostname}"',
        "Mq4!dRf7Gh",
    ),
    (
        "iwr_api_key_header",
        "https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/invoke-webrequest (-Headers)",
        'Invoke-WebRequest -Uri https://api.vendor.example/v1/export -Headers @{"X-API-Key"="c2a9e71f04b84d3fa6e5d18b7c93f2e0"} -OutFile C:\\Users\\Public\\e.json',
        "c2a9e71f04b84d3fa6e5d18b7c93f2e0",
    ),
    (
        "irm_basic_header",
        "https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.utility/invoke-restmethod + https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Authorization",
        'Invoke-RestMethod -Method Get -Uri https://reports.corp.example/api/jobs -Headers @{Authorization = "Basic c3ZjX3JlcG9ydDpMaW1lJkNvYmFsdDQ0"}',
        "c3ZjX3JlcG9ydDpMaW1lJkNvYmFsdDQ0",
    ),
    (
        "sevenzip_p_attached",
        "https://documentation.help/7-Zip/password.htm (-p{Password})",
        r'"C:\Program Files\7-Zip\7z.exe" a -tzip -pR4nsom#Key77 -mhe=on C:\Users\Public\d.7z C:\Shares\HR\*',
        "R4nsom#Key77",
    ),
    # ---------------- Config-file lines (pasted into tickets / emails / config dumps) ----------------
    (
        "pgpass_line",
        "https://www.postgresql.org/docs/current/libpq-pgpass.html (hostname:port:database:username:password)",
        "pg-prod-01.corp.example:5432:*:replicator:Hx2#Bn7$Ks9",
        "Hx2#Bn7$Ks9",
    ),
    (
        "my_cnf_client",
        "https://dev.mysql.com/doc/refman/8.0/en/option-files.html ([client] password=...)",
        "ticket #88213 contents of /root/.my.cnf: [client] user=backup password=Lq7@Vs2#Pd host=db03.corp.example",
        "Lq7@Vs2#Pd",
    ),
    (
        "npmrc_authtoken_uuid",
        "https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration (//registry/:_authToken)",
        "//npm.corp.example/repository/npm-private/:_authToken=NpmToken.3b9e2f1c-7a4d-4e8b-9c6f-2d1a0e5b7c48",
        "NpmToken.3b9e2f1c-7a4d-4e8b-9c6f-2d1a0e5b7c48",
    ),
    (
        "docker_config_json_auth",
        "https://docs.docker.com/reference/cli/docker/login/#credential-stores (~/.docker/config.json auths.auth)",
        '{"auths":{"registry.corp.example":{"auth":"Y2ktYm90OjloUTJtWng3THdUNHZCNm4="}},"credsStore":""}',
        "Y2ktYm90OjloUTJtWng3THdUNHZCNm4=",
    ),
    (
        "snmpd_rocommunity",
        "http://www.net-snmp.org/docs/man/snmpd.conf.html (rocommunity COMMUNITY [SOURCE])",
        "/etc/snmp/snmpd.conf:12: rocommunity Zq8pLm3Xs 10.250.0.0/16",
        "Zq8pLm3Xs",
    ),
    (
        "spring_datasource_password",
        "https://docs.spring.io/spring-boot/appendix/application-properties/index.html (spring.datasource.password)",
        "spring.datasource.password = Vk2#Lp9!Qs",
        "Vk2#Lp9!Qs",
    ),
    (
        "django_secret_key",
        "https://docs.djangoproject.com/en/5.0/ref/settings/#secret-key",
        "SECRET_KEY = 'q7%v!z2k@m#4r$w8x^c1b&n6j*h3g(f5d)s9a0p-l+e'",
        "q7%v!z2k@m#4r$w8x^c1b&n6j*h3g(f5d)s9a0p-l+e",
    ),
    (
        "maven_settings_xml",
        "https://maven.apache.org/settings.html#servers",
        "<server><id>nexus-releases</id><username>deployer</username><password>Xm1BoltRapid!</password></server>",
        "Xm1BoltRapid!",
    ),
    (
        "tomcat_users_xml_attr",
        "https://tomcat.apache.org/tomcat-9.0-doc/manager-howto.html (tomcat-users.xml <user password=...>)",
        '<user username="admin" password="T0mcat#Mgr55" roles="manager-gui,admin-gui"/>',
        "T0mcat#Mgr55",
    ),
    # ---------------- CI logs, env dumps, app JSON logs ----------------
    (
        "env_dump_aws_secret",
        "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html (AWS_SECRET_ACCESS_KEY)",
        "[job 4412 step 'debug env'] AWS_DEFAULT_REGION=eu-west-1 AWS_SECRET_ACCESS_KEY=wJ8rXUtnFEMI/K7MDENG/bPxRfiCYz3KQm9Lw0Ab HOME=/root",
        "wJ8rXUtnFEMI/K7MDENG/bPxRfiCYz3KQm9Lw0Ab",
    ),
    (
        "gitlab_ci_private_token",
        "https://docs.gitlab.com/ee/api/rest/authentication.html (PRIVATE-TOKEN header)",
        '$ curl --silent --header "PRIVATE-TOKEN: Ci7xQp2LmW9vRt4Nz8Ks" "https://gitlab.corp.example/api/v4/projects?per_page=100"',
        "Ci7xQp2LmW9vRt4Nz8Ks",
    ),
    (
        "json_app_log_bearer_header",
        "https://datatracker.ietf.org/doc/html/rfc6750#section-2.1 (Authorization: Bearer)",
        '{"ts":"2026-12-04T09:15:02.118Z","level":"debug","logger":"http.client","msg":"outbound request",'
        '"method":"POST","url":"https://billing.corp.example/v2/charge","headers":{"Authorization":"Bearer 7f3kQ2pLx9VbN4mW8cTz1RjH6sYd0AeU","Accept":"application/json"}}',
        "7f3kQ2pLx9VbN4mW8cTz1RjH6sYd0AeU",
    ),
    (
        "json_app_log_amqp_password",
        "https://www.rabbitmq.com/docs/uri-spec (amqp://user:pass@host:port/vhost)",
        '{"@timestamp":"2026-12-04T09:15:02Z","service":"billing-worker","event":"config_loaded",'
        '"broker":{"url":"amqp://billing:Rb!tMq-5520@mq01.corp.example:5672/prod","user":"billing","password":"Rb!tMq-5520"}}',
        "Rb!tMq-5520",
    ),
    # ---------------- Web proxy / access logs ----------------
    (
        "access_log_basic_auth_header",
        "https://httpd.apache.org/docs/2.4/mod/mod_log_config.html (%{Authorization}i) + RFC 7617",
        '10.3.4.5 - - [04/Dec/2026:10:12:01 +0000] "GET /api/v1/status HTTP/1.1" 200 512 "-" '
        '"python-requests/2.31" auth="Basic YmFja3VwOlJpdmVyU3RvbmU5OQ=="',
        "YmFja3VwOlJpdmVyU3RvbmU5OQ==",
    ),
    (
        "proxy_cookie_sessionid",
        "https://docs.djangoproject.com/en/5.0/ref/settings/#session-cookie-name (sessionid cookie)",
        "1733306520.114 10.8.1.23 TCP_MISS/200 4312 GET https://hr.corp.example/portal/ - "
        'HIER_DIRECT/10.9.0.5 text/html "Cookie: csrftoken=Zb1; sessionid=k2n4p6r8t0v2x4z6b8d0f2h4j6l8n0pq"',
        "k2n4p6r8t0v2x4z6b8d0f2h4j6l8n0pq",
    ),
    (
        "proxy_url_access_token",
        "https://datatracker.ietf.org/doc/html/rfc6750#section-2.3 (access_token URI query parameter)",
        "1733306611.902 10.8.1.77 TCP_TUNNEL/200 88120 GET "
        "https://files.vendor.example/download?file=q3.xlsx&access_token=Kp9Lz2Qw7Xv4Mn8Rb3Ty6Hs1&dl=1 - HIER_DIRECT/203.0.113.40 -",
        "Kp9Lz2Qw7Xv4Mn8Rb3Ty6Hs1",
    ),
]

NEGATIVES: list[tuple[str, str, str]] = [
    (
        "neg_cloudtrail_access_key_id",
        '{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA6ODU5JQ3EXAMPLE7",'
        '"arn":"arn:aws:iam::123456789012:user/ci-deployer","accountId":"123456789012",'
        '"accessKeyId":"AKIA4HZ7Q2LMXN5RTW3E","userName":"ci-deployer"},"eventName":"GetSecretValue",'
        '"eventSource":"secretsmanager.amazonaws.com","sourceIPAddress":"198.51.100.24"}',
        "AKIA4HZ7Q2LMXN5RTW3E",
    ),
    (
        "neg_sysmon_hashes_field",
        r"Process Create: Image: C:\Users\jdoe\AppData\Local\Temp\pwdump_helper.exe "
        "Hashes: SHA256=E78BAEE9502030EE4E2DF7377AC83A5203EF7D0FB3E45B2274AC00EA08A20EF6,IMPHASH=0A1B2C3D4E5F60718293A4B5C6D7E8F9",
        "E78BAEE9502030EE4E2DF7377AC83A5203EF7D0FB3E45B2274AC00EA08A20EF6",
    ),
    (
        "neg_password_last_set",
        '{"source":"ad_sync","user":"jdoe","password_last_set":"2026-11-30T08:14:22Z","password_expired":false,"lockout":false}',
        "2026-11-30T08:14:22Z",
    ),
    (
        "neg_token_type_bearer",
        "oauth2 token issued client_id=webportal grant_type=client_credentials token_type=Bearer expires_in=3600 scope=reports.read",
        "token_type=Bearer",
    ),
    (
        "neg_kms_key_arn",
        '{"eventName":"Decrypt","requestParameters":{"encryptionAlgorithm":"SYMMETRIC_DEFAULT",'
        '"keyId":"arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4081-92a3-b4c5d6e7f809"}}',
        "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4081-92a3-b4c5d6e7f809",
    ),
    (
        "neg_commit_sha_token_word",
        "deploy api-gateway: checked out commit bca73c23b4dd3f0468db24927c6cf8d56de68f9d (fix: token refresh race)",
        "bca73c23b4dd3f0468db24927c6cf8d56de68f9d",
    ),
    (
        "neg_cache_key",
        "cache hit cache_key=sha1:4b7c9e2a1f3d5b6c8e0a2c4e6f8a1b3d5c7e9f0a ttl=300 backend=redis",
        "sha1:4b7c9e2a1f3d5b6c8e0a2c4e6f8a1b3d5c7e9f0a",
    ),
    (
        "neg_4624_logon_guid_key_length",
        "EventID=4624 An account was successfully logged on. Logon Type: 3 Account Name: svc_backup "
        "Logon GUID: {7c1e2b9a-3d4f-4a5b-8c6d-9e0f1a2b3c4d} Authentication Package: NTLM Key Length: 128",
        "{7c1e2b9a-3d4f-4a5b-8c6d-9e0f1a2b3c4d}",
    ),
    (
        "neg_azure_signin_appid",
        '{"category":"SignInLogs","properties":{"appDisplayName":"Microsoft Azure CLI",'
        '"appId":"04b07795-8ddb-461a-bbee-02f9e1bf7b46","tokenIssuerType":"AzureAD",'
        '"correlationId":"9d3e6f1a-2b4c-4d5e-8f7a-1b2c3d4e5f60","userPrincipalName":"jdoe@corp.example"}}',
        "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
    ),
    (
        "neg_keepass_image_path",
        r"Sysmon EID 1 Image: C:\Program Files\KeePass Password Safe 2\KeePass.exe ParentImage: C:\Windows\explorer.exe",
        r"C:\Program Files\KeePass Password Safe 2\KeePass.exe",
    ),
    (
        "neg_4723_password_change_sid",
        "EventID=4723 An attempt was made to change an account's password. Target Account: "
        "Security ID: S-1-5-21-3623811015-3361044348-30300820-1013 Account Name: jdoe Account Domain: CORP",
        "S-1-5-21-3623811015-3361044348-30300820-1013",
    ),
    (
        "neg_ssh_publickey_fingerprint",
        "sshd[2231]: Accepted publickey for deploy from 10.1.2.3 port 52114 ssh2: "
        "ED25519 SHA256:Xk9pQ2mZ7vL4nR8tW1yB3cF6hJ0kM5sD2gA7eU4iO9q",
        "SHA256:Xk9pQ2mZ7vL4nR8tW1yB3cF6hJ0kM5sD2gA7eU4iO9q",
    ),
    (
        "neg_cert_thumbprint",
        "TLS client auth ok subject=CN=svc-gateway thumbprint=8A3F5C7E9B1D2F4A6C8E0B2D4F6A8C0E2B4D6F8A key_usage=digitalSignature",
        "8A3F5C7E9B1D2F4A6C8E0B2D4F6A8C0E2B4D6F8A",
    ),
    (
        "neg_keyvault_kid",
        '{"operationName":"KeySign","identity":{"upn":"svc-signer@corp.example"},'
        '"properties":{"id":"https://kv-prod.vault.azure.net/keys/signing-key/4f2b7c9e1a3d4e5f8a6b0c2d4e6f8a1b"}}',
        "https://kv-prod.vault.azure.net/keys/signing-key/4f2b7c9e1a3d4e5f8a6b0c2d4e6f8a1b",
    ),
    (
        "neg_password_policy_values",
        "GPO audit: MinimumPasswordLength=14 PasswordHistorySize=24 LockoutBadCount=5 password_history=24",
        "PasswordHistorySize=24",
    ),
    (
        "neg_trace_and_request_id",
        "POST /api/v1/auth/token 401 invalid_client request_id=req_8f3a2c1e9d7b4f60 trace_id=4bf92f3577b34da6a3ce929d0e0e4736",
        "4bf92f3577b34da6a3ce929d0e0e4736",
    ),
    (
        "neg_edr_file_sha256_passwords_doc",
        '{"alert":"Suspicious archive access","file":{"path":"C:\\\\Users\\\\jdoe\\\\Desktop\\\\passwords.xlsx",'
        '"sha256":"2c018d4dfb11a2e6df8486456ada299603091f884b53a31f485372f6603d71ec"}}',
        "2c018d4dfb11a2e6df8486456ada299603091f884b53a31f485372f6603d71ec",
    ),
    (
        "neg_vault_audit_hmac",
        '{"type":"request","auth":{"client_token":"hmac-sha256:9f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",'
        '"display_name":"approle"},"request":{"path":"secret/data/payments/db","operation":"read"}}',
        "hmac-sha256:9f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
    ),
    (
        "neg_4625_substatus",
        "EventID=4625 An account failed to log on. Failure Reason: Unknown user name or bad password. "
        "Status: 0xC000006D Sub Status: 0xC000006A Account Name: administrator Source Network Address: 203.0.113.77",
        "0xC000006A",
    ),
    (
        "neg_k8s_audit_secret_name",
        '{"kind":"Event","verb":"get","user":{"username":"system:serviceaccount:ci:runner"},'
        '"objectRef":{"resource":"secrets","namespace":"prod","name":"db-password-7f9c2"},"responseStatus":{"code":200}}',
        "db-password-7f9c2",
    ),
]
