"""Azure OpenAI: chat completions on a deployment URL, with `api-version` and Azure's own credentials.

Requests go to `{base_url}/openai/deployments/{model}/chat/completions?api-version={api_version}`, where
base_url is the resource endpoint (https://<resource>.openai.azure.com) and `model` names the deployment.
The credential is either the resource's key in an `api-key` header (azure_auth = api_key) or a Microsoft
Entra ID access token as `Authorization: Bearer` (azure_auth = entra_id); both come from secret storage.
Bodies, answers and the `error` envelope are OpenAI's chat-completions format.
"""

from urllib.parse import quote, urlencode

from llm_triage.providers.base import ProviderConfig, ProviderError
from llm_triage.providers.openai_compatible import OpenAICompatibleProvider

TYPE = "azure_openai"
AUTH_API_KEY = "api_key"
AUTH_ENTRA_ID = "entra_id"
AUTH_CHOICES = (AUTH_API_KEY, AUTH_ENTRA_ID)


class AzureOpenAIProvider(OpenAICompatibleProvider):
    """Azure OpenAI chat completions on one deployment."""

    def __init__(self, config: ProviderConfig):
        if not config.api_version:
            raise ProviderError(
                f"provider {config.name!r} (azure_openai) needs api_version, for example 2024-10-21", False
            )
        if config.azure_auth not in AUTH_CHOICES:
            raise ProviderError(f"provider {config.name!r}: azure_auth must be one of {', '.join(AUTH_CHOICES)}", False)
        super().__init__(config)

    def url(self) -> str:
        """The deployment's chat-completions URL with its api-version."""
        deployment = quote(self.config.model, safe="")
        query = urlencode({"api-version": self.config.api_version})
        return f"{self.config.base_url.rstrip('/')}/openai/deployments/{deployment}/chat/completions?{query}"

    def headers(self) -> dict[str, str]:
        """`api-key: <key>`, or `Authorization: Bearer <Entra ID token>`."""
        if not self.config.api_key:
            return {}
        if self.config.azure_auth == AUTH_ENTRA_ID:
            return {"Authorization": f"Bearer {self.config.api_key}"}
        return {"api-key": self.config.api_key}
