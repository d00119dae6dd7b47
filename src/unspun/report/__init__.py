"""Reports of one trace: JSON (versioned schema), terminal (Rich), HTML (self-contained)."""
