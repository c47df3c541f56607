"""Civic Challenge: run a city's civic innovation challenge from open call to published winners."""
