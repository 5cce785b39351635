from django.contrib.auth.backends import ModelBackend, UserModel


class LidmaatschapBackend(ModelBackend):
    """Django's ModelBackend, loading the user's membership and organisation in the same query:
    every request needs them (policy, navigation), so three queries become one."""

    def get_user(self, user_id):
        user = (
            UserModel._default_manager.select_related("lidmaatschap__organisatie").filter(pk=user_id).first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
