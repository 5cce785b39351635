def axes_username(request, credentials=None):
    """The user name a login attempt is about: from authenticate()'s credentials, or from the
    two-factor wizard's first step (its fields carry the 'auth-' prefix)."""
    if credentials and credentials.get("username"):
        return credentials["username"]
    return request.POST.get("auth-username") if request is not None else None
