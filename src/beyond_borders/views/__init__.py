"""Views every lesson uses: a pure function that draws or writes HTML, and a thin widget over it.

``views.lessons`` holds the views only one lesson uses.
"""
