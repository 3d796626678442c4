"""privacycheck: a confidentiality self-assessment for therapy and mental-health practices."""

__version__ = "0.1.0"
