"""The benchmark's count of SQL queries per request, over HTTP: with ``BENCH_QUERY_COUNT=1``
(never in production) every response carries ``X-Query-Count``, the number of queries the
request ran on the default database. It wraps the connection's execution instead of reading
``connection.queries``, so it counts with DEBUG off, as the benchmark runs."""

from django.db import connection

HEADER = "X-Query-Count"


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response[HEADER] = str(count)
        return response
