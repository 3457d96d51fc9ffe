"""The privacy laws this program knows, one module per law or family, and the registry that the
rest of the code asks (`core.laws.registry`).

A new law is one module here declaring a `LAW` (`base.Law`: its regimes with their request types,
legal bases, deadline and clock rules and regulators; where it applies; how a policy names it),
its line in `registry.BUILTIN`, its letters under `core/templates/letters/<family>/` and its tests.
Every rule carries the source it was checked against in a comment beside it (and says so where a
figure could not be confirmed). Importing this package loads no law: the registry loads them on
first use.
"""
