"""Measuring the converter: precision and recall of TEI against a reference annotation."""
