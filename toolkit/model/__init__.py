"""The one model every stage passes on: TEI as an lxml tree, and what is read from it.

Parsing untrusted bytes (`xmlparse`), canonical serialisation (`serialize`), the TEI
namespace (`tei`), the registers, the corpus of an edition and its index, and the one
diagnostic type (`diagnostics`)."""
