"""Full-text search: the Whoosh index, what goes in it and how it is searched.

``schema`` and ``analysis`` say what is indexed and how words become terms;
``writer`` turns articles into documents and commits them, ``segments`` says
when and how segments are merged, ``whoosh_patches`` holds every change to
Whoosh's own behaviour (checked against the installed Whoosh by its
``apply()``), ``folder`` which index in the index folder is live and
``rebuild`` makes a new one from the store; ``query`` and ``expansion`` read
and bound a query, ``search`` runs it (``refresh`` keeps its searcher
current), ``matches`` and ``snippet`` say where it matched and ``spelling``
suggests what was meant. Nothing is imported here.
"""
