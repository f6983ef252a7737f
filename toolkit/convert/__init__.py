"""Stage 1, convert: a source text (+ its editor-supplied metadata) → a TEI document.

Pure: text and registers in, a TEI tree out. `document.convert_text` runs the steps
(sources → structure → inline → names and dates → header → lossless check); the names of
persons, places and organisations are found in `names/`."""
