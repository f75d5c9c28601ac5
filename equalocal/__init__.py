"""equalocal: the CEMR Equality Charter cycle for local and regional governments."""

__version__ = "0.1.0"
