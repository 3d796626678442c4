"""Every document a review produces, in every format: the report (render, with report_context,
report_data and summary), the risk analysis (risk_report, risk_context), the plan (plan_report,
plan_csv, plan_ics), compare and trend (compare_report, trend_report), portfolio
(portfolio_report) and the kit (kit_render). templates loads the Jinja templates, pdf prints HTML
to PDF (and verify reads back the answers file a PDF carries), output writes any of them to the screen or a file, and deliver chooses between the
two for a command (the screen, or -o and -f). checklist_view shows the checklists; hints
prints a command to copy on a line of its own and keeps short phrases whole. wording holds the
words every report shares (limitations, findings, dates, safe-text filters) and imports no other
report module, so the report modules never import each other round in a circle.

May import privacycheck.analysis, privacycheck.model and privacycheck.files; never the walk,
training or the commands.
"""
