"""The one exception type users see: a one-line message naming the file and the problem."""

from __future__ import annotations


class SahelError(Exception):
    """A problem with an input or a command, worded for the person running it.

    The message is a single line that names the file and says what is wrong and,
    where there is one, what to do. The CLI prints it without a traceback.
    """

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
