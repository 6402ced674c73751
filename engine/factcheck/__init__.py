"""The fact check every generated document passes before it is saved."""
