"""Named entities: spaCy NER, the entity types, and the rules that clean and resolve them.

``ner`` runs the model (in worker processes for large adds); ``entity``
holds the types everyone else uses (:class:`~index.entities.entity.Entity`,
the kinds and their labels); ``resolve`` cleans the raw spans and joins the
mentions of one person, place or organisation within an article, with
``propagation`` finding the further mentions of names already known;
``corrections`` lays the user's corrections over what the model found. Nothing
is imported here: the types do not drag in the resolver.
"""
