"""The web app's pages. Views read the record and call ``meetings.services`` to change it;
they hold no business rules of their own."""
