"""Text primitives shared by every stage: normalisation, tokens, sentences."""
