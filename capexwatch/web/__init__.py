"""The web dashboard and JSON API (FastAPI over capexwatch.queries)."""
