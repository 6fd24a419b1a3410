"""LLM planner over any OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server) via httpx.

It asks for ``json_schema`` structured output first; a server that rejects that format is asked again
with plain ``json_object`` and then with no format, and the choice is remembered. Validation and the
one repair attempt happen in ``ChatModelPlanner`` whatever the server promised.
"""

from __future__ import annotations

import httpx

from assistant.planning.base import PlannerError
from assistant.planning.llm.base import ChatModelPlanner, Messages, TextSlot, llm_schema

DEFAULT_TIMEOUT_S = 60.0
MAX_TOKENS = 256


def _formats() -> list[dict | None]:
    return [
        {"type": "json_schema", "json_schema": {"name": "edit_plan", "schema": llm_schema(), "strict": True}},
        {"type": "json_object", "schema": llm_schema()},
        None,
    ]


class OpenAIPlanner(ChatModelPlanner):
    name = "openai"

    def __init__(
        self,
        base_url: str | None,
        *,
        model: str | None = None,
        api_key: str | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        max_tokens: int = MAX_TOKENS,
        few_shot: int | None = None,
    ) -> None:
        self.few_shot = few_shot
        if not base_url or not base_url.startswith(("http://", "https://")):
            raise PlannerError("the openai backend needs --base-url http://HOST[:PORT]/v1")
        self.base_url = base_url.rstrip("/")
        self.model = model or "default"
        self.max_tokens = max_tokens
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(base_url=self.base_url, headers=headers, timeout=timeout_s)
        self._format = 0

    def complete_text(self, messages: Messages, slot: TextSlot = "translate") -> str:
        body = {"model": self.model, "messages": messages, "temperature": 0, "max_tokens": self.max_tokens}
        return self._answer(self._post(body))

    def _post(self, body: dict) -> httpx.Response:
        try:
            return self._client.post("/chat/completions", json=body)
        except httpx.HTTPError as exc:
            raise PlannerError(f"cannot reach {self.base_url}: {exc}") from exc

    def _answer(self, response: httpx.Response) -> str:
        if response.status_code != 200:
            raise PlannerError(f"{self.base_url} answered HTTP {response.status_code}: {response.text[:200]}")
        try:
            return response.json()["choices"][0]["message"]["content"] or ""
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise PlannerError(f"{self.base_url} sent no chat completion: {response.text[:200]}") from exc

    def complete(self, messages: Messages) -> str:
        formats = _formats()
        while True:
            body: dict = {
                "model": self.model,
                "messages": messages,
                "temperature": 0,
                "max_tokens": self.max_tokens,
            }
            if formats[self._format] is not None:
                body["response_format"] = formats[self._format]
            response = self._post(body)
            rejected = response.status_code in (400, 422) or (
                response.status_code >= 400 and "response_format" in response.text  # llama.cpp: HTTP 500
            )
            if rejected and self._format < len(formats) - 1:
                self._format += 1  # the server does not support this response_format; try a simpler one

                continue
            return self._answer(response)
