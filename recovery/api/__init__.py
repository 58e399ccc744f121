"""Hearth's REST API at /api/v1/: personal access tokens, the viewset base every endpoint uses, problem-details
errors, pagination, throttling, the OpenAPI schema and its reference page. Endpoints live beside their feature
(`<app>/<feature>/api.py`) and register with `recovery.registry.api_route`."""
