"""argmap's version: one home, read by the package facade and by build stamps."""

__version__ = "0.1.0"
