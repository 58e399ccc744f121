"""peer_support models: each part has its own module, star-imported here."""
