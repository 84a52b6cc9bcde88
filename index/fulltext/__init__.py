"""Full-text search: the Whoosh index, what goes in it and how it is searched.

``schema`` and ``analysis`` say what is indexed and how words become terms;
``writer`` turns articles into documents and commits them, ``segments`` says
how segments are written and merged, ``folder`` which index in the index
folder is live and ``rebuild`` makes a new one from the store; ``query`` and
``expansion`` read and bound a query, ``search`` runs it (``refresh`` keeps
its searcher current), ``matches`` and ``snippet`` say where it matched and
``spelling`` suggests what was meant. Nothing is imported here.
"""
