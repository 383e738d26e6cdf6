"""Attaché's benchmarks: peer matching (match_bench), pages (page_bench), load (load)."""
