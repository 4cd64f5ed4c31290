"""The vf-graphql object types, one module per vf-graphql module.

Types refer to each other across modules through ``strawberry.lazy``. Each carries the stored
:class:`~vfgraph.store.reads.Record` it was made from (a private field), which its resolvers follow.
"""
