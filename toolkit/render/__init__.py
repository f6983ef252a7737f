"""Stage 3, render: the corpus and its index → the editions, as {relative path: bytes}.

What both editions share lives here: the DOM helpers (`dom`), the visitor over the TEI
reading text (`transform`, one `visit_<element>` per TEI element) and the edition's
wording (`wording`). `html/` makes the static site, `pdf/` the book."""
