"""Border Security by the Numbers: the helper package behind the book.

All the book's logic lives here; the notebooks in ``book/`` only call it.
"""
