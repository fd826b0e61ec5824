"""The 50-minute decision-point simulation, step by step: what the facilitator's sheet prints and
what the instructor guide (``instructors/README.md``, "Running a decision-point simulation")
explains. Kept as data so the sheet and the guide cannot drift apart on the timings."""
from __future__ import annotations

__all__ = ["CLASS_MINUTES", "STEPS"]

# (minutes, step, what happens); the minutes add up to CLASS_MINUTES (a test checks).
STEPS = (
    (5, "Roles to groups", "Split the class into one group per role (three to five learners each); "
                           "hand out the role cards. Meanwhile each group opens the lesson in "
                           "JupyterLab and runs the cells above the decision point. Nobody reads ahead."),
    (7, "Read the brief", "Each group reads the situation and its own brief; questions of fact only, "
                          "answered from the card."),
    (5, "Interests first", "Each group ranks three of its role's interests before it looks at the "
                           "options, and writes them down."),
    (6, "Choose", "Each group chooses an option, or writes its own, and notes what it gives up."),
    (9, "Memo", "Each group writes its memo (the card gives the length and the rubric) and "
                "saves its choice in the notebook, or hands in the card."),
    (3, "Collect", "Each group hands in its `decisions/` folder, into a subfolder named for the "
                   "group (every file of one role has the same name); start collecting as the "
                   "first groups save."),
    (3, "Tally", "Run `beyond-borders tally` on the collected folder and put the table on the "
                 "projector: options and interests by role, memo lengths."),
    (5, "Reveal", "Each group presses Reveal (or the facilitator reads the outcomes from this "
                  "sheet): what every side did, with sources and caveats."),
    (7, "Debrief", "Work through the debrief questions: compare each group's interests and choice "
                   "with what its side did and what the sources cannot show."),
)
CLASS_MINUTES = 50
