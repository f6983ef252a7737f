"""Stage 1, convert: a source text (+ its editor-supplied metadata) → a TEI document.

Pure: text and registers in; a TEI tree and the candidate register entries its names
need out, the registers unchanged. `document.convert_text` runs the steps (structure,
with clutter and inline markup → names and dates → header); the names of persons,
places and organisations are found in `names/`. The pipeline decodes the source first
(`sources`) and checks the result after (`lossless`)."""
