"""The schemes a user sees, newest first, with their state, period and deadline."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from assessment.selectors.schemes import schemes_for


@login_required
def scheme_list(request):
    return render(
        request, "assessment/scheme_list.html", {"schemes": list(schemes_for(request.user))}
    )
