"""The course as a static website and printable handouts, from the notebooks' stored outputs.

Maintainers and instructors run this (``make site``, ``make handouts``); a learner's kernel never
imports it. One rendering serves both: the site's pages are printed to PDF by a headless browser,
so what is on paper is what is on screen, minus the navigation.
"""
