"""Database expressions the apps share (core imports no app, so any floor may use them)."""

from django.contrib.postgres.fields import DateRangeField
from django.db import models
from django.db.models import Func


class DateRange(Func):
    """PostgreSQL daterange(start, end, '[]'): an open end (NULL) runs for ever."""

    function = "DATERANGE"
    output_field = DateRangeField()

    def __init__(self, start, end):
        super().__init__(start, end, models.Value("[]"))
