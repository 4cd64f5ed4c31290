"""The GraphQL API (vf-graphql shapes) over the ledger: types, inputs, thin resolvers, request context.

This is the only package that imports strawberry.
"""
