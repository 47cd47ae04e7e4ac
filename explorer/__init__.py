"""The app side of ResBlock Explorer: shared controls bound to the URL, cached wrappers, tables,
figures and texts. The pages in views/ import this package; the library (resblocks) never does."""
