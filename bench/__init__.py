"""Benchmarks: each module's main() measures something and prints its figures (`make bench`)."""
