"""The edition as data: what a machine reads beside the pages a person reads.

- `dts`: the Distributed Text Services 1.0 API as static files (entry point, collection,
  navigation, documents and their citable fragments);
- `citation`: "cite this" for a document and each clause: CSL-JSON, GOST R 7.0.100–2018 and
  Chicago through citeproc-py, BibTeX, RIS, the citation_* meta tags Zotero reads;
- `jsonld`: schema.org JSON-LD for a document page and for a register entry;
- `exports`: the registers as CSV and JSON, the mentions as CSV, places as GeoJSON,
  CITATION.cff;
- `rdf`: the corpus as RDF Turtle (Dublin Core terms, mentions, owl:sameAs Wikidata).

Each module is a pure function of the model (Corpus, Index, EditionConfig) and a `DataLinks`
(links.py) that says where the site is: it returns `{site path: bytes}`, dicts or elements,
the same for the same input (sorted where order is not the corpus's, no clocks).
"""
