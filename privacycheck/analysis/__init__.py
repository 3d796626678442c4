"""What the answers mean: the score (scoring), the risk analysis (risk, with register: the places
a threat concerns, their weak facts and the contradictions with the answers), the plan through the
year (plan), the changes between reviews (compare, trend), many practices at once (portfolio)
and the starter documents a practice needs (kit). review opens an answers file with its
checklist and scores it.

Data flows checklist and answers -> scoring -> risk, plan, compare -> reports. No module here
prints, prompts or renders. May import privacycheck.model and privacycheck.files.
"""
