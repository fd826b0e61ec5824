"""Faults injected on purpose, to test that widgets recover from an exception."""


def fails_once(monkeypatch, module, name):
    """Make ``module.name`` raise on its next call only; returns the list of calls made."""
    real, calls = getattr(module, name), []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError(f"{name} failed")
        return real(*args, **kwargs)
    monkeypatch.setattr(module, name, flaky)
    return calls
