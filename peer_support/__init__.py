"""Peer support: mentoring, daily check-ins, meetings, workshops, community partners."""
