"""`make bench`: build a synthetic corpus with our site and with plain Pelican + pelican-photos.

See `benchmarks/README.md`. Nothing here is imported by the site or its plugins.
"""
