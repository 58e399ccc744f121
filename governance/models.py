"""governance models: each part has its own module, star-imported here."""
