"""A package for breakpoint tests that use dotted module names."""
