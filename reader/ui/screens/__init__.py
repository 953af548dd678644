"""The app's screens: article list, preview, diff, problems and help."""
