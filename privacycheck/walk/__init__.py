"""Changing an answers file, every change saved at once. The interactive review: the questions
(prompts, keypick, and plain for screen readers), the walk through profile, inventory, items
and risks (walk, interview, inventory_walk, risk_walk) and its saved state (walk_state). The
plan's changes through the year (plan_changes), with its one-by-one update (plan_update).

May import privacycheck.reports and everything below it; never training or the commands.
"""
