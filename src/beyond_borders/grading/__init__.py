"""The instructor's grader: runs submitted notebooks in fresh kernels and marks them outside.

Only ``beyond-borders grade`` runs this code; nothing here is imported in a learner's kernel.
``grade.grade`` is plan -> run -> write:

* ``banks``: the question banks copied into memory before any submission runs; put back if changed;
* ``plan``: find and read submissions, match them with the earlier gradebook (the ``Plan``);
* ``run``: the pool of kernels, ``jobs`` at a time, and the Ctrl-C stop;
* ``outcome``: a run and the bank in, a status, problems, marks and a gradebook row out (pure);
* ``write``: gradebook rows and feedback files written after every result;
* ``cli``: the ``grade`` subcommand's arguments and printed summary.

Below them: ``submissions`` (reading one file), ``runner`` (one kernel within limits),
``kernel`` (its manager: message cap, sandboxed launch), ``sandbox`` (bubblewrap, the
verdict-free package copy, rlimits), ``collect`` (answers out of the kernel as data),
``gradebook`` (the CSV), ``state`` (the private record of rows written, the instructor-only
log), ``feedback`` (Markdown).
"""
