"""casefile lint: rules over parsed entries that yield findings."""
