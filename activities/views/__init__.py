"""Pages of the activities app, one module per area."""


def query_without_page(request) -> str:
    """The list's filters as a query string, for the pagination links and exports."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
