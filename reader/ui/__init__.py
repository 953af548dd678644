"""The Textual app. Only this package imports textual: the shell commands never load it."""
