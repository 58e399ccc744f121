"""Page-shaped reads for the residences' pages, one module per part of the house."""
