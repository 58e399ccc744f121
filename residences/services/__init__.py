"""The residences' verbs, one module per part of the house. Import from the module that owns the verb."""
