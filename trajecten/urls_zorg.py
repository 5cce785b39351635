"""URLs of the family-network plan and evaluations (issue 4); part of the "trajecten" namespace."""

urlpatterns: list = []
