"""Files and text from outside, handled safely: the lowest layer.

Reading a TOML file with a size cap and only if it is a regular file (tomlfile), writing every
output atomically and privately (atomic), the parse cache (cache), the bundled checklists and
templates (resources), the lock that keeps two walks off one answers file (session_lock),
text from a file made safe for a terminal or a spreadsheet (safe_text), and today's date
(clock: the system's, or the day PRIVACYCHECK_TODAY names).

May import only privacycheck.errors and the version (privacycheck.__version__).
"""
