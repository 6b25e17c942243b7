"""The home page, or an explanation for a user who holds no post."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from config.db_routers import figure_page
from dashboards.selectors import home_summary_for
from organizations.scoping import scope_for


@login_required
@figure_page
def home(request):
    if scope_for(request.user).is_empty:
        # Logged in but holding no post: explain what to do instead of showing an empty system.
        return render(request, "dashboards/no_post.html")
    return render(request, "dashboards/home.html", home_summary_for(request.user))
