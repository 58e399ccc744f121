"""Governance and accountability: house meetings, votes, officers, chores, incidents, tests."""
