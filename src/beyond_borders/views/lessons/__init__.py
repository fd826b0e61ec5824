"""Views written for one lesson each (the lesson number is in each module's docstring)."""
