"""PDF reports (WeasyPrint). Imported by the worker only."""
