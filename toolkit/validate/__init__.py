"""Stage 2, validate: the project schema (`schema`, with the fast `prescreen`), the
rules a grammar cannot express (`rules`), and the schema in the forms XML editors use
(`schemagen`)."""
