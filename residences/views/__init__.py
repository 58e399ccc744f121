"""The residences' pages, one module per part of the house."""
