"""Renderers of the views (``newstrace.views``): ``terminal`` for the command line; the HTML
pages and the report are rendered by ``newstrace.web`` from the same view objects."""
