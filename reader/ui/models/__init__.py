"""What the app's screens show, as plain classes: no Textual here, so that each can
be tested without an app (the list's rows, its source of articles, marks and order)."""
