"""Load benchmark of the stocktaking database (issue 3): `make bench`, see bench/README.md."""
