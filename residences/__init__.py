"""Residences, rooms and beds, applications and admissions, stays, house rules, rent and fees."""
