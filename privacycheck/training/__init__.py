"""Fictional practices: the training scenarios (scenario), the exercise walk and its feedback
(train_walk, train_feedback, training), a class graded (grade_report), the trainer's answer key
(answer_key), checklist and scenario files checked (file_check), and the demo practice with its
reports (demo).

May import privacycheck.walk and everything below it; never the commands.
"""
