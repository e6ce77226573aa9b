"""Quick phrases: model, stored shape, library, templates, usage, lint and statistics."""
