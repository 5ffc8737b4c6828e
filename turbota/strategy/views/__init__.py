"""Pages of strategies, split by concept: strategies, the tree's nodes, monitoring, import."""
