"""What each command of `tei-edition` does, one module per command: it reads through
`io`, calls the pure stages, writes through `io`, prints the diagnostics through `echo`
and returns the exit code (0 clean, 1 problems, 2 usage). `cli.py` only maps options to
these calls.

    convert   convert.run        text sources → TEI (candidates into the registers)
    validate  validate.run       schema + rules over TEI files
    build     build.run          the HTML and PDF editions
    format    format.run         TEI files in the canonical layout
    new       new.run            a new TEI document from the template
    entities  entities.run       candidate entries and unlinked mentions; accept
    evaluate  evaluate.run       the markup against a reference annotation
    watch     watch.run          validate on save, rebuild, serve
"""
