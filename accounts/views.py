"""The login page, which also says why a session ended, and the password change pages."""

from django.contrib.auth import views as auth_views

from accounts.middleware import IDLE, MAX_AGE, signed_out_message


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reason = self.request.GET.get("reason")
        if reason in (IDLE, MAX_AGE):
            context["signed_out_message"] = signed_out_message(reason)
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's: the new password passes AUTH_PASSWORD_VALIDATORS, and the session of this
    browser is kept (update_session_auth_hash) while every other session of the user ends,
    since its stored password hash no longer matches."""


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    pass
