"""Retrieval: candidate sources for one article, fused from independent cheap signals."""
