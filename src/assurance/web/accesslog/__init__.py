"""The access log: one row in the app database for each page a person asks for."""
