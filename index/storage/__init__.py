"""The article store and the single-writer lock: what a library keeps, and who may change it.

``database`` is the SQLite file (tables, safe connections, transactions, the
row mapping); ``rows`` reads rows one by one where one may be unreadable;
``store`` is the store's API (articles, origins, entities, vocabulary, the
states that make a commit atomic); ``lock`` the flock every writer holds;
``order`` the library's one newest-first order; ``entity_tables`` and
``entity_totals`` the entities across the library (who has which, and how many);
``correction_table`` the user's entity corrections.
Nothing is imported here.
"""
