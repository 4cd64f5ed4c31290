"""What the vf-graphql types answer beyond the kind table, one module per vf-graphql module.

The object types of the record kinds are derived from :mod:`vfgraph.domain.table` (api/model.py); the
classes here (``<Type>Fields``) hold their ``special`` fields, which the derived types inherit, and the types
that are not record kinds (Action, Measure, traces and footprints, assessments, signals, search hits).
Each carries the stored :class:`~vfgraph.store.reads.Record` it was made from (a private field), which its
resolvers follow; a resolver returns another kind's object through :mod:`vfgraph.api.nodes`.
"""
