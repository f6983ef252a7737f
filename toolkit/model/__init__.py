"""The one model every stage passes on: TEI as an lxml tree, and what is read from it.

Parsing untrusted bytes (`xmlparse`, with `locate` for a node's line and column),
canonical serialisation (`serialize`), the TEI namespace (`tei`), the registers and the
kinds of entity (`registers`), how a document's pointers reach them (`prefixes`), the
corpus of an edition, its index and the anchors it cites (`corpus`, `index`, `anchors`),
a document's header facts (`meta`), and the one diagnostic type (`diagnostics`)."""
