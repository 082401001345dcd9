"""Training and evaluation code: builds and measures the models; nothing in ``analyzer/`` imports it."""
