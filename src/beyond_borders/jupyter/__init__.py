"""Jupyter plumbing: kernels on private sockets, the server extension, the Voilà launcher."""
