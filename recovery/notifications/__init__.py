"""The notification centre: in-app messages, and email or SMS nudges that never reveal anything."""
