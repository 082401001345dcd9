"""Training and evaluation code: builds and measures the models in ``models/``.

Run as ``python -m training.<module>``; nothing in ``analyzer/`` (the runtime) imports it.
"""
