# errors: raise SystemExit(0) after output exits cleanly with status 0; SystemExit(None) semantics
print("clean shutdown")
raise SystemExit(0)
