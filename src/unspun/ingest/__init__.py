"""Ingest: every way in (HTML, WARC, JSONL, text, folders, stdin) ends in one `Article`."""
