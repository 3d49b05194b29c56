"""List exports: CSV streamed straight to the browser, XLSX built by a report job."""
