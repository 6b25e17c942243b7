"""Cross-app tests: access, contracts of the architecture, translations, settings."""
