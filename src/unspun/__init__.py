"""unspun: where did this news article come from, and what did they change?"""

__version__ = "0.1.0"
