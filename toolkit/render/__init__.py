"""Stage 3, render: the corpus and its index → the editions, as {relative path: bytes}.

What both editions share lives here: the DOM helpers (`dom`), the visitor over the TEI
reading text (`transform`, one `visit_<element>` per TEI element, with the visitors of
the elements that link in `linking`), the edition's wording (`wording`, with the one rule
for stating certainty) and a document's header facts as both editions print them
(`facts`). `html/` makes the static site, `pdf/` the book."""
