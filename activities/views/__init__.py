"""Pages of the activities app, one module per area, and what they share."""

from django.contrib import messages


def query_without_page(request) -> str:
    """The list's filters as a query string, for the pagination links and exports."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def message_errors(request, error) -> None:
    """A service's refusal of a step taken without a form, shown as messages."""
    for text in error.messages:
        messages.error(request, text)
