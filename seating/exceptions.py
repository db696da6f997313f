"""Seating's domain errors: the events app's, so config/api.py maps them to HTTP once."""

from events.exceptions import Conflict, DomainError, InvalidInput, NotFound

__all__ = ["Conflict", "DomainError", "InvalidInput", "NotFound"]
