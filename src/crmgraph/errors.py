"""The one exception type that carries a message meant for the user."""


class CrmgraphError(Exception):
    """Bad input or a failed step, explained in one line.

    The CLI prints the message after ``Error:`` and exits non-zero, without a
    traceback. Library callers can catch it like any exception.
    """
