"""Residents and their recovery: profiles, consents, phases, plans, reviews, assessments."""
