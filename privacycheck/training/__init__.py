"""Fictional practices: the training scenarios (scenario), the exercise walk and its feedback
(train_walk, train_feedback, training), and the demo practice (demo).

May import privacycheck.walk and everything below it; never the commands.
"""
