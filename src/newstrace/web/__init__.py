"""The local web UI (``newstrace serve``) and the one-file report (``newstrace report``).

``views`` builds each page's data as plain JSON-able dicts from the view objects of ``newstrace.views``, so a page
and its JSON API always show the same data; ``app`` serves them (needs ``newstrace[web]``);
``report`` writes one self-contained HTML file. This package imports no web framework itself.
"""
