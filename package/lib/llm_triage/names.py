"""The app's names in Splunk, in one place: its id, conf files, KV store collections, index, sourcetypes,
capabilities and REST paths. Shipped files (default/*.conf, metadata, restmap) name the same things; the
package tests check that each one here is defined there."""

APP = "llm_triage"

# Conf files (without .conf).
SETTINGS_CONF = "llm_triage_settings"
PROVIDERS_CONF = "llm_triage_providers"
SOAR_CONF = "llm_triage_soar_servers"
WEBHOOKS_CONF = "llm_triage_webhooks"
ENRICHMENTS_CONF = "llm_triage_enrichments"

# KV store collections (collections.conf).
VERDICTS_COLLECTION = "llm_triage_verdicts"
TRIAGED_COLLECTION = "llm_triage_triaged"
FEEDBACK_COLLECTION = "llm_triage_feedback"
EXAMPLES_COLLECTION = "llm_triage_examples"
ASSETS_COLLECTION = "llm_triage_assets"
IDENTITIES_COLLECTION = "llm_triage_identities"
APPROVALS_COLLECTION = "llm_triage_approvals"
DEAD_LETTERS_COLLECTION = "llm_triage_dead_letters"

# The app's index (indexes.conf) and its sourcetypes (props.conf).
AUDIT_INDEX = "llm_triage_audit"
AUDIT_SOURCETYPE = "llm_triage:audit"
RESULT_SOURCETYPE = "llm_triage:result"
CANARY_SOURCETYPE = "llm_triage:canary"
LOG_SOURCETYPE = "llm_triage:log"  # the app's own log files in _internal (splunkd/log_files.py)
# The key that says what an audit event records (inference, routing, approval, label, review, ...). Not
# CIM's `action`, whose values (allowed, blocked, success, ...) mean something else to every data model.
AUDIT_KIND_FIELD = "triage_audit"

# Capabilities (authorize.conf).
RUN_CAPABILITY = "llm_triage_run"
REVIEW_CAPABILITY = "llm_triage_review"
ADMIN_CAPABILITY = "llm_triage_admin"

# The app's REST endpoints under its namespace (restmap.conf `match`).
JUDGE_PATH = "llm_triage/judge"
FEEDBACK_PATH = "llm_triage/feedback"
REVIEW_PATH = "llm_triage/review"
