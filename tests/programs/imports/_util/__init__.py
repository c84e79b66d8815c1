"""Helper package _util with a nested subpackage."""
LOADED = True
