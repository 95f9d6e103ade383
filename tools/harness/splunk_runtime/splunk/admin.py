"""A stand-in for Splunk's `splunk.admin`: the EAI handler base class that admin_external handlers extend.

What a handler sees is Splunk's: the action constants, `MConfigHandler` with `requestedAction`,
`callerArgs` (`id`, and `data` mapping each argument to a list of values), `supportedArgs`, `setup()`
then one `handle<Action>(confInfo)`, `getSessionKey()`, `ConfigInfo` items with `setMetadata`, and the
exception classes splunkd turns into HTTP statuses. `init(handler, ctxInfo)` runs a handler script as
splunkd runs it: `<script> setup` or `<script> execute`, the request on standard input, the answer on
standard output.

One simplification: the request and the answer travel as JSON documents carrying the same fields as
splunkd's XML ones (`eai_settings`, `callerArgs`; `config_info` items, `args` from setup, `eai_error`).
tools/harness/admin_external.py is the splunkd side.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any

import __main__

ACTION_CREATE = 1
ACTION_LIST = 2
ACTION_EDIT = 4
ACTION_REMOVE = 8
ACTION_MEMBERS = 16
ACTION_RELOAD = 32

CONTEXT_NONE = 1
CONTEXT_APP_ONLY = 2
CONTEXT_APP_AND_USER = 3

ARG_EXECUTE = "execute"
ARG_SETUP = "setup"
ARGS_LIST = (ARG_SETUP, ARG_EXECUTE)

EAI_META_PREFIX = "eai:"
EAI_ENTRY_ACL = "eai:acl"


class AdminManagerException(Exception):
    """The base of the exceptions splunkd recognizes (and answers with its own HTTP status)."""


class AlreadyExistsException(AdminManagerException):
    """409."""


class NotFoundException(AdminManagerException):
    """404."""


class ArgValidationException(AdminManagerException):
    """400: an argument the handler refuses; the message reaches the caller."""


class BadActionException(AdminManagerException):
    """400."""


class BadProgrammerException(AdminManagerException):
    """500."""


class HandlerSetupException(AdminManagerException):
    """500."""


class InternalException(AdminManagerException):
    """500."""


class UsageException(AdminManagerException):
    """500."""


class ArgsList:
    """Key to value (or list of values), as splunk.admin keeps arguments and item data."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.data.pop(key, None)
        self.append(key, value)

    def __contains__(self, key: object) -> bool:
        return key in self.data

    def append(self, key: str, value: Any) -> None:
        """Add a value; lists are extended."""
        if isinstance(value, list) and isinstance(self.data.get(key), list):
            self.data[key] = self.data[key] + value
        else:
            self.data[key] = value

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def items(self) -> Any:
        return self.data.items()


class ArgsInfo(ArgsList):
    """The caller's arguments: `id` (the entity, or None for the collection) and `data`."""

    def __init__(self) -> None:
        super().__init__()
        self.id: str | None = None


class ConfigItem(ArgsList):
    """One entity of a handler's answer: its keys, and metadata such as eai:acl."""

    def __init__(self) -> None:
        super().__init__()
        self._metadata: dict[str, Any] = {}

    def setMetadata(self, key: str, value: Any) -> None:  # noqa: N802 (Splunk's name)
        self._metadata[key] = value

    def metadata(self) -> dict[str, Any]:
        return dict(self._metadata)


class ConfigInfo:
    """A handler's answer: entity name to ConfigItem (created on first use), and messages."""

    def __init__(self) -> None:
        self.data: dict[str, ConfigItem] = {}
        self.messages: list[dict[str, str]] = []

    def __getitem__(self, name: str) -> ConfigItem:
        if name not in self.data:
            self.data[name] = ConfigItem()
        return self.data[name]

    def __contains__(self, name: object) -> bool:
        return name in self.data

    def addInfoMsg(self, msg: str) -> None:  # noqa: N802
        self.messages.append({"type": "INFO", "text": msg})

    def addWarnMsg(self, msg: str) -> None:  # noqa: N802
        self.messages.append({"type": "WARN", "text": msg})

    def addErrorMsg(self, msg: str) -> None:  # noqa: N802
        self.messages.append({"type": "ERROR", "text": msg})


class ArgSpecList:
    """The arguments a handler accepts for the requested action, from its setup()."""

    def __init__(self) -> None:
        self.args: list[tuple[str, bool]] = []

    def addOptArg(self, name: str) -> None:  # noqa: N802
        self._add(name, False)

    def addReqArg(self, name: str) -> None:  # noqa: N802
        self._add(name, True)

    def _add(self, name: str, required: bool) -> None:
        if name.startswith("_"):
            raise HandlerSetupException("Parameters beginning with '_' are reserved for EAI's usage.")
        self.args.append((name, required))


