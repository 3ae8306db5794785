"""The local web app (`unlisted app`): a window on this computer over the same engine and store as the CLI."""
