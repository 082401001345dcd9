"""Training and evaluation code (run as ``python -m training.<module>``); the runtime
package ``analyzer`` never imports it."""