class MConfigHandler:
    """The base class of every EAI handler; reads splunkd's request from standard input."""

    def __init__(self, scriptMode: str, ctxInfo: int) -> None:  # noqa: N803
        self.context = ctxInfo
        self._mode = scriptMode
        self.callerArgs = ArgsInfo()
        self.supportedArgs = ArgSpecList()
        self.customAction = ""
        self.requestedAction = 0
        self.userName = ""
        self.appName = ""
        self.maxCount = 0
        self.posOffset = 0
        self.shouldAutoList = True
        request = json.loads(sys.stdin.read() or "null")
        if not isinstance(request, dict):
            raise UsageException(f"Received no serialized data via stdin (mode: {scriptMode}).  Will not continue.")
        settings = request["eai_settings"]
        self.requestedAction = int(settings["requestedAction"])
        self.userName = settings.get("userName", "")
        self.appName = settings.get("appName", "")
        self.customAction = settings.get("customAction", "")
        self.maxCount = int(settings.get("maxCount", 0))
        self.posOffset = int(settings.get("posOffset", 0))
        setattr(__main__, "___sessionKey", settings["sessionKey"])  # where Splunk keeps it (a string: no mangling)
        caller = request["callerArgs"]
        self.callerArgs.id = caller.get("id")
        for name, values in caller.get("args", {}).items():
            self.callerArgs.data[name] = list(values)

    def getSessionKey(self) -> str:  # noqa: N802
        """The caller's session key."""
        key = getattr(__main__, "___sessionKey", None)
        if key is None:
            raise UsageException("Session key not provided in __main__.")
        return str(key)

    def setup(self) -> None:
        """Declare the supported arguments of the requested action."""
        raise BadProgrammerException("This python handler has not implemented a setup function.  Aborting.")

    def execute(self, confInfo: ConfigInfo) -> None:  # noqa: N803
        """Call the handle method of the requested action."""
        handlers = {
            ACTION_CREATE: self.handleCreate,
            ACTION_LIST: self.handleList,
            ACTION_EDIT: self.handleEdit,
            ACTION_REMOVE: self.handleRemove,
            ACTION_MEMBERS: self.handleMembers,
            ACTION_RELOAD: self.handleReload,
        }
        if self.customAction:
            self.handleCustom(confInfo)
        elif self.requestedAction in handlers:
            handlers[self.requestedAction](confInfo)

    def handleCreate(self, confInfo: ConfigInfo) -> None:  # noqa: N802, N803
        self.actionNotImplemented()

    def handleList(self, confInfo: ConfigInfo) -> None:  # noqa: N802, N803
        self.actionNotImplemented()

    def handleEdit(self, confInfo: ConfigInfo) -> None:  # noqa: N802, N803
        self.actionNotImplemented()

    def handleRemove(self, confInfo: ConfigInfo) -> None:  # noqa: N802, N803
        self.actionNotImplemented()

    def handleMembers(self, confInfo: ConfigInfo) -> None:  # noqa: N802, N803
        self.actionNotImplemented()

    def handleReload(self, confInfo: ConfigInfo) -> None:  # noqa: N802, N803
        self.actionNotImplemented()

    def handleCustom(self, confInfo: ConfigInfo) -> None:  # noqa: N802, N803
        raise BadActionException(f"Invalid custom action for this python handler (custom action: {self.customAction}).")

    def actionNotImplemented(self) -> None:  # noqa: N802
        raise BadProgrammerException(
            f"This handler claims to support this action ({self.requestedAction}), but has not implemented it."
        )


def init(handler: type[MConfigHandler], ctxInfo: int) -> None:  # noqa: N803
    """Run `handler` for the request on standard input, in the mode sys.argv[1] names; answer on stdout."""
    try:
        mode = sys.argv[1] if len(sys.argv) > 1 else ""
        if mode not in ARGS_LIST:
            raise UsageException(f"Usage: {sys.argv[0]} [{' | '.join(ARGS_LIST)}].  (Got: {sys.argv})")
        instance = handler(mode, ctxInfo)
        instance.setup()
        if mode == ARG_SETUP:
            answer: dict[str, Any] = {"args": [[name, required] for name, required in instance.supportedArgs.args]}
        else:
            info = ConfigInfo()
            instance.execute(info)
            answer = {"config_info": _config_info(info)}
    except Exception as exc:  # splunkd gets every failure as an eai_error document
        answer = {
            "eai_error": {
                "recognized": isinstance(exc, AdminManagerException),
                "type": f"{type(exc).__module__}.{type(exc).__qualname__}",
                "message": str(exc),
                "stacktrace": traceback.format_exc(),
            }
        }
    sys.stdout.write(json.dumps(answer, default=str))
    sys.stdout.flush()


def _config_info(info: ConfigInfo) -> dict[str, Any]:
    return {
        "messages": info.messages,
        "items": [{"name": name, "data": item.data, "metadata": item.metadata()} for name, item in info.data.items()],
    }
