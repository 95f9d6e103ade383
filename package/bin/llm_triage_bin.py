"""What every entry point in bin/ shares, so that each script is its options and one call into the package.

Importing this module puts the app's lib/ (the package, splunklib, the vendored libraries) on the path,
once. splunkd puts bin/ itself on the path for every kind of entry point: search commands and alert
actions run as scripts from it, and persistent REST handlers and UCC's generated scripts import from it.

Every call to splunkd goes through the package's one HTTP client (llm_triage.splunkd.rest), with
connection reuse, never through splunklib's: `search_rest` as the searching user, `splunkd_rest` with
the token splunkd hands a handler, alert action or input.
"""

import os
import sys
from typing import TYPE_CHECKING, Any

LIB = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
if LIB not in (os.path.normpath(entry) for entry in sys.path):
    sys.path.insert(0, LIB)

from llm_triage.net.http import POOL  # noqa: E402
from llm_triage.search.option_errors import explain  # noqa: E402
from llm_triage.splunkd.conf import SplunkdConfig  # noqa: E402
from llm_triage.splunkd.log_files import start_logging  # noqa: E402
from llm_triage.splunkd.rest import SplunkdRest, splunkd_request  # noqa: E402
from llm_triage.splunkd.settings import SETTINGS_CONF  # noqa: E402

if TYPE_CHECKING:
    PersistentHandler = object
else:
    try:  # inside Splunk; elsewhere (tests, tools/search) a handler stands alone
        from splunk.persistconn.application import PersistentServerConnectionApplication as PersistentHandler
    except ImportError:
        PersistentHandler = object

connect = splunkd_request  # (server_uri, token) -> the package's REST doorway, for the endpoints' handlers


def search_rest(command: Any) -> SplunkdRest:
    """splunkd's REST API in the app's namespace as the user running `command` (a splunklib search command),
    from the splunkd URI and session key splunkd gave it in getinfo."""
    info = command.metadata.searchinfo
    rest = SplunkdRest(splunkd_request(str(info.splunkd_uri), str(info.session_key)))
    start_logs("commands", rest)
    return rest


def start_logs(component: str, rest: SplunkdRest) -> None:
    """`component`'s llm_triage_<component>.log under SPLUNK_HOME, at the Logging tab's level, read through
    `rest` (llm_triage.splunkd.log_files)."""
    start_logging(component, lambda: SplunkdConfig(rest.get).conf(SETTINGS_CONF))


def release_connections() -> None:
    """Close the idle connections this process keeps (a persistent handler's `done`)."""
    POOL.close_all()


def splunkd_rest(server_uri: str, token: str) -> SplunkdRest:
    """splunkd's REST API in the app's namespace with `token` (a handler's, an alert action's or an input's)."""
    return SplunkdRest(splunkd_request(server_uri, token))


class ExplainedOptions:
    """Mixed into each of the app's search commands (before splunklib's class): splunklib's unknown-option
    and bad-value errors name the nearest option and the valid values (llm_triage.search.option_errors)."""

    options: Any

    def write_error(self, message: str, *args: Any) -> None:
        validators = {item.name: item.validator for item in self.options.values()}
        super().write_error(explain(str(message), validators), *args)  # type: ignore[misc]
