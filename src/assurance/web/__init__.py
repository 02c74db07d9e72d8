"""The Django project: the app database (meetings, actions, accounts) and, later, the web app.

Use :func:`assurance.web.bootstrap.setup` before touching models from the command line.
"""
