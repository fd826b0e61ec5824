"""The instructor's class tools for decision points: the tally of the choices a group saved
(``beyond-borders tally``), printable role cards and the facilitator's sheet
(``beyond-borders role-cards``), and the timings of a 50-minute simulation they share.

Instructor only: a learner's kernel never imports this folder (``tests/test_architecture.py``).
"""
