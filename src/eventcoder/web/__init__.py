"""The local dashboard and HTTP API (`eventcoder serve`): see docs/web.md."""
