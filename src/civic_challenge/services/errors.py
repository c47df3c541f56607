"""Errors a service raises: each carries a message written for the person using the app."""


class ServiceError(Exception):
    """Something the user can act on; `str(error)` is the plain-English message."""


class InvalidInput(ServiceError):
    """One or more fields were refused; `problems` maps each field to its messages."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        self.problems = {field: msgs for field, msgs in problems.items() if msgs}
        lines = [msg for msgs in self.problems.values() for msg in msgs]
        super().__init__(" ".join(lines))


class PermissionDenied(ServiceError):
    def __init__(self, message: str = "You do not have permission to do that.") -> None:
        super().__init__(message)


class NotFound(ServiceError):
    pass


class ChangedElsewhere(ServiceError):
    """What the form was drawn from was saved by someone else since (another organiser, another
    tab): the save is refused so that neither change is lost without a word."""


def raise_if_problems(problems: dict[str, list[str]]) -> None:
    if any(problems.values()):
        raise InvalidInput(problems)
