"""The two files a review is made of, read, validated and written: the checklist (checklist,
with its conditions) and the answers file (answers). coverage maps the checklist against the
article the product grew from; state_law reads the US state-law data file beside the checklist
and says each state's rules in words. record makes the frozen records every layer's model is
built of (a lighter @dataclass(frozen=True)).

May import privacycheck.files and privacycheck.errors; nothing above.
"""
