"""Training and evaluation code: drives the runtime package, never imported by it."""
