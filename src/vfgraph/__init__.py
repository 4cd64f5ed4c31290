"""vfgraph: an open supply-chain ledger for ValueFlows."""
