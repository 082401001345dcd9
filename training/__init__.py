"""Training and evaluation code run by developers in a checkout: ``python -m training`` rebuilds every
model, ``python -m training.<module>`` runs one evaluation; the runtime package never imports it."""
