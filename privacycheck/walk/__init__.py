"""The interactive review: the questions (prompts, keypick, and plain for screen readers), the
walk through profile, inventory, items and risks (walk, interview, inventory_walk, risk_walk),
its saved state (walk_state), and the plan's interactive update (plan_update).

May import privacycheck.reports and everything below it; never training or the commands.
"""
