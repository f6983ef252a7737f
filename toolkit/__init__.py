"""TEI edition toolkit for Russian diplomatic texts about the CSTO (ОДКБ)."""

__version__ = "0.1.0"
