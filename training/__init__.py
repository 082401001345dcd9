"""Training and evaluation code run by developers (``python -m training.<module>``); never imported at run time."""
