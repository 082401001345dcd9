"""Training and evaluation code (never imported by the runtime package ``analyzer``)."""
