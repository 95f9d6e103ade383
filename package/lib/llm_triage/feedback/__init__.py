"""Analyst feedback: dispositions, their review, and what approved ones may be used for."""
