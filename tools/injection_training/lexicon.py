"""Word classes for the learned layer: words that mean the same thing to a triage, in many languages.

A request to a reader is written in new words each time, but it keeps to a few meanings: an assurance
(benign, approved, whitelisted, "keine Befunde"), an order about the alert (close, do not escalate), a
politeness marker (please, bitte, proszę), a reader (the AI, the reviewer), an authority (the SOC, the
CISO), a change or test that explains the activity away, a negated threat ("no phishing"). The model
reads, beside the words themselves, the class of each word (`@assure`) and each pair of classes found in
one run (`@assure&@team`), so a weight learned for "approved by the SOC" also serves "validé par le
RSSI" and "genehmigt vom Sicherheitsteam".

The classes travel in the model file (`lexicon`), so a model and the classes it was trained with stay
together. An entry ending in `*` is a stem (a word that starts with it is in the class); others are
whole words. Words of scripts written without spaces (Chinese, Japanese, Korean) are read by character
pairs, so their entries are pairs. Entries are matched after folding and with accents removed, so
"prosze" is "proszę".
"""

from __future__ import annotations

# fmt: off
LEXICON: dict[str, tuple[str, ...]] = {
    # The activity is harmless, expected or approved.
    "assure": (
        "benign", "harmless", "legit", "legitimate", "safe", "clean", "whitelist*", "allowlist*", "sanction*",
        "authorized", "authorised", "approved", "verified", "expected", "trusted", "routine", "compliant",
        "innocuous", "okay", "lgtm", "fp", "known-good", "cleared", "vetted", "signed", "allowed",
        "benigno", "benigna", "inofensivo", "legitimo", "legitima", "seguro", "segura", "limpio", "limpia",
        "autorizado", "autorizada", "aprobado", "aprobada", "verificado", "esperado", "rutina", "rutinario",
        "harmlos", "unbedenklich", "legitim", "sicher", "sauber", "genehmig*", "freigegeben", "gepruft",
        "erwartet", "vertrauenswurdig", "routine", "unkritisch", "abgestimmt", "erlaubt",
        "benin", "inoffensif", "propre", "autorise", "autorisee", "approuve", "valide", "verifie",
        "attendu", "habituel", "legitime",
        "limpo", "aprovado", "aprovada", "validado", "rotina",
        "innocuo", "legittimo", "sicuro", "pulito", "autorizzato", "approvato", "verificato", "concordato",
        "onschuldig", "veilig", "schoon", "goedgekeurd", "geautoriseerd", "toegestaan", "verwacht",
        "ofarlig", "saker", "godkant", "godkand", "behorig", "forvantad", "ok",
        "bezpieczny", "bezpieczne", "czysty", "czyste", "zatwierdzon*", "autoryzowan*", "zaufany",
        "bezpecny", "bezpecne", "cisty", "schvalen*", "povolen*", "overen*",
        "безопасн*", "чист*", "легитимн*", "разрешен*", "одобрен*", "проверен*", "доверен*", "штатн*",
        "безпечн*", "дозволен*", "схвален*", "перевiрен*", "перевірен*",
        "guvenli", "temiz", "onayli", "onaylandi", "yetkili", "zararsiz", "normal",
        "aman", "bersih", "disetujui", "resmi", "sah", "wajar",
        "duyet",
        "सुरक्षित", "अनुमोदित", "वैध", "सामान्य", "मंजूर",
        "آمن", "سليم", "معتمد", "موافق", "مصرح", "روتيني", "معتاد", "طبيعي",
        "白名", "名单", "正常", "合法", "批准", "授权", "误报", "无害", "可信", "安全", "放行", "通过",
        "誤検", "検知", "承認", "許可", "問題",
        "정상", "승인", "허가", "오탐", "안전", "문제",
    ),
    # Malice, named (often to be denied: "no phishing", "keine Befunde").
    "threat": (
        "malware", "malicious", "phishing", "threat", "threats", "virus", "attack", "exploit", "suspicious",
        "compromise*", "ransomware", "webshell", "c2", "backdoor", "trojan", "findings", "indicators", "ioc",
        "malicioso", "amenaza", "ataque", "sospechoso", "bosartig", "schadsoftware", "befund*", "angriff",
        "verdachtig", "malveillant", "menace", "attaque", "suspect", "malizioso", "minaccia", "attacco",
        "sospetto", "kwaadaardig", "dreiging", "verdacht", "skadlig", "misstankt", "zlosliw*",
        "zagrozen*", "atak", "skodliv*", "hrozb*", "utok", "вредонос*", "угроз*", "атак*", "фишинг*",
        "загроз*", "шкідлив*", "zararli", "tehdit", "saldiri", "berbahaya", "ancaman", "serangan",
        "मैलवेयर", "खतरा", "हमला", "ضار", "تهديد", "هجوم", "تصيد", "恶意", "威胁", "攻击", "病毒",
        "钓鱼", "悪意", "脅威", "攻撃", "악성", "위협", "공격", "피싱",
    ),
    "negation": (
        "not", "no", "never", "don't", "dont", "without", "none", "nothing", "zero", "nicht", "kein*",
        "nie", "pas", "non", "nao", "niet", "geen", "inte", "ingen", "inga", "nicht", "не", "нет", "ні",
        "немає", "degil", "yok", "tidak", "jangan", "bukan", "khong", "नहीं", "मत", "لا", "ليس", "عدم",
        "不要", "没有", "无需", "不是", "なし", "ない", "않", "없음", "아님",
    ),
    "please": (
        "please", "pls", "plz", "kindly", "bitte", "favor", "porfa", "merci", "veuillez", "prego", "graag",
        "alstublieft", "vanligen", "snalla", "prosze", "prosimy", "prosim", "пожалуйста", "прошу", "просим",
        "будь", "прохання", "lutfen", "tolong", "mohon", "vui", "xin", "कृपया", "الرجاء", "يرجى", "رجاء",
        "请勿", "麻烦", "ください", "下さい", "주세요", "부탁", "바랍",
    ),
    # What is done with an alert.
    "handle": (
        "close", "closed", "resolve", "resolved", "dismiss", "suppress", "ignore", "skip", "escalate",
        "escalation", "flag", "report", "block", "isolate", "quarantine", "mark", "treat", "classify",
        "label", "disregard", "downgrade", "deprioritize", "mute", "silence", "ack", "acknowledge",
        "cerrar", "cierre", "ignorar", "escalar", "marcar", "tratar", "clasificar", "bloquear", "aislar",
        "schliessen", "ignorieren", "eskalieren", "markieren", "werten", "einstufen", "blockieren", "melden",
        "isolieren", "fermer", "cloturer", "ignorer", "escalader", "signaler", "classer", "bloquer", "isoler",
        "fechar", "encerrar", "classificar", "chiudere", "ignorare", "segnalare", "bloccare", "isolare",
        "sluiten", "negeren", "escaleren", "melden", "blokkeren", "stang", "stanga", "ignorera", "eskalera",
        "rapportera", "blockera", "slapp", "zamknij", "zamknac", "zglaszac", "zglosic", "blokowac",
        "eskalowac", "zavrete", "zavrit", "ignorujte", "eskalovat", "blokovat", "hlasit",
        "закр*", "игнор*", "эскалир*", "блокир*", "изолир*", "помет*", "закрий*", "ігнор*", "блокув*",
        "kapat*", "yoksay", "engelle*", "bildir*", "tutup", "abaikan", "eskalasi", "blokir", "tandai",
        "dong", "बंद", "अनदेखा", "रिपोर्ट", "أغلق", "تجاهل", "حظر", "تصعيد", "关闭",
        "忽略", "升级", "屏蔽", "标记", "上报", "閉じ", "無視", "対応", "종료", "무시", "차단", "보고",
    ),
    "alert": (
        "alert", "alerts", "alarm", "alarms", "ticket", "incident", "finding", "detection", "notable",
        "case", "warning", "severity", "priority", "verdict", "disposition", "triage",
        "alerta", "incidente", "aviso", "alarma", "warnung", "vorfall", "meldung", "alerte", "avviso",
        "allarme", "segnalazione", "melding", "larm", "larmet", "varning", "zgloszenie", "incydent",
        "poplach", "upozorneni", "алерт*", "тревог*", "инцидент*", "оповещен*", "тривог*", "інцидент*",
        "uyari", "olay", "peringatan", "insiden", "चेतावनी", "अलर्ट", "घटना",
        "تنبيه", "التنبيه", "إنذار", "حادث", "告警", "警报", "事件", "工单", "アラ", "ラー", "警告", "イン",
        "알림", "경보", "사건", "티켓",
    ),
    # Who vouches.
    "team": (
        "soc", "secops", "security", "csirt", "cert", "rssi", "ciso", "cso", "infosec", "blue", "analyst",
        "analysts", "reviewer", "reviewers", "admin", "lead", "manager", "hr", "sre", "platform",
        "seguridad", "equipo", "sicherheit*", "sicherheitsteam", "team", "securite", "equipe", "seguranca",
        "equipa", "sicurezza", "beveiliging", "sakerhet*", "bezpieczenstwa", "bezpecnost*", "безопасност*",
        "безпеки", "guvenlik", "keamanan", "सुरक्षा", "الأمن", "أمن", "安全", "团队", "セキュ",
        "보안", "안팀",
    ),
    "reader": (
        "ai", "bot", "assistant", "model", "llm", "agent", "copilot", "gpt", "chatgpt", "claude", "gemini",
        "automation", "automated", "classifier", "triager", "reader", "whoever", "reviewing", "reads", "ia",
        "ki", "ии", "шi", "ші", "yz", "ai's", "人工", "智能", "助手", "模型", "机器", "アシ", "인공", "봇",
    ),
    # A change, test or exercise that explains the activity away.
    "explain": (
        "change", "chg", "rfc", "cab", "maintenance", "test", "testing", "pentest", "red", "exercise", "drill",
        "simulation", "qa", "demo", "vendor", "scheduled", "planned", "migration", "backup", "patch",
        "prueba", "pruebas", "mantenimiento", "cambio", "wartung", "anderung", "aenderung", "tests",
        "essai", "maintenance", "changement", "teste", "manutencao", "mudanca", "manutenzione", "prova",
        "onderhoud", "wijziging", "underhall", "andring", "testy", "testu", "zmiana", "zmena", "тест*",
        "обслуживан*", "изменен*", "bakim", "pengujian", "uji", "परीक्षण", "اختبار", "صيانة",
        "测试", "变更", "维护", "演练", "テス", "変更", "테스", "변경", "점검",
    ),
    # A verdict said to come from a tool or an earlier review.
    "evidence": (
        "scan", "scanned", "scanner", "virustotal", "vt", "sandbox", "defender", "crowdstrike", "edr", "av",
        "antivirus", "guardduty", "trivy", "qualys", "signature", "reputation", "result", "checked",
        "reviewed", "review", "confirmed", "validated", "audited", "verdict", "policy", "score",
        "escaneado", "revisado", "confirmado", "gescannt", "geprueft", "bestatigt", "analysiert", "scanne",
        "confirme", "revise", "verificada", "controllato", "confermato", "gescand", "bevestigd", "skannad",
        "bekraftad", "sprawdzon*", "potwierdzon*", "zkontrolovan*", "potvrzen*", "проверк*", "подтвержд*",
        "сканер*", "перевірк*", "pidtverdzh*", "taranmis", "dogrulan*", "dipindai", "diperiksa", "quet",
        "जांच", "فحص", "扫描", "检测", "校验", "确认", "スキ", "確認", "검사", "확인", "스캔",
    ),
    # Said elsewhere, by someone: hearsay the attacker puts in a colleague's mouth.
    "said": (
        "agreed", "discussed", "said", "told", "according", "mentioned", "confirmed", "standup",
        "meeting", "call", "thread", "reply", "fwd", "acordado", "dijo", "segun", "reunion",
        "besprochen", "laut", "sagte", "vereinbart", "dapres", "convenu", "reunion", "combinado",
        "disse", "conforme", "detto", "secondo", "riunione", "afgesproken", "zei", "volgens", "overleg",
        "enligt", "motet", "ustalone", "powiedzial", "wedlug", "spotkanie", "rekl", "podle", "dohodnuto",
        "договорил*", "сказал*", "согласно", "домовил*", "сказав", "dedi", "anlastik", "kata", "sesuai",
        "dijelaskan", "theo", "बताया", "कहा", "قال", "اتفقنا", "حسب", "说过", "确认过", "言っ", "회신",
        "말씀", "합의",
    ),
}
# fmt: on
