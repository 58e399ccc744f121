"""Demo data for the residences, one module per part; `seed_demo` calls `seed(organization, spec)` of each."""
