"""A stand-in for the parts of Splunk's private `splunk` package that the setup page's handlers use.

Splunk's Python has a `splunk` package that exists only inside Splunk. UCC's generated REST handlers
(through splunktaucclib) import `splunk.admin`; solnlib tries `splunk.rest`, `splunk.clilib` and
`splunk.getSessionKey` and does without them when they are absent, as they are here. Put this folder
(`tools/harness/splunk_runtime`) on PYTHONPATH to run a handler script outside Splunk; the driver that
plays splunkd's part is `tools.harness.admin_external`.
"""


class RESTException(Exception):
    """Raised by splunk.rest for a failed splunkd request (statusCode and msg as in Splunk's)."""

    def __init__(self, statusCode: int, msg: str = "") -> None:  # noqa: N803 (Splunk's name)
        super().__init__(msg)
        self.statusCode = statusCode
        self.msg = msg
