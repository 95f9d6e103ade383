"""Measuring triage against approved analyst dispositions: metrics by slice, and replays of labelled
history through a candidate provider."""
