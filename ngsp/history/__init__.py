"""The local store, snapshots and what changed between two trackers."""
