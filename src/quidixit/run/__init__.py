"""Executors: they only shard, chain and hand results on. The extraction code is the same everywhere."""
