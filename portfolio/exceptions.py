class InvalidTransition(Exception):
    """The move is not part of the review workflow (the API answers 409, pages show a message)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
