"""The instructor's grader: runs submitted notebooks in fresh kernels and marks them outside.

Only ``beyond-borders grade`` runs this code; nothing here is imported in a learner's kernel.
"""
