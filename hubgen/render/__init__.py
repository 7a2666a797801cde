"""Renderers: read the model, write the site. Nothing here parses content files."""
