"""The throughput run: ``locust -f bench/locustfile.py --headless …`` with BENCH_PAGE (a path)
and BENCH_SESSION (the session cookie of a user logged in beforehand through the login form,
so that no password hashing falls inside the measured time). The simulated users share that
session and ask for the page again and again without pause: the figure is what the server
can answer."""

import os

from locust import HttpUser, task


class PageUser(HttpUser):
    page = os.environ.get("BENCH_PAGE", "/")

    def on_start(self):
        self.client.cookies.set("sessionid", os.environ.get("BENCH_SESSION", ""))

    @task
    def page_view(self):
        self.client.get(self.page, allow_redirects=False, name="page")
