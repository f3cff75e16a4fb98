"""Netwerkscan: survey answers of regional care networks in, advisory PDF reports out."""

__version__ = "0.1.0"
